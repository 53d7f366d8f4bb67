package com.widgetsunlimited.etl.ingest.kafka;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceConnector;
import com.widgetsunlimited.etl.source.EcommerceTopics;
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

	/**
	 * The schema of an order line's price (a Connect decimal of the scale {@code %s}) and
	 * update time (of the Debezium time type {@code %s}).
	 */
	static final String ORDER_LINE_SCHEMA = """
			{"type":"struct","fields":[{"type":"struct","optional":true,"field":"after","fields":[
			  {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"%s"},"field":"unit_price"},
			  {"type":"int64","name":"%s","field":"updated_at"}]}]}""";

	/**
	 * The order line of {@link #theLastSchemaAndPayloadNamedCount_andOnlyWithBoth} read
	 * without its schema: base64 is no decimal, and milliseconds are no microseconds.
	 */
	private static final String MILLIS_WITHOUT_SCHEMA = "unit_price 'BNI=' is not a valid decimal; updated_at 1704189600123 has no schema to say its unit: as microseconds 1970-01-20T17:23:09.600123Z, as milliseconds 2024-01-02T10:00:00.123Z (keep the converter's schemas, or set time.precision.mode=isostring)";

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
	void aDeleteNamingOnlyTheKey_asTheDefaultReplicaIdentitySendsIt_isADeleteWithTheOtherValuesUnknown() {
		// given: what a real connector sends for a table without REPLICA IDENTITY FULL
		String keyOnly = """
				{"before":{"customer_id":7,"name":null,"user_id":null,"email":null,"is_preferred":null,
				 "is_active":null,"inserted_at":null,"updated_at":null},"after":null,
				 "source":{"connector":"postgresql","lsn":24023128,"ts_ms":1704189600000},"op":"d","ts_ms":1704189600321}""";
		String keyOnlyWithoutTime = keyOnly.replace(",\"ts_ms\":1704189600000", "")
			.replace(",\"ts_ms\":1704189600321", "");

		// when
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER, DAY);
		Ingested delete = parser.process(new ChangeEvent("shop.public.customer", 0, 5, "7", keyOnly));
		Ingested untimed = parser.process(new ChangeEvent("shop.public.customer", 0, 6, "7", keyOnlyWithoutTime));

		// then: the key and the source's time of the change are all it carries
		assertThat(delete.isRejected()).as(String.valueOf(delete.reject())).isFalse();
		assertThat(delete.staged().operation()).isEqualTo("d");
		assertThat(delete.staged().row().key()).isEqualTo(7L);
		assertThat(delete.staged().row().complete()).isFalse();
		assertThat(Long.bitCount(delete.staged().row().unknown())).isEqualTo(Entity.CUSTOMER.columns().size() - 1);
		assertThat(delete.staged().sourceTime()).isEqualTo(Instant.ofEpochMilli(1704189600000L));
		assertThat(untimed.reject().reason())
			.isEqualTo("a delete that names only the key needs the source's ts_ms to be ordered with the row's "
					+ "other states");
	}

	@Test
	void anUnchangedToastedColumn_isUnknown_neverItsPlaceholderText() {
		// given: an update of an order whose long instructions did not change
		String update = """
				{"before":null,"after":{"order_id":3,"customer_id":5,"shipping_address_id":8,
				 "special_instructions":"__debezium_unavailable_value","shipping_cost":"4.99",
				 "execution_time":"2024-01-02T09:00:00Z","cancelled":true,
				 "inserted_at":"2024-01-02T09:00:00Z","updated_at":"2024-01-02T11:00:00Z"},
				 "source":{"ts_ms":1704193200000},"op":"u","ts_ms":1704193200555}""";
		String insert = update.replace("\"op\":\"u\"", "\"op\":\"c\"");

		// when
		ChangeEventParser parser = new ChangeEventParser(Entity.ORDER, DAY);
		Ingested updated = parser.process(new ChangeEvent("shop.public.order", 0, 9, "3", update));
		Ingested inserted = parser.process(new ChangeEvent("shop.public.order", 0, 10, "3", insert));

		// then
		assertThat(updated.isRejected()).as(String.valueOf(updated.reject())).isFalse();
		assertThat(updated.staged().row().unknown()).isEqualTo(1L << Entity.ORDER.position("special_instructions"));
		assertThat(updated.staged().row().string("special_instructions")).isNull();
		assertThat(updated.staged().row().bool("cancelled")).isTrue();
		assertThat(inserted.staged().row().unknown()).isEqualTo(updated.staged().row().unknown());
	}

	@Test
	void theSourcesTimeOfTheChange_ordersIt_notTheTimeTheConnectorSentIt() {
		// given: one change sent twice, the second time after a connector restart
		String first = """
				{"before":null,"after":{"order_line_item_id":7,"order_id":3,"product_id":11,"quantity":2,
				 "unit_price":"1.50","total_price":"3.00","inserted_at":"2024-01-02T09:00:00Z",
				 "updated_at":"2024-01-02T09:00:00Z"},
				 "source":{"lsn":24023128,"ts_ms":1704186000000},"op":"c","ts_ms":1704186000400}""";
		String again = first.replace("1704186000400", "1704272400400");

		// when
		ChangeEventParser parser = new ChangeEventParser(Entity.ORDER_LINE_ITEM, DAY);
		Instant firstTime = parser.process(new ChangeEvent("t", 0, 1, "7", first)).staged().sourceTime();
		Instant againTime = parser.process(new ChangeEvent("t", 0, 2, "7", again)).staged().sourceTime();

		// then
		assertThat(firstTime).isEqualTo(Instant.parse("2024-01-02T09:00:00Z")).isEqualTo(againTime);
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
		String schema = ORDER_LINE_SCHEMA.formatted("2", "io.debezium.time.Timestamp");
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
		String json = new ObjectMapper().writeValueAsString(EcommerceConnector.envelope(change));
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
	void valuesOfEveryJsonShape_inColumnsOfEveryType_decodeOrAreRejectedWithTheirText() {
		// given: JSON values of every shape, each as one column of an otherwise valid
		// row, read the same whether the envelope is plain or wraps a schema (one that
		// names no logical type) before or after its payload
		List<String> shapes = List.of("\"x\"", "\"\"", "\"true\"", "true", "false", "1.0", "2.5", "1E400",
				"9223372036854775808", "{}", "{\"a\":[1,\"b\"]}", "[1]", "null");

		// when
		List<String> longs = outcomes(Entity.ORDER, "shipping_address_id", null, shapes, "42", "-0", "-7",
				"9223372036854775807", "-9223372036854775809", "\"42\"", "\"+42\"", "\" 42\"", "\"4\\u0032\"",
				"\"9223372036854775808\"");
		List<String> integers = outcomes(Entity.ORDER_LINE_ITEM, "quantity", null, shapes, "42", "2147483647",
				"2147483648", "\"42\"", "\"2147483648\"");
		List<String> texts = outcomes(Entity.ORDER, "special_instructions", null, shapes, "42", "-0",
				"9223372036854775807", "1e2", "12.340", "\"a \\\"b\\\" \\u00e9\\n\"");
		List<String> booleans = outcomes(Entity.ORDER, "cancelled", null, shapes, "\"false\"", "\"TRUE\"", "1", "0");
		List<String> dates = outcomes(Entity.CUSTOMER, "date_of_birth", null, shapes, "19724", "-0", "19724.9",
				"99999999999", "18446744073729276316", "\"2024-01-02\"", "\"2024-1-2\"", "\"2024-02-30\"",
				"\"2024-01-0\\u0032\"", "\"+12024-01-02\"", "\"2024-01-02T10:15:30Z\"");
		List<String> timestamps = outcomes(Entity.ORDER, "execution_time", null, shapes, "1704189600123456", "-1",
				"1704189600123456.7", "\"2024-01-02T10:15:30Z\"", "\"2024-01-02T10:15:30.5+01:00\"",
				"\"2024-01-02T10:15:30\"", "\"2024-01-02\"", "\"1704189600123456\"");
		List<String> decimals = outcomes(Entity.ORDER, "shipping_cost", null, shapes, "\"12.34\"", "\"12.340\"",
				"\"-0.5\"", "\"1e3\"", "\"12,34\"", "\"1\\u0032.5\"", "\"BNI=\"", "42", "12.340",
				"\"123456789012345678901234567890123456789012345\"");

		// then
		assertThat(longs).containsExactly("42 -> 42 Long", "-0 -> 0 Long", "-7 -> -7 Long",
				"9223372036854775807 -> 9223372036854775807 Long",
				"-9223372036854775809 -> shipping_address_id '-9223372036854775809' is not a valid long",
				"\"42\" -> 42 Long", "\"+42\" -> 42 Long", "\" 42\" -> shipping_address_id ' 42' is not a valid long",
				"\"4\\u0032\" -> 42 Long",
				"\"9223372036854775808\" -> shipping_address_id '9223372036854775808' is not a valid long",
				"\"x\" -> shipping_address_id 'x' is not a valid long",
				"\"\" -> shipping_address_id '' is not a valid long",
				"\"true\" -> shipping_address_id 'true' is not a valid long",
				"true -> shipping_address_id 'true' is not a valid long",
				"false -> shipping_address_id 'false' is not a valid long",
				"1.0 -> shipping_address_id '1.0' is not a valid long",
				"2.5 -> shipping_address_id '2.5' is not a valid long",
				"1E400 -> shipping_address_id 'Infinity' is not a valid long",
				"9223372036854775808 -> shipping_address_id '9223372036854775808' is not a valid long",
				"{} -> shipping_address_id '' is not a valid long",
				"{\"a\":[1,\"b\"]} -> shipping_address_id '' is not a valid long",
				"[1] -> shipping_address_id '' is not a valid long", "null -> null");
		assertThat(integers).containsExactly("42 -> 42 Integer", "2147483647 -> 2147483647 Integer",
				"2147483648 -> quantity '2147483648' is not a valid integer", "\"42\" -> 42 Integer",
				"\"2147483648\" -> quantity '2147483648' is not a valid integer",
				"\"x\" -> quantity 'x' is not a valid integer", "\"\" -> quantity '' is not a valid integer",
				"\"true\" -> quantity 'true' is not a valid integer", "true -> quantity 'true' is not a valid integer",
				"false -> quantity 'false' is not a valid integer", "1.0 -> quantity '1.0' is not a valid integer",
				"2.5 -> quantity '2.5' is not a valid integer", "1E400 -> quantity 'Infinity' is not a valid integer",
				"9223372036854775808 -> quantity '9223372036854775808' is not a valid integer",
				"{} -> quantity '' is not a valid integer", "{\"a\":[1,\"b\"]} -> quantity '' is not a valid integer",
				"[1] -> quantity '' is not a valid integer", "null -> quantity is missing");
		assertThat(texts).containsExactly("42 -> 42 String", "-0 -> 0 String",
				"9223372036854775807 -> 9223372036854775807 String", "1e2 -> 100.0 String", "12.340 -> 12.34 String",
				"\"a \\\"b\\\" \\u00e9\\n\" -> a \"b\" \u00e9\n String", "\"x\" -> x String", "\"\" ->  String",
				"\"true\" -> true String", "true -> true String", "false -> false String", "1.0 -> 1.0 String",
				"2.5 -> 2.5 String", "1E400 -> Infinity String", "9223372036854775808 -> 9223372036854775808 String",
				"{} ->  String", "{\"a\":[1,\"b\"]} ->  String", "[1] ->  String", "null -> null");
		assertThat(booleans).containsExactly("\"false\" -> false Boolean",
				"\"TRUE\" -> cancelled 'TRUE' is not a valid boolean", "1 -> cancelled '1' is not a valid boolean",
				"0 -> cancelled '0' is not a valid boolean", "\"x\" -> cancelled 'x' is not a valid boolean",
				"\"\" -> cancelled '' is not a valid boolean", "\"true\" -> true Boolean", "true -> true Boolean",
				"false -> false Boolean", "1.0 -> cancelled '1.0' is not a valid boolean",
				"2.5 -> cancelled '2.5' is not a valid boolean", "1E400 -> cancelled 'Infinity' is not a valid boolean",
				"9223372036854775808 -> cancelled '9223372036854775808' is not a valid boolean",
				"{} -> cancelled '' is not a valid boolean", "{\"a\":[1,\"b\"]} -> cancelled '' is not a valid boolean",
				"[1] -> cancelled '' is not a valid boolean", "null -> cancelled is missing");
		assertThat(dates).containsExactly("19724 -> 2024-01-02 LocalDate", "-0 -> 1970-01-01 LocalDate",
				"19724.9 -> 2024-01-02 LocalDate",
				"99999999999 -> date_of_birth is in year 273792670, outside the years 1 to 9999 the warehouse stores",
				"18446744073729276316 -> date_of_birth is in year 55974, outside the years 1 to 9999 the warehouse stores",
				"\"2024-01-02\" -> 2024-01-02 LocalDate",
				"\"2024-1-2\" -> date_of_birth '2024-1-2' is not a valid date",
				"\"2024-02-30\" -> date_of_birth '2024-02-30' is not a valid date",
				"\"2024-01-0\\u0032\" -> 2024-01-02 LocalDate",
				"\"+12024-01-02\" -> date_of_birth is in year 12024, outside the years 1 to 9999 the warehouse stores",
				"\"2024-01-02T10:15:30Z\" -> date_of_birth '2024-01-02T10:15:30Z' is not a valid date",
				"\"x\" -> date_of_birth 'x' is not a valid date", "\"\" -> date_of_birth '' is not a valid date",
				"\"true\" -> date_of_birth 'true' is not a valid date",
				"true -> date_of_birth 'true' is not a valid date",
				"false -> date_of_birth 'false' is not a valid date", "1.0 -> 1970-01-02 LocalDate",
				"2.5 -> 1970-01-03 LocalDate", "1E400 -> date_of_birth 'Infinity' is not a valid date",
				"9223372036854775808 -> date_of_birth '9223372036854775808' is not a valid date",
				"{} -> date_of_birth '' is not a valid date",
				"{\"a\":[1,\"b\"]} -> date_of_birth '' is not a valid date",
				"[1] -> date_of_birth '' is not a valid date", "null -> null");
		assertThat(timestamps).containsExactly("1704189600123456 -> 2024-01-02T10:00:00.123456Z Instant",
				"-1 -> 1969-12-31T23:59:59.999999Z Instant",
				"1704189600123456.7 -> 2024-01-02T10:00:00.123456Z Instant",
				"\"2024-01-02T10:15:30Z\" -> 2024-01-02T10:15:30Z Instant",
				"\"2024-01-02T10:15:30.5+01:00\" -> 2024-01-02T09:15:30.500Z Instant",
				"\"2024-01-02T10:15:30\" -> execution_time '2024-01-02T10:15:30' is not a valid timestamp",
				"\"2024-01-02\" -> execution_time '2024-01-02' is not a valid timestamp",
				"\"1704189600123456\" -> execution_time '1704189600123456' is not a valid timestamp",
				"\"x\" -> execution_time 'x' is not a valid timestamp",
				"\"\" -> execution_time '' is not a valid timestamp",
				"\"true\" -> execution_time 'true' is not a valid timestamp",
				"true -> execution_time 'true' is not a valid timestamp",
				"false -> execution_time 'false' is not a valid timestamp",
				// a number without a schema that is not a time of these sources as
				// microseconds
				"1.0 -> execution_time 1.0 has no schema to say its unit: as microseconds 1970-01-01T00:00:00.000001Z, as milliseconds 1970-01-01T00:00:00.001Z (keep the converter's schemas, or set time.precision.mode=isostring)",
				"2.5 -> execution_time 2.5 has no schema to say its unit: as microseconds 1970-01-01T00:00:00.000002Z, as milliseconds 1970-01-01T00:00:00.002Z (keep the converter's schemas, or set time.precision.mode=isostring)",
				"1E400 -> execution_time is in year 294247, outside the years 1 to 9999 the warehouse stores",
				"9223372036854775808 -> execution_time is in year -290308, outside the years 1 to 9999 the warehouse stores",
				"{} -> execution_time '' is not a valid timestamp",
				"{\"a\":[1,\"b\"]} -> execution_time '' is not a valid timestamp",
				"[1] -> execution_time '' is not a valid timestamp", "null -> execution_time is missing");
		assertThat(decimals).containsExactly("\"12.34\" -> 12.34 BigDecimal", "\"12.340\" -> 12.340 BigDecimal",
				"\"-0.5\" -> -0.5 BigDecimal", "\"1e3\" -> 1E+3 BigDecimal",
				"\"12,34\" -> shipping_cost '12,34' is not a valid decimal", "\"1\\u0032.5\" -> 12.5 BigDecimal",
				"\"BNI=\" -> shipping_cost 'BNI=' is not a valid decimal", "42 -> 42 BigDecimal",
				"12.340 -> 12.34 BigDecimal",
				"\"123456789012345678901234567890123456789012345\" -> shipping_cost 1234567890123456789012345678901234567... does not fit decimal(18,2)",
				"\"x\" -> shipping_cost 'x' is not a valid decimal", "\"\" -> shipping_cost '' is not a valid decimal",
				"\"true\" -> shipping_cost 'true' is not a valid decimal",
				"true -> shipping_cost 'true' is not a valid decimal",
				"false -> shipping_cost 'false' is not a valid decimal", "1.0 -> 1.0 BigDecimal",
				"2.5 -> 2.5 BigDecimal", "1E400 -> shipping_cost 'Infinity' is not a valid decimal",
				"9223372036854775808 -> shipping_cost 9223372036854775808 does not fit decimal(18,2)",
				"{} -> shipping_cost '' is not a valid decimal",
				"{\"a\":[1,\"b\"]} -> shipping_cost '' is not a valid decimal",
				"[1] -> shipping_cost '' is not a valid decimal", "null -> shipping_cost is missing");
	}

	@Test
	void valuesOfEveryJsonShape_readAsTheirFieldSchemaSays_whereverTheSchemaIs() {
		// given: timestamps and decimals whose field schema names their encoding
		List<String> shapes = List.of("\"x\"", "\"\"", "true", "1.0", "{}", "null");
		String decimal = "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
				+ "\"parameters\":{\"scale\":\"%s\"},\"field\":\"shipping_cost\"}";
		String timestamp = "{\"type\":\"int64\",\"name\":\"%s\",\"field\":\"execution_time\"}";

		// when
		List<String> decimals = outcomes(Entity.ORDER, "shipping_cost", decimal.formatted("2"), shapes, "\"BNI=\"",
				"\"AA==\"", "\"/w==\"", "\"BNI\"", "\"12.34\"", "\"true\"", "1234", "-1");
		List<String> unscaled = outcomes(Entity.ORDER, "shipping_cost", decimal.formatted("x"), shapes, "\"BNI=\"");
		List<String> millis = outcomes(Entity.ORDER, "execution_time",
				timestamp.formatted("io.debezium.time.Timestamp"), shapes, "1704189600123", "-1", "1704189600123.9",
				"\"2024-01-02T10:15:30Z\"");
		List<String> nanos = outcomes(Entity.ORDER, "execution_time",
				timestamp.formatted("io.debezium.time.NanoTimestamp"), shapes, "1704189600123456789", "-1");
		List<String> micros = outcomes(Entity.ORDER, "execution_time",
				timestamp.formatted("io.debezium.time.MicroTimestamp"), shapes, "1704189600123456", "-1");

		// then
		assertThat(decimals).containsExactly("\"BNI=\" -> 12.34 BigDecimal", "\"AA==\" -> 0.00 BigDecimal",
				"\"/w==\" -> -0.01 BigDecimal", "\"BNI\" -> 12.34 BigDecimal",
				"\"12.34\" -> shipping_cost '12.34' is not a valid decimal", "\"true\" -> -48016.34 BigDecimal",
				"1234 -> -26588.24 BigDecimal", "-1 -> shipping_cost '-1' is not a valid decimal",
				"\"x\" -> shipping_cost 'x' is not a valid decimal", "\"\" -> shipping_cost '' is not a valid decimal",
				"true -> -48016.34 BigDecimal", "1.0 -> shipping_cost '1.0' is not a valid decimal",
				"{} -> shipping_cost '' is not a valid decimal", "null -> shipping_cost is missing");
		assertThat(unscaled).containsExactly("\"BNI=\" -> shipping_cost 'BNI=' is not a valid decimal",
				"\"x\" -> shipping_cost 'x' is not a valid decimal", "\"\" -> shipping_cost '' is not a valid decimal",
				"true -> shipping_cost 'true' is not a valid decimal",
				"1.0 -> shipping_cost '1.0' is not a valid decimal", "{} -> shipping_cost '' is not a valid decimal",
				"null -> shipping_cost is missing");
		assertThat(millis).containsExactly("1704189600123 -> 2024-01-02T10:00:00.123Z Instant",
				"-1 -> 1969-12-31T23:59:59.999Z Instant", "1704189600123.9 -> 2024-01-02T10:00:00.123Z Instant",
				"\"2024-01-02T10:15:30Z\" -> 2024-01-02T10:15:30Z Instant",
				"\"x\" -> execution_time 'x' is not a valid timestamp",
				"\"\" -> execution_time '' is not a valid timestamp",
				"true -> execution_time 'true' is not a valid timestamp", "1.0 -> 1970-01-01T00:00:00.001Z Instant",
				"{} -> execution_time '' is not a valid timestamp", "null -> execution_time is missing");
		assertThat(nanos).containsExactly("1704189600123456789 -> 2024-01-02T10:00:00.123456789Z Instant",
				"-1 -> 1969-12-31T23:59:59.999999999Z Instant", "\"x\" -> execution_time 'x' is not a valid timestamp",
				"\"\" -> execution_time '' is not a valid timestamp",
				"true -> execution_time 'true' is not a valid timestamp",
				"1.0 -> 1970-01-01T00:00:00.000000001Z Instant", "{} -> execution_time '' is not a valid timestamp",
				"null -> execution_time is missing");
		assertThat(micros).containsExactly("1704189600123456 -> 2024-01-02T10:00:00.123456Z Instant",
				"-1 -> 1969-12-31T23:59:59.999999Z Instant", "\"x\" -> execution_time 'x' is not a valid timestamp",
				"\"\" -> execution_time '' is not a valid timestamp",
				"true -> execution_time 'true' is not a valid timestamp", "1.0 -> 1970-01-01T00:00:00.000001Z Instant",
				"{} -> execution_time '' is not a valid timestamp", "null -> execution_time is missing");
	}

	@Test
	void debeziumsOtherEncodings_readAsTheirFieldSchemaNames() {
		// given: Kafka Connect's own timestamp, a zoned timestamp, a NUMERIC without a
		// scale, and dates as epoch days under both date schema names
		List<String> shapes = List.of("\"x\"", "true", "null");
		String field = "{\"type\":\"%s\",\"name\":\"%s\",\"field\":\"%s\"}";

		// when
		List<String> connectTimestamps = outcomes(Entity.ORDER, "execution_time",
				field.formatted("int64", "org.apache.kafka.connect.data.Timestamp", "execution_time"), shapes,
				"1704189600123");
		List<String> zoned = outcomes(Entity.ORDER, "execution_time",
				field.formatted("string", "io.debezium.time.ZonedTimestamp", "execution_time"), shapes,
				"\"2024-01-02T11:00:00.123456+01:00\"", "\"2024-01-02T10:00:00Z\"");
		List<String> variableScale = outcomes(Entity.ORDER, "shipping_cost",
				field.formatted("struct", "io.debezium.data.VariableScaleDecimal", "shipping_cost"), shapes,
				"{\"scale\":2,\"value\":\"BNI=\"}", "{\"scale\":0,\"value\":\"BNI=\"}",
				"{\"scale\":\"2\",\"value\":\"BNI=\"}", "{\"value\":\"BNI=\"}", "\"12.34\"");
		List<String> debeziumDates = outcomes(Entity.CUSTOMER, "date_of_birth",
				field.formatted("int32", "io.debezium.time.Date", "date_of_birth"), shapes, "19724");
		List<String> connectDates = outcomes(Entity.CUSTOMER, "date_of_birth",
				field.formatted("int32", "org.apache.kafka.connect.data.Date", "date_of_birth"), shapes, "19724");

		// then
		assertThat(connectTimestamps).startsWith("1704189600123 -> 2024-01-02T10:00:00.123Z Instant")
			.contains("\"x\" -> execution_time 'x' is not a valid timestamp");
		assertThat(zoned).startsWith("\"2024-01-02T11:00:00.123456+01:00\" -> 2024-01-02T10:00:00.123456Z Instant",
				"\"2024-01-02T10:00:00Z\" -> 2024-01-02T10:00:00Z Instant");
		assertThat(variableScale)
			.startsWith("{\"scale\":2,\"value\":\"BNI=\"} -> 12.34 BigDecimal",
					"{\"scale\":0,\"value\":\"BNI=\"} -> 1234 BigDecimal",
					"{\"scale\":\"2\",\"value\":\"BNI=\"} -> shipping_cost '' is not a valid decimal",
					"{\"value\":\"BNI=\"} -> shipping_cost '' is not a valid decimal",
					"\"12.34\" -> shipping_cost '12.34' is not a valid decimal")
			.contains("null -> shipping_cost is missing");
		assertThat(debeziumDates).startsWith("19724 -> 2024-01-02 LocalDate");
		assertThat(connectDates).startsWith("19724 -> 2024-01-02 LocalDate");
	}

	@Test
	void flattenedEvents_asExtractNewRecordStateWritesThem_readLikeEnvelopes() {
		// given: the row's columns at the top, with the fields add.fields=op,source.ts_ms
		// and delete.handling.mode=rewrite add; then without them; then with schemas
		String row = "\"order_line_item_id\":7,\"order_id\":3,\"product_id\":11,\"quantity\":2,"
				+ "\"unit_price\":\"12.34\",\"total_price\":\"24.68\",\"inserted_at\":1704189600000000,"
				+ "\"updated_at\":1704189600123456";
		String schema = ORDER_LINE_SCHEMA.formatted("2", "io.debezium.time.Timestamp")
			.replaceFirst("\\{\"type\":\"struct\",\"optional\":true,\"field\":\"after\",\"fields\":\\[", "")
			.replaceFirst("\\]}\\]}$", "]}");
		ChangeEventParser parser = new ChangeEventParser(Entity.ORDER_LINE_ITEM, DAY);

		// when
		Ingested created = parser.process(
				flat("{" + row + ",\"__op\":\"c\",\"__source_ts_ms\":1704189600999," + "\"__deleted\":\"false\"}"));
		Ingested deleted = parser
			.process(flat("{" + row + ",\"__op\":\"d\",\"__source_ts_ms\":1704189601000," + "\"__deleted\":\"true\"}"));
		Ingested plain = parser.process(flat("{" + row + "}"));
		Ingested rewritten = parser.process(flat("{" + row + ",\"__deleted\":\"true\"}"));
		Ingested withSchemas = parser.process(flat("{\"schema\":" + schema + ",\"payload\":{"
				+ row.replace("\"12.34\"", "\"BNI=\"").replace("1704189600123456", "1704189600123")
				+ ",\"__op\":\"u\"}}"));
		Ingested notARow = parser.process(flat("{\"__op\":\"c\"}"));

		// then
		for (Ingested ingested : List.of(created, deleted, plain, rewritten, withSchemas)) {
			assertThat(ingested.isRejected()).as(String.valueOf(ingested.reject())).isFalse();
			assertThat(ingested.staged().row().decimal("unit_price")).isEqualTo(new BigDecimal("12.34"));
		}
		assertThat(created.staged().operation()).isEqualTo("c");
		assertThat(created.staged().sourceTime()).isEqualTo(Instant.ofEpochMilli(1704189600999L));
		assertThat(deleted.staged().operation()).isEqualTo("d");
		assertThat(plain.staged().operation()).isEqualTo("r");
		assertThat(plain.staged().sourceTime()).isEqualTo(Instant.parse("2024-01-02T10:00:00.123456Z"));
		assertThat(rewritten.staged().operation()).isEqualTo("d");
		assertThat(withSchemas.staged().operation()).isEqualTo("u");
		assertThat(withSchemas.staged().row().timestamp("updated_at"))
			.isEqualTo(Instant.parse("2024-01-02T10:00:00.123Z"));
		assertThat(notARow.isRejected()).isTrue();
		assertThat(notARow.reject().reason()).isEqualTo("op '' is none of c, u, d, r");
	}

	private static ChangeEvent flat(String value) {
		return new ChangeEvent("shop.public.order_line_item", 0, 1, "7", value);
	}

	@Test
	void theLastSchemaAndPayloadNamedCount_andOnlyWithBoth() {
		// given: an order line whose price and time need the schema, and schemas that
		// read them otherwise or not at all
		String right = ORDER_LINE_SCHEMA.formatted("2", "io.debezium.time.Timestamp");
		String wrong = ORDER_LINE_SCHEMA.formatted("3", "io.debezium.time.NanoTimestamp");
		String after = "{\"order_line_item_id\":7,\"order_id\":3,\"product_id\":11,\"quantity\":2,"
				+ "\"unit_price\":\"BNI=\",\"total_price\":\"24.68\",\"inserted_at\":1704189600000000,"
				+ "\"updated_at\":1704189600123}";
		String payload = "{\"after\":" + after + ",\"op\":\"c\"}";
		String broken = "{\"after\":" + after.replace("\"quantity\":2", "\"quantity\":\"two\"") + ",\"op\":\"c\"}";
		ChangeEventParser parser = new ChangeEventParser(Entity.ORDER_LINE_ITEM, DAY);
		List<String> values = List.of("{\"schema\":" + wrong + ",\"payload\":" + payload + ",\"schema\":" + right + "}",
				"{\"schema\":" + right + ",\"payload\":" + payload + ",\"schema\":" + wrong + "}",
				"{\"payload\":" + payload + ",\"schema\":" + wrong + ",\"schema\":" + right + "}",
				"{\"schema\":" + right + ",\"payload\":" + payload + ",\"schema\":null}",
				"{\"schema\":" + right + ",\"payload\":" + broken + ",\"payload\":" + payload + "}",
				"{\"payload\":" + payload + ",\"schema\":" + right + ",\"payload\":" + broken + "}",
				"{\"schema\":" + right + ",\"payload\":{\"schema\":" + wrong + ",\"payload\":" + broken + ","
						+ "\"after\":" + after + ",\"op\":\"r\"}}",
				"{\"schema\":" + right + ",\"after\":" + after + ",\"op\":\"c\"}",
				"{\"payload\":" + payload + ",\"after\":" + after + ",\"op\":\"u\"}");

		// when
		List<String> outcomes = values.stream()
			.map((value) -> parser.process(new ChangeEvent("ecommerce.order_line_item", 0, 1, "7", value)))
			.map((ingested) -> ingested.isRejected() ? ingested.reject().reason()
					: "staged " + ingested.staged().operation() + " " + ingested.staged().row().get("unit_price") + " "
							+ ingested.staged().row().get("updated_at"))
			.toList();

		// then
		assertThat(outcomes).containsExactly("staged c 12.34 2024-01-02T10:00:00.123Z",
				"staged c 1.234 1970-01-01T00:28:24.189600123Z", "staged c 12.34 2024-01-02T10:00:00.123Z",
				MILLIS_WITHOUT_SCHEMA, "staged c 12.34 2024-01-02T10:00:00.123Z",
				"quantity 'two' is not a valid integer", "staged r 12.34 2024-01-02T10:00:00.123Z",
				MILLIS_WITHOUT_SCHEMA, MILLIS_WITHOUT_SCHEMA);
	}

	@Test
	void aColumnNamedTwiceInARow_countsAsWrittenLast_andOnlyTheRowOfTheOperationIsJudged() {
		// given: rows whose columns are named twice, and operations with a broken row
		// besides the one they carry
		String row = "{\"customer_id\":5,\"name\":\"Ann Lee\",\"user_id\":\"alee5\",\"email\":\"a@b.c\","
				+ "\"is_preferred\":false,\"is_active\":true,\"inserted_at\":\"2024-01-02T10:00:00Z\","
				+ "\"updated_at\":\"2024-01-02T10:00:00Z\"}";
		String brokenRow = "{\"customer_id\":\"five\",\"name\":{},\"is_preferred\":\"no\",\"date_of_birth\":\"x\","
				+ "\"inserted_at\":1.5,\"updated_at\":[]}";
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER, DAY);
		List<String> values = List.of(
				"{\"op\":\"c\",\"after\":" + row.replace("\"customer_id\":5", "\"customer_id\":\"x\",\"customer_id\":5")
						+ "}",
				"{\"op\":\"c\",\"after\":" + row.replace("\"customer_id\":5", "\"customer_id\":5,\"customer_id\":null")
						+ "}",
				"{\"op\":\"c\",\"after\":" + row.replace("\"customer_id\":5", "\"customer_id\":5,\"customer_id\":{}")
						+ "}",
				"{\"op\":\"c\",\"after\":" + row.replace("\"name\":\"Ann Lee\"", "\"name\":\"Ann Lee\",\"name\":7")
						+ "}",
				"{\"op\":\"c\",\"after\":" + brokenRow + ",\"after\":" + row + "}",
				"{\"op\":\"c\",\"after\":" + row + ",\"after\":" + brokenRow + "}",
				"{\"before\":" + brokenRow + ",\"after\":" + row + ",\"op\":\"u\"}",
				"{\"before\":" + row + ",\"after\":" + brokenRow + ",\"op\":\"u\"}",
				"{\"before\":" + row + ",\"after\":" + brokenRow + ",\"op\":\"d\"}",
				"{\"op\":\"d\",\"before\":" + brokenRow + ",\"after\":" + row + "}",
				"{\"op\":\"c\",\"after\":" + row + ",\"after\":5}");

		// when
		List<String> outcomes = values.stream()
			.map((value) -> parser.process(new ChangeEvent("ecommerce.customer", 0, 1, "5", value)))
			.map((ingested) -> ingested.isRejected() ? ingested.reject().reason()
					: "staged " + ingested.staged().operation() + " " + ingested.staged().row().get("customer_id") + " "
							+ ingested.staged().row().get("name"))
			.toList();

		// then
		assertThat(outcomes).containsExactly("staged c 5 Ann Lee", "customer_id is missing",
				"customer_id '' is not a valid long", "staged c 5 7", "staged c 5 Ann Lee",
				"customer_id 'five' is not a valid long; user_id is missing; email is missing; date_of_birth 'x' is not a valid date; is_preferred 'no' is not a valid boolean; is_active is missing; inserted_at 1.5 has no schema to say its unit: as microseconds 1970-01-01T00:00:00.000001Z, as milliseconds 1970-01-01T00:00:00.001Z (keep the converter's schemas, or set time.precision.mode=isostring); updated_at '' is not a valid timestamp",
				"staged u 5 Ann Lee",
				"customer_id 'five' is not a valid long; user_id is missing; email is missing; date_of_birth 'x' is not a valid date; is_preferred 'no' is not a valid boolean; is_active is missing; inserted_at 1.5 has no schema to say its unit: as microseconds 1970-01-01T00:00:00.000001Z, as milliseconds 1970-01-01T00:00:00.001Z (keep the converter's schemas, or set time.precision.mode=isostring); updated_at '' is not a valid timestamp",
				"staged d 5 Ann Lee",
				// a delete needs no more than its key, but then the source's time
				"customer_id 'five' is not a valid long; a delete that names only the key needs the source's ts_ms to be ordered with the row's other states",
				"after row is missing for op c");
	}

	@Test
	void textThatIsNotJson_inAColumn_inAValueOfNoColumn_orInAnObjectForAColumn_isRejectedAsNotJson() {
		// given: a bad escape and a number longer than a parser reads, in each place
		String row = "{\"customer_id\":5,\"name\":%s,\"user_id\":\"alee5\",\"email\":\"a@b.c\","
				+ "\"is_preferred\":false,\"is_active\":true,\"inserted_at\":\"2024-01-02T10:00:00Z\","
				+ "\"updated_at\":\"2024-01-02T10:00:00Z\",\"extra\":%s}";
		String longNumber = "1".repeat(1001);
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER, DAY);
		List<String> values = List.of(row.formatted("\"A\\qB\"", "1"), row.formatted("\"Ann\"", "\"A\\qB\""),
				row.formatted("{\"x\":\"A\\qB\"}", "1"), row.formatted(longNumber, "1"),
				row.formatted("\"Ann\"", longNumber), row.formatted("[" + longNumber + "]", "1"),
				row.formatted("\"Ann\"", "[" + longNumber + "]"), row.formatted("\"Ann\"", "1." + longNumber),
				row.formatted("1." + longNumber, "1"));

		// when
		List<String> outcomes = values.stream()
			.map((value) -> parser
				.process(new ChangeEvent("ecommerce.customer", 0, 1, "5", "{\"op\":\"c\",\"after\":" + value + "}")))
			.map((ingested) -> ingested.isRejected() ? ingested.reject().reason()
					: "staged " + ingested.staged().row().get("name"))
			.toList();

		// then
		assertThat(outcomes).containsExactly("value is not JSON: Unrecognized character escape 'q' (code 113)",
				"value is not JSON: Unrecognized character escape 'q' (code 113)",
				"value is not JSON: Unrecognized character escape 'q' (code 113)",
				"value is not JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)",
				"value is not JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)",
				"value is not JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)",
				"value is not JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)",
				"value is not JSON: Number value length (1002) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)",
				"value is not JSON: Number value length (1002) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
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
		ChangeEvent read = KafkaSliceItemReader
			.event(new ConsumerRecord<>("ecommerce.customer", 0, 1, "5", ByteBuffer.wrap(written)));
		ChangeEvent unreadable = KafkaSliceItemReader
			.event(new ConsumerRecord<>("ecommerce.customer", 0, 2, "5", ByteBuffer.wrap(broken)));
		ChangeEvent unreadableAfterText = KafkaSliceItemReader
			.event(new ConsumerRecord<>("ecommerce.customer", 0, 3, "5", ByteBuffer.wrap(both)));

		// then
		assertThat(read.value()).isEqualTo("{\"name\":\"a\uFFFDb\"}");
		assertThat(read.unreadable()).isNull();
		assertThat(unreadable.unreadable()).isEqualTo("value holds bytes that are not UTF-8 (from byte 3 on)");
		assertThat(unreadableAfterText.unreadable())
			.isEqualTo("value holds bytes that are not UTF-8 (from byte " + (written.length + 3) + " on)");
	}

	/**
	 * What the parser makes of each JSON value as {@code column} of an otherwise valid
	 * row: {@code "<value> -> <decoded value> <its type>"} or {@code "<value> -> <reject
	 * reason>"}. Read plain (unless {@code fieldSchema} is given) and with a schema
	 * before and after the payload: all three must agree.
	 */
	private static List<String> outcomes(Entity entity, String column, String fieldSchema, List<String> shapes,
			String... values) {
		// a valid value of its type in every column of the entity
		Map<String, String> row = new LinkedHashMap<>();
		for (Column other : entity.columns()) {
			row.put(other.name(), switch (other.type()) {
				case LONG, INTEGER -> "4";
				case STRING -> "\"a\"";
				case DECIMAL -> "\"5.00\"";
				case BOOLEAN -> "false";
				case DATE -> "\"1990-05-06\"";
				case TIMESTAMP -> "\"2024-01-02T10:00:00Z\"";
			});
		}
		String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"fields\":["
				+ ((fieldSchema != null) ? fieldSchema : "{\"type\":\"string\",\"field\":\"" + column + "\"}") + "]}]}";
		ChangeEventParser parser = new ChangeEventParser(entity, DAY);
		List<String> outcomes = new ArrayList<>();
		for (String value : java.util.stream.Stream.concat(Arrays.stream(values), shapes.stream()).toList()) {
			row.put(column, value);
			StringBuilder after = new StringBuilder();
			row.forEach((name, json) -> after.append((after.length() == 0) ? "{" : ",")
				.append('"')
				.append(name)
				.append("\":")
				.append(json));
			String payload = "{\"op\":\"c\",\"after\":" + after + "}}";
			List<String> forms = new ArrayList<>();
			if (fieldSchema == null) {
				forms.add(payload);
			}
			forms.add("{\"schema\":" + schema + ",\"payload\":" + payload + "}");
			forms.add("{\"payload\":" + payload + ",\"schema\":" + schema + "}");
			Set<String> outcome = new LinkedHashSet<>();
			for (String form : forms) {
				Ingested ingested = parser.process(new ChangeEvent("t", 0, 1, "1", form));
				Object decoded = ingested.isRejected() ? null : ingested.staged().row().get(column);
				outcome.add(value + " -> " + (ingested.isRejected() ? ingested.reject().reason()
						: decoded + ((decoded != null) ? " " + decoded.getClass().getSimpleName() : "")));
			}
			assertThat(outcome).as(value).hasSize(1);
			outcomes.add(outcome.iterator().next());
		}
		return outcomes;
	}

	private static ChangeEvent event(Change change) throws Exception {
		String topic = EcommerceTopics.defaults().of(change.entity()).get(0);
		return new ChangeEvent(topic, 0, change.key(), Long.toString(change.key()),
				new ObjectMapper().writeValueAsString(EcommerceConnector.envelope(change)));
	}

}
