package com.widgetsunlimited.etl.ingest.kafka;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceTopics;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.DataGenerator;
import com.widgetsunlimited.etl.operations.generator.Defects;
import com.widgetsunlimited.etl.operations.generator.GenerationRequest;
import com.widgetsunlimited.etl.operations.generator.GeneratorState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventParserTests {

	static final LocalDate DAY = LocalDate.of(2024, 1, 2);

	private final DataGenerator generator = new DataGenerator(new GeneratorState(), new Random(1),
			Defects.none(new Random(2)));

	@Test
	void simulatorEvents_parseBackToTheSameRows() throws Exception {
		// given
		List<Change> customers = this.generator.generate(GenerationRequest.inserts(Entity.CUSTOMER, 20));
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER, DAY);

		for (Change change : customers) {
			// when
			Ingested ingested = parser.process(event(change));

			// then
			assertThat(ingested.isRejected()).isFalse();
			assertThat(ingested.staged().row()).isEqualTo(change.after());
			assertThat(ingested.staged().operation()).isEqualTo("c");
			assertThat(ingested.staged().sourceTime()).isEqualTo(change.at());
			assertThat(ingested.staged().origin()).isEqualTo("ecommerce.customer/0@" + change.key());
		}
	}

	@Test
	void instants_readAsInstantParseReadsThem_orRefusedAsItRefusesThem() {
		// given: instants of every fraction length and calendar edge, then texts near
		// that shape that Instant.parse reads otherwise or refuses
		Random random = new Random(7);
		List<String> texts = new ArrayList<>(List.of("2024-01-02T10:15:30Z", "2024-02-29T23:59:59.999999999Z",
				"2023-02-29T10:00:00Z", "2024-04-31T10:00:00Z", "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z",
				"2024-01-00T10:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T10:60:00Z", "2024-01-02T23:59:60Z",
				"2024-01-02T10:15:30.Z", "2024-01-02T10:15:30.1234567890Z", "2024-01-02t10:15:30z",
				"2024-01-02T10:15:30+01:00", "+2024-01-02T10:15:30Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9Z",
				"2024-01-02T1a:15:30Z", "2024-01-02 10:15:30Z", "2024-1-02T10:15:30Z", ""));
		for (int i = 0; i < 2000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
					random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(10)));
			texts.add(instant.toString());
		}

		for (String text : texts) {
			// when
			Object expected;
			try {
				expected = Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				expected = DateTimeParseException.class;
			}
			Object actual;
			try {
				actual = ChangeEventParser.instant(text);
			}
			catch (DateTimeParseException ex) {
				actual = DateTimeParseException.class;
			}

			// then
			assertThat(actual).as(text).isEqualTo(expected);
		}
	}

	@Test
	void deletes_carryTheRowBeforeTheDelete() throws Exception {
		this.generator.generate(GenerationRequest.inserts(Entity.CUSTOMER, 3));
		List<Change> deletes = this.generator.generate(GenerationRequest.deletes(Entity.CUSTOMER, 1));

		Ingested ingested = new ChangeEventParser(Entity.CUSTOMER, DAY).process(event(deletes.get(0)));

		assertThat(ingested.staged().operation()).isEqualTo("d");
		assertThat(ingested.staged().row()).isEqualTo(deletes.get(0).before());
	}

	@Test
	void debeziumDefaultEncodings_withTheSchemaWrapper() {
		// given: an order line as Debezium's JsonConverter writes it with schemas enabled
		String value = """
				{"schema":{"type":"struct","fields":[
				  {"type":"struct","optional":true,"field":"before","fields":[]},
				  {"type":"struct","optional":true,"field":"after","fields":[
				    {"type":"int64","field":"order_line_item_id"},
				    {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"},"field":"unit_price"},
				    {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"},"field":"total_price"},
				    {"type":"int64","name":"io.debezium.time.MicroTimestamp","field":"inserted_at"},
				    {"type":"int64","name":"io.debezium.time.Timestamp","field":"updated_at"}]}]},
				 "payload":{"before":null,"after":{"order_line_item_id":7,"order_id":3,"product_id":11,"quantity":2,
				   "unit_price":"BNI=","total_price":"CaQ=","comments":null,
				   "inserted_at":1704189600123456,"updated_at":1704189600123},
				   "source":{"connector":"postgresql"},"op":"c","ts_ms":1704189600999}}
				""";

		// when
		Ingested ingested = new ChangeEventParser(Entity.ORDER_LINE_ITEM, DAY)
			.process(new ChangeEvent("ecommerce.order_line_item", 1, 44, "{\"order_line_item_id\":7}", value));

		// then
		assertThat(ingested.isRejected()).as(String.valueOf(ingested.reject())).isFalse();
		var row = ingested.staged().row();
		assertThat(row.decimal("unit_price")).isEqualTo(new BigDecimal("12.34"));
		assertThat(row.decimal("total_price")).isEqualTo(new BigDecimal("24.68"));
		assertThat(row.timestamp("inserted_at")).isEqualTo(Instant.parse("2024-01-02T10:00:00.123456Z"));
		assertThat(row.timestamp("updated_at")).isEqualTo(Instant.parse("2024-01-02T10:00:00.123Z"));
		assertThat(ingested.staged().sourceTime()).isEqualTo(Instant.ofEpochMilli(1704189600999L));
	}

	@Test
	void theSchemasEnabledForm_readsTheSameWhicheverOfSchemaAndPayloadComesFirst() {
		// given: the payload before the schema (JSON does not order an object's fields)
		String schema = """
				{"type":"struct","fields":[{"type":"struct","optional":true,"field":"after","fields":[
				  {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"},"field":"unit_price"},
				  {"type":"int64","name":"io.debezium.time.Timestamp","field":"updated_at"}]}]}""";
		String payload = """
				{"after":{"order_line_item_id":7,"order_id":3,"product_id":11,"quantity":2,"unit_price":"BNI=",
				 "total_price":"24.68","inserted_at":1704189600000000,"updated_at":1704189600123},"op":"c"}""";
		ChangeEventParser parser = new ChangeEventParser(Entity.ORDER_LINE_ITEM, DAY);

		// when
		List<Ingested> parsed = List
			.of("{\"schema\":" + schema + ",\"payload\":" + payload + "}",
					"{\"payload\":" + payload + ",\"schema\":" + schema + "}")
			.stream()
			.map((value) -> parser.process(new ChangeEvent("ecommerce.order_line_item", 0, 1, "7", value)))
			.toList();

		// then
		for (Ingested ingested : parsed) {
			assertThat(ingested.isRejected()).as(String.valueOf(ingested.reject())).isFalse();
			assertThat(ingested.staged().row().decimal("unit_price")).isEqualTo(new BigDecimal("12.34"));
			assertThat(ingested.staged().row().timestamp("updated_at"))
				.isEqualTo(Instant.parse("2024-01-02T10:00:00.123Z"));
		}
	}

	@Test
	void envelopesOfEveryShape_areReadAsTheirTreeReads_andTheUnreadableOnesRejectedWithWhy() {
		// given: a customer, and values around it of every shape a JSON value can take
		String after = "{\"customer_id\":5,\"name\":\"Ann Lee\",\"user_id\":\"alee5\",\"email\":\"a@b.c\","
				+ "\"is_preferred\":false,\"is_active\":true,\"extra\":[1,{\"x\":[]}],"
				+ "\"inserted_at\":\"2024-01-02T10:00:00Z\",\"updated_at\":\"2024-01-02T10:00:00Z\"}";
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER, DAY);
		List<String> values = List.of(
				// extra fields, nested, in the envelope and in the row; the last of a
				// field named twice
				"{\"source\":{\"a\":[1,{\"b\":null}]},\"op\":\"x\",\"after\":" + after + ",\"op\":\"u\"}",
				// a null schema is still the schemas-enabled form
				"{\"schema\":null,\"payload\":{\"op\":\"c\",\"after\":" + after + "}}",
				// a payload without a schema is just a field
				"{\"payload\":{\"op\":\"c\",\"after\":" + after + "},\"op\":\"r\",\"after\":" + after + "}",
				"{\"schema\":{},\"payload\":5}", "{\"op\":\"c\",\"after\":5}", "{\"op\":\"d\",\"before\":null}",
				"{\"op\":{\"c\":1},\"after\":" + after + "}",
				"{\"op\":\"c\",\"after\":" + after.replace("\"customer_id\":5", "\"customer_id\":{\"id\":5}") + "}",
				"[1,2]", "null", "", "{\"op\":\"c\",\"after\":{\"customer_id\":5,");

		// when
		List<String> outcomes = values.stream()
			.map((value) -> parser.process(new ChangeEvent("ecommerce.customer", 0, 1, "5", value)))
			.map((ingested) -> ingested.isRejected() ? ingested.reject().reason()
					: "staged " + ingested.staged().operation() + " " + ingested.staged().row().get("name"))
			.toList();

		// then
		assertThat(outcomes.subList(0, 10)).containsExactly("staged u Ann Lee", "staged c Ann Lee", "staged r Ann Lee",
				"op '' is none of c, u, d, r", "after row is missing for op c", "before row is missing for op d",
				"op '' is none of c, u, d, r", "customer_id '' is not a valid long", "value is not a JSON object",
				"value is not a JSON object");
		assertThat(outcomes.get(10)).isEqualTo("value is not a JSON object");
		assertThat(outcomes.get(11)).startsWith("value is not JSON: Unexpected end-of-input");
	}

	@Test
	void epochDays_andMicrosecondsWithoutSchema() {
		String value = "{\"before\":null,\"after\":{\"customer_id\":5,\"name\":\"Ann Lee\",\"user_id\":\"alee5\","
				+ "\"email\":\"a@b.c\",\"date_of_birth\":7000,\"is_preferred\":false,\"is_active\":true,"
				+ "\"inserted_at\":1704189600000000,\"updated_at\":1704189600000000},\"op\":\"r\",\"ts_ms\":1}";

		Ingested ingested = new ChangeEventParser(Entity.CUSTOMER, DAY)
			.process(new ChangeEvent("ecommerce.customer", 0, 1, "5", value));

		assertThat(ingested.staged().row().date("date_of_birth")).isEqualTo(LocalDate.ofEpochDay(7000));
		assertThat(ingested.staged().row().timestamp("inserted_at")).isEqualTo(Instant.parse("2024-01-02T10:00:00Z"));
	}

	@Test
	void tombstones_areSkipped() {
		assertThat(new ChangeEventParser(Entity.CUSTOMER, DAY).process(new ChangeEvent("t", 0, 1, "5", null))).isNull();
	}

	@Test
	void malformedValues_areRejectedWithASpecificReason() throws Exception {
		Change change = this.generator.generate(GenerationRequest.inserts(Entity.CUSTOMER, 1)).get(0);
		String json = new ObjectMapper().writeValueAsString(EcommerceTopics.envelope(change));
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER, DAY);

		Ingested truncated = parser.process(new ChangeEvent("ecommerce.customer", 2, 9, "1", json.substring(0, 40)));
		Ingested noKey = parser
			.process(new ChangeEvent("ecommerce.customer", 2, 10, "1", json.replace("\"customer_id\":1,", "")));
		Ingested badOp = parser.process(new ChangeEvent("ecommerce.customer", 2, 11, "1", "{\"op\":\"x\"}"));

		assertThat(truncated.reject().reason()).startsWith("value is not JSON");
		assertThat(truncated.reject().origin()).isEqualTo("ecommerce.customer/2@9");
		assertThat(noKey.reject().reason()).isEqualTo("customer_id is missing");
		assertThat(badOp.reject().reason()).isEqualTo("op 'x' is none of c, u, d, r");
	}

	@Test
	void numbersBeyondTheirTypeAndDatesBeyondYear9999_areRejected_neverCutToFit() {
		// given: order lines whose numbers the column cannot hold, and a customer born in
		// year 99999
		ChangeEventParser lines = new ChangeEventParser(Entity.ORDER_LINE_ITEM, DAY);
		String line = "{\"op\":\"c\",\"ts_ms\":%s,\"after\":{\"order_line_item_id\":%s,\"order_id\":3,"
				+ "\"product_id\":11,\"quantity\":%s,\"unit_price\":\"%s\",\"total_price\":\"5.00\","
				+ "\"inserted_at\":\"2024-01-02T10:00:00Z\",\"updated_at\":\"2024-01-02T10:00:00Z\"}}";
		String customer = "{\"op\":\"c\",\"after\":{\"customer_id\":5,\"name\":\"Ann\",\"user_id\":\"a\","
				+ "\"email\":\"a@b.c\",\"date_of_birth\":\"+99999-01-01\",\"is_preferred\":false,\"is_active\":true,"
				+ "\"inserted_at\":\"2024-01-02T10:00:00Z\",\"updated_at\":\"2024-01-02T10:00:00Z\"}}";

		// when
		List<String> reasons = java.util.stream.Stream
			.of(line.formatted("1", "1", "99999999999", "2.50"), line.formatted("1", "2", "2.7", "2.50"),
					line.formatted("1", "3", "-1", "2.50"), line.formatted("1", "4", "1", "1e40"),
					line.formatted("1", "18446744073709551616", "1", "2.50"), line.formatted("1e30", "5", "1", "2.50"),
					line.formatted("1", "6", "1", "2.50"))
			.map((value) -> lines.process(new ChangeEvent("ecommerce.order_line_item", 0, 1, "1", value)))
			.map((ingested) -> ingested.isRejected() ? ingested.reject().reason() : "staged")
			.toList();
		Ingested born = new ChangeEventParser(Entity.CUSTOMER, DAY)
			.process(new ChangeEvent("ecommerce.customer", 0, 1, "5", customer));

		// then
		assertThat(reasons).containsExactly("quantity '99999999999' is not a valid integer",
				"quantity '2.7' is not a valid integer",
				"quantity is -1: a sale, return or stock movement moves at least one item",
				"unit_price 1E+40 does not fit decimal(18,2)",
				"order_line_item_id '18446744073709551616' is not a valid long",
				"ts_ms '1.0E30' is not a time in epoch milliseconds", "staged");
		assertThat(born.reject().reason())
			.isEqualTo("date_of_birth is in year 99999, outside the years 1 to 9999 the warehouse stores");
	}

	@Test
	void aValueThatCouldNotBeRead_isRejectedWithWhy() {
		Ingested ingested = new ChangeEventParser(Entity.CUSTOMER, DAY).process(new ChangeEvent("ecommerce.customer", 0,
				1, "5", "{\"op\":\"c\"\ufffd", "value holds bytes that are not UTF-8 (from byte 10 on)"));

		assertThat(ingested.reject().reason()).isEqualTo("value holds bytes that are not UTF-8 (from byte 10 on)");
		assertThat(ingested.reject().payload()).isEqualTo("{\"op\":\"c\"\ufffd");
	}

	@Test
	void recordValues_areReadAsUtf8_aWrittenReplacementCharacterIsText_aByteThatIsNotUtf8IsUnreadable() {
		// given: a value that writes U+FFFD, one with a byte that is not UTF-8, one with
		// both
		byte[] written = "{\"name\":\"a\uFFFDb\"}".getBytes(StandardCharsets.UTF_8);
		byte[] broken = { '{', '"', 0x61, (byte) 0xC3, 0x28, '"', '}' };
		byte[] both = new byte[written.length + broken.length];
		System.arraycopy(written, 0, both, 0, written.length);
		System.arraycopy(broken, 0, both, written.length, broken.length);

		// when
		ChangeEvent read = KafkaSliceItemReader.event(new ConsumerRecord<>("ecommerce.customer", 0, 1, "5", written));
		ChangeEvent unreadable = KafkaSliceItemReader
			.event(new ConsumerRecord<>("ecommerce.customer", 0, 2, "5", broken));
		ChangeEvent unreadableAfterText = KafkaSliceItemReader
			.event(new ConsumerRecord<>("ecommerce.customer", 0, 3, "5", both));

		// then
		assertThat(read.value()).isEqualTo("{\"name\":\"a\uFFFDb\"}");
		assertThat(read.unreadable()).isNull();
		assertThat(unreadable.unreadable()).isEqualTo("value holds bytes that are not UTF-8 (from byte 3 on)");
		assertThat(unreadableAfterText.unreadable())
			.isEqualTo("value holds bytes that are not UTF-8 (from byte " + (written.length + 3) + " on)");
	}

	private static ChangeEvent event(Change change) throws Exception {
		String topic = EcommerceTopics.topic(change.entity());
		return new ChangeEvent(topic, 0, change.key(), Long.toString(change.key()),
				new ObjectMapper().writeValueAsString(EcommerceTopics.envelope(change)));
	}

}
