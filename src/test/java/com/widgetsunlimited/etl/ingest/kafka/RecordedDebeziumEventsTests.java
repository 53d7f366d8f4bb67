package com.widgetsunlimited.etl.ingest.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser on change events a real Debezium 3.6 PostgreSQL connector wrote (embedded
 * engine, {@code pgoutput}, PostgreSQL 18), kept in {@code src/test/resources/debezium}:
 * one day of a shop, recorded three times with different converter settings. Line by
 * line: a snapshot (1-9), inserts (10-13), updates (14-15), a delete under the default
 * replica identity and its tombstone (16-17), a delete under {@code FULL} (18-19), an
 * update leaving a TOASTed column unchanged under each identity (20-21) and one changing
 * it (22), a transaction of several statements (23-24), changes made while the connector
 * was stopped (25-28), then (30-31) one change sent twice, because the connector was
 * restarted before it heard the first was received.
 */
class RecordedDebeziumEventsTests {

	private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

	@Test
	void withSchemas_andWithoutThemAsRecommended_everyEventIsRead_andReadsTheSame() throws IOException {
		// when
		List<Ingested> withSchemas = parse("postgres-schemas.jsonl");
		List<Ingested> withoutSchemas = parse("postgres-no-schemas-isostring.jsonl");

		// then: tombstones skipped, nothing refused but a total too large for the
		// warehouse (line 13), the same rows (the long random texts of each recording
		// aside)
		assertThat(withSchemas).hasSize(31).hasSameSizeAs(withoutSchemas);
		for (List<Ingested> recording : List.of(withSchemas, withoutSchemas)) {
			assertThat(recording.get(12).reject().reason())
				.isEqualTo("total_price 123456789012345678901234.5678901 does not fit decimal(18,2)");
			recording.set(12, null);
		}
		for (int i = 0; i < withSchemas.size(); i++) {
			Ingested schema = withSchemas.get(i);
			Ingested plain = withoutSchemas.get(i);
			String line = "line " + (i + 1);
			assertThat(schema == null).as(line).isEqualTo(plain == null);
			if (schema == null) {
				continue;
			}
			assertThat(schema.isRejected()).as(line + ": " + schema.reject()).isFalse();
			assertThat(plain.isRejected()).as(line + ": " + plain.reject()).isFalse();
			// the row of line 23 was stamped with the database's now() as recorded
			boolean times = i != 22;
			assertThat(comparable(plain.staged().row(), times)).as(line)
				.isEqualTo(comparable(schema.staged().row(), times));
			assertThat(plain.staged().operation()).as(line).isEqualTo(schema.staged().operation());
		}
		assertThat(withSchemas.get(16)).as("a tombstone").isNull();
	}

	@Test
	void theRecordedValues_decodeToTheShopsOwn() throws IOException {
		// when
		List<Ingested> events = parse("postgres-schemas.jsonl");

		// then: the first customer as inserted, to the microsecond
		Row alice = events.get(0).staged().row();
		assertThat(alice.string("name")).isEqualTo("Alice Archer");
		assertThat(alice.date("date_of_birth")).isEqualTo(LocalDate.of(1985, 7, 14));
		assertThat(alice.timestamp("inserted_at")).isEqualTo(Instant.parse("2026-11-01T12:00:00.123Z"));
		assertThat(alice.timestamp("updated_at")).isEqualTo(Instant.parse("2026-11-01T12:00:00.123456Z"));
		// money of a declared scale and of none, as numeric(12,4) and numeric hold it
		Row line = events.get(7).staged().row();
		assertThat(line.decimal("unit_price")).isEqualByComparingTo("12.3456");
		assertThat(line.decimal("total_price")).isEqualByComparingTo("12.3456");
	}

	@Test
	void aKeyOnlyDelete_andAnUnchangedToastedColumn_areUnknownValues_neverTheConnectorsFillIns() throws IOException {
		for (String recording : List.of("postgres-schemas.jsonl", "postgres-no-schemas-isostring.jsonl")) {
			// when
			List<Ingested> events = parse(recording);

			// then: the default identity's delete names the key, whatever zeros the
			// connector put beside it; FULL's carries the row
			Row keyOnly = events.get(15).staged().row();
			assertThat(events.get(15).staged().operation()).isEqualTo("d");
			assertThat(Long.bitCount(keyOnly.unknown())).as(recording).isEqualTo(Entity.CUSTOMER.columns().size() - 1);
			assertThat(events.get(17).staged().row().complete()).as(recording).isTrue();
			// the placeholder of the unchanged instructions is not a value; FULL resends
			// them
			Row unchanged = events.get(19).staged().row();
			assertThat(unchanged.unknown()).as(recording)
				.isEqualTo(1L << Entity.ORDER.position("special_instructions"));
			assertThat(events.get(20).staged().row().complete()).as(recording).isTrue();
		}
	}

	@Test
	void aChangeSentAgainAfterARestart_isTheSameChange_toTheDuplicateFilterAndInTime() throws IOException {
		for (String recording : List.of("postgres-schemas.jsonl", "postgres-no-schemas-isostring.jsonl")) {
			// given: lines 30 and 31
			List<JsonNode> lines = lines(recording);
			JsonNode first = lines.get(29);
			JsonNode again = lines.get(30);

			// then
			assertThat(again.path("value").asText()).isNotEqualTo(first.path("value").asText());
			assertThat(KafkaSliceItemReader.hash(record(again))).as(recording)
				.isEqualTo(KafkaSliceItemReader.hash(record(first)));
			List<Ingested> events = parse(recording);
			assertThat(events.get(30).staged().sourceTime()).isEqualTo(events.get(29).staged().sourceTime());
			assertThat(events.get(30).staged().row()).isEqualTo(events.get(29).staged().row());
		}
	}

	@Test
	void withoutSchemasOnTheConnectorsDefaults_whatCannotBeDecided_isRefusedNamingTheColumn() throws IOException {
		// when
		List<Ingested> events = parse("postgres-no-schemas-defaults.jsonl");

		// then: milliseconds of a timestamp(3) column are not taken for microseconds,
		// base64 of a numeric is no decimal; nothing staged holds a time of 1970
		Ingested alice = events.get(0);
		assertThat(alice.reject().reason()).contains("inserted_at 1793534400123 has no schema to say its unit: "
				+ "as microseconds 1970-01-21T18:12:14.400123Z, as milliseconds 2026-11-01T12:00:00.123Z");
		Ingested line = events.get(7);
		assertThat(line.reject().reason()).contains("unit_price 'AeJA' is not a valid decimal");
		for (Ingested event : events) {
			if (event != null && !event.isRejected()) {
				Row row = event.staged().row();
				for (Column column : row.entity().columns()) {
					if (row.get(column.name()) instanceof Instant instant) {
						assertThat(instant).as(row.toString()).isAfter(Instant.parse("1971-01-01T00:00:00Z"));
					}
				}
			}
		}
	}

	/** Every event of a recording parsed, {@code null} for a tombstone. */
	private static List<Ingested> parse(String recording) throws IOException {
		List<Ingested> parsed = new ArrayList<>();
		int offset = 0;
		for (JsonNode line : lines(recording)) {
			String topic = line.path("topic").asText();
			Entity entity = Entity.byId(topic.substring(topic.lastIndexOf('.') + 1));
			JsonNode value = line.path("value");
			parsed.add(new ChangeEventParser(entity, DAY).process(new ChangeEvent(topic, 0, offset++,
					line.path("key").asText(), value.isNull() ? null : value.asText())));
		}
		return parsed;
	}

	private static List<JsonNode> lines(String recording) throws IOException {
		List<JsonNode> lines = new ArrayList<>();
		try (InputStream in = RecordedDebeziumEventsTests.class.getResourceAsStream("/debezium/" + recording)) {
			ObjectMapper json = new ObjectMapper();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank()) {
					lines.add(json.readTree(line));
				}
			}
		}
		return lines;
	}

	private static ConsumerRecord<String, ByteBuffer> record(JsonNode line) {
		return new ConsumerRecord<>(line.path("topic").asText(), 0, 0, line.path("key").asText(),
				ByteBuffer.wrap(line.path("value").asText().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A row's values as text, decimals without trailing zeros (a numeric of no declared
	 * scale arrives without them with schemas, with them as text), the long texts of each
	 * recording left out, and times unless {@code times}; the unknown columns marked.
	 */
	private static List<String> comparable(Row row, boolean times) {
		List<String> values = new ArrayList<>();
		List<Column> columns = row.entity().columns();
		for (int i = 0; i < columns.size(); i++) {
			String name = columns.get(i).name();
			Object value = row.get(i);
			if ((row.unknown() & (1L << i)) != 0) {
				values.add(name + "=?");
			}
			else if (name.equals("comments") || name.equals("special_instructions")
					|| !times && value instanceof Instant) {
				values.add(name + "=" + ((value != null) ? "text" : null));
			}
			else {
				values.add(name + "=" + ((value instanceof BigDecimal decimal)
						? decimal.stripTrailingZeros().toPlainString() : value));
			}
		}
		return values;
	}

}
