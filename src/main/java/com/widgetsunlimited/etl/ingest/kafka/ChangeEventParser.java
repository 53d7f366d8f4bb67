package com.widgetsunlimited.etl.ingest.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.ingest.RowRules;
import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.staging.StagedRow;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns an e-commerce change event into a staged row, a reject, or nothing (a tombstone).
 * A value that could not be read, is not a change event of the entity, or whose row
 * breaks a {@link RowRules rule} is a reject that says why. Accepts Debezium's envelope
 * plain or wrapped as {@code {"schema": ..., "payload": ...}}, flattened events
 * ({@code ExtractNewRecordState}: the row's columns at the top, {@code __op},
 * {@code __deleted}, {@code __source_ts_ms}) in either form, and values as the simulator
 * writes them (ISO dates and instants, decimals as strings) or as Debezium encodes them
 * by default (dates as epoch days, timestamps as epoch microseconds — or milliseconds or
 * nanoseconds where the schema says so ({@code io.debezium.time.Timestamp}, Kafka
 * Connect's {@code Timestamp}, {@code NanoTimestamp}) —, zoned timestamps as ISO text
 * with an offset, decimals as strings or numbers or, with the schema, as base64 unscaled
 * bytes with the scale in the schema ({@code Decimal}) or beside each value
 * ({@code VariableScaleDecimal}).
 */
public class ChangeEventParser implements ItemProcessor<ChangeEvent, Ingested> {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Set<String> OPERATIONS = Set.of("c", "u", "d", "r");

	/**
	 * What Debezium writes for a value it does not have (its
	 * {@code unavailable.value.placeholder}, left at its default).
	 */
	static final String UNAVAILABLE_VALUE = "__debezium_unavailable_value";

	/**
	 * The first time a schemaless number in a timestamp column is taken for: the
	 * milliseconds of any time from 1971 to 2200 read as microseconds fall before it.
	 */
	private static final Instant FIRST_PLAUSIBLE_TIME = Instant.parse("1971-01-01T00:00:00Z");

	/** Nanoseconds per unit of a fraction of 1 to 9 digits, by digits. */
	private static final long[] NANOS_PER_FRACTION_UNIT = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
			1_000, 100, 10, 1 };

	private final Entity entity;

	private final LocalDate businessDate;

	/** The position of each column of the entity, by name. */
	private final Map<String, Integer> columnPositions = new HashMap<>();

	public ChangeEventParser(Entity entity, LocalDate businessDate) {
		this.entity = entity;
		this.businessDate = businessDate;
		List<Column> columns = entity.columns();
		for (int i = 0; i < columns.size(); i++) {
			this.columnPositions.put(columns.get(i).name(), i);
		}
	}

	@Override
	public Ingested process(ChangeEvent event) {
		if (event.value() == null) {
			return null; // a tombstone follows a delete so that compaction can drop the
							// key
		}
		if (event.unreadable() != null) {
			return reject(event, event.unreadable());
		}
		Envelope root;
		try (JsonParser parser = JSON.createParser(event.value())) {
			root = (parser.nextToken() == JsonToken.START_OBJECT) ? envelope(parser) : null;
		}
		catch (JsonProcessingException ex) {
			return reject(event, "value is not JSON: " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (root == null) {
			return reject(event, "value is not a JSON object");
		}
		Map<String, JsonNode> fieldSchemas = Map.of();
		Envelope envelope = root;
		if (root.payload != null && root.schema != null) {
			envelope = root.payload;
			fieldSchemas = fieldSchemas(root.schema);
		}
		if (envelope.flattened()) {
			flatten(envelope);
		}
		String operation = envelope.operation.asText("");
		if (!OPERATIONS.contains(operation)) {
			return reject(event, "op '" + operation + "' is none of c, u, d, r");
		}
		JsonNode[] image = operation.equals("d") ? envelope.before : envelope.after;
		if (image == null) {
			return reject(event, (operation.equals("d") ? "before" : "after") + " row is missing for op " + operation);
		}
		List<String> problems = new ArrayList<>();
		List<Column> columns = this.entity.columns();
		// a delete under the default replica identity names the key alone (the other
		// values null, or zeros filled in): they are not known, and the raw layer keeps
		// the ones it holds
		boolean keyOnly = operation.equals("d") && (!complete(image) || zeroFilled(image));
		Object[] values = new Object[columns.size()];
		long unknown = 0;
		for (int i = 0; i < values.length; i++) {
			Column column = columns.get(i);
			JsonNode node = image[i];
			if (i > 0 && (keyOnly || unavailable(node))) {
				unknown |= 1L << i;
				continue;
			}
			if (node == null || node.isNull()) {
				if (!column.nullable()) {
					problems.add(column.name() + " is missing");
				}
				continue;
			}
			try {
				values[i] = decode(column, node, fieldSchemas.get(column.name()));
			}
			catch (AmbiguousValueException ex) {
				problems.add(column.name() + " " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				problems.add(column.name() + " '" + abbreviate(node.asText()) + "' is not a valid "
						+ column.type().name().toLowerCase(java.util.Locale.ROOT));
			}
		}
		JsonNode timeMillis = envelope.sourceMillis.isMissingNode() ? envelope.timeMillis : envelope.sourceMillis;
		if (!timeMillis.isMissingNode() && !(timeMillis.isIntegralNumber() && timeMillis.canConvertToLong()
				&& RowRules.storable(Instant.ofEpochMilli(timeMillis.longValue())))) {
			problems.add("ts_ms '" + abbreviate(timeMillis.asText()) + "' is not a time in epoch milliseconds");
		}
		if (unknown != 0 && timeMillis.isMissingNode()) {
			problems.add((keyOnly ? "a delete that names only the key" : "a change without " + unknownNames(unknown))
					+ " needs the source's ts_ms to be ordered with the row's other states");
		}
		if (!problems.isEmpty()) {
			return reject(event, String.join("; ", problems));
		}
		Row row = Row.partial(this.entity, values, unknown);
		List<String> broken = RowRules.problems(row);
		if (!broken.isEmpty()) {
			return reject(event, String.join("; ", broken));
		}
		Instant time = timeMillis.isMissingNode() ? row.timestamp(Entity.UPDATED_AT)
				: Instant.ofEpochMilli(timeMillis.longValue());
		return Ingested.staged(new StagedRow(row, operation, time, event.origin()));
	}

	/**
	 * Whether a row image gives every column a row of the entity must have: a delete's
	 * {@code before} does only under {@code REPLICA IDENTITY FULL}.
	 */
	private boolean complete(JsonNode[] image) {
		List<Column> columns = this.entity.columns();
		for (int i = 0; i < columns.size(); i++) {
			if (!columns.get(i).nullable() && (image[i] == null || image[i].isNull() || unavailable(image[i]))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a delete's {@code before} is a key-only image that the connector filled in:
	 * under the default replica identity Debezium gives each required column its type's
	 * zero ({@code ""}, {@code 0}, {@code false}, the epoch), which would pass for
	 * values. No row of a source was last updated at the epoch, so an {@code updated_at}
	 * there tells the image apart.
	 */
	private boolean zeroFilled(JsonNode[] image) {
		Integer position = this.columnPositions.get(Entity.UPDATED_AT);
		JsonNode updatedAt = (position != null) ? image[position] : null;
		if (updatedAt == null || updatedAt.isNull()) {
			return false;
		}
		if (updatedAt.isNumber()) {
			return updatedAt.isIntegralNumber() && updatedAt.longValue() == 0;
		}
		try {
			return timestamp(updatedAt, "").equals(Instant.EPOCH);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Whether {@code node} is Debezium's placeholder for a value it does not have: an
	 * unchanged TOASTed column, which PostgreSQL's logical decoding does not resend.
	 */
	private static boolean unavailable(JsonNode node) {
		return node != null && node.isTextual() && node.textValue().equals(UNAVAILABLE_VALUE);
	}

	private String unknownNames(long unknown) {
		List<String> names = new ArrayList<>();
		List<Column> columns = this.entity.columns();
		for (int i = 0; i < columns.size(); i++) {
			if ((unknown & (1L << i)) != 0) {
				names.add(columns.get(i).name());
			}
		}
		return String.join(", ", names);
	}

	/**
	 * The fields of a change event the parser reads, from an object whose start it has
	 * just read: a plain envelope, or the schemas-enabled form, whose {@code payload} is
	 * the envelope. Read as a stream, the row images straight into their columns' places
	 * (a tree of the whole value took a seventh of the e-commerce ingestion's CPU): only
	 * the schema, found in the schemas-enabled form alone, becomes a tree. A field named
	 * twice counts as written last, as in a tree.
	 */
	private Envelope envelope(JsonParser parser) throws IOException {
		Envelope envelope = new Envelope();
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "op" -> envelope.operation = node(parser, value);
				case "ts_ms" -> envelope.timeMillis = node(parser, value);
				case "before" -> envelope.before = image(parser, value);
				case "after" -> envelope.after = image(parser, value);
				case "payload" -> envelope.payload = (value == JsonToken.START_OBJECT) ? envelope(parser)
						: skipped(parser, new Envelope());
				case "schema" -> envelope.schema = node(parser, value);
				case "source" -> {
					if (value == JsonToken.START_OBJECT) {
						source(parser, envelope);
					}
					else {
						parser.skipChildren();
					}
				}
				case "__op" -> envelope.flatOperation = node(parser, value);
				case "__deleted" -> envelope.flatDeleted = node(parser, value);
				case "__source_ts_ms" -> envelope.flatSourceMillis = node(parser, value);
				default -> {
					Integer position = this.columnPositions.get(field);
					if (position != null) {
						if (envelope.flat == null) {
							envelope.flat = new JsonNode[this.columnPositions.size()];
						}
						envelope.flat[position] = node(parser, value);
					}
					else {
						parser.skipChildren();
					}
				}
			}
		}
		return envelope;
	}

	/**
	 * The source block's time of the change ({@code ts_ms}: when the database committed
	 * it, the same however often the connector sends it), from an object whose start the
	 * parser has just read.
	 */
	private static void source(JsonParser parser, Envelope envelope) throws IOException {
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (field.equals("ts_ms")) {
				envelope.sourceMillis = node(parser, value);
			}
			else {
				parser.skipChildren();
			}
		}
	}

	/**
	 * A row image as the values of the entity's columns by position, or {@code null} when
	 * it is not an object.
	 */
	private JsonNode[] image(JsonParser parser, JsonToken start) throws IOException {
		if (start != JsonToken.START_OBJECT) {
			return skipped(parser, null);
		}
		JsonNode[] values = new JsonNode[this.columnPositions.size()];
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			Integer position = this.columnPositions.get(parser.currentName());
			JsonToken value = parser.nextToken();
			if (position != null) {
				values[position] = node(parser, value);
			}
			else {
				parser.skipChildren();
			}
		}
		return values;
	}

	/**
	 * The value at the parser as the node a tree would hold: scalars made here, which is
	 * what the tree's reader does for them too, objects and arrays read as trees.
	 */
	private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
		return switch (token) {
			case VALUE_STRING -> TextNode.valueOf(parser.getText());
			case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
				case INT -> IntNode.valueOf(parser.getIntValue());
				case LONG -> LongNode.valueOf(parser.getLongValue());
				default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
			};
			case VALUE_NUMBER_FLOAT -> (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL)
					? DecimalNode.valueOf(parser.getDecimalValue()) : DoubleNode.valueOf(parser.getDoubleValue());
			case VALUE_TRUE -> BooleanNode.TRUE;
			case VALUE_FALSE -> BooleanNode.FALSE;
			case VALUE_NULL -> NullNode.getInstance();
			default -> parser.readValueAsTree();
		};
	}

	private static <T> T skipped(JsonParser parser, T result) throws IOException {
		parser.skipChildren();
		return result;
	}

	/** What {@link #envelope} read; a field it did not find reads as missing. */
	private static final class Envelope {

		JsonNode operation = MissingNode.getInstance();

		JsonNode timeMillis = MissingNode.getInstance();

		/** The source block's {@code ts_ms}. */
		JsonNode sourceMillis = MissingNode.getInstance();

		JsonNode[] before;

		JsonNode[] after;

		Envelope payload;

		JsonNode schema;

		/** The row's columns found beside the envelope's fields: a flattened event. */
		JsonNode[] flat;

		JsonNode flatOperation = MissingNode.getInstance();

		JsonNode flatDeleted = MissingNode.getInstance();

		JsonNode flatSourceMillis = MissingNode.getInstance();

		/**
		 * Whether this is a flattened event (Debezium's {@code ExtractNewRecordState}):
		 * the row's columns at the top, no envelope.
		 */
		boolean flattened() {
			return this.flat != null && this.before == null && this.after == null && this.operation.isMissingNode();
		}

	}

	/**
	 * A flattened event as the envelope it stands for: the row as {@code after}, or as
	 * {@code before} for a delete ({@code __op} = {@code d}, or {@code __deleted} =
	 * {@code true}, as {@code delete.handling.mode=rewrite} marks it); {@code __op}
	 * absent reads as {@code r}, a state of the row; {@code __source_ts_ms} as
	 * {@code ts_ms}.
	 */
	private static void flatten(Envelope envelope) {
		boolean deleted = envelope.flatDeleted.asText("false").equals("true");
		String operation = envelope.flatOperation.isMissingNode() ? (deleted ? "d" : "r")
				: envelope.flatOperation.asText("");
		envelope.operation = TextNode.valueOf(operation);
		if (operation.equals("d") || deleted) {
			envelope.operation = TextNode.valueOf("d");
			envelope.before = envelope.flat;
		}
		else {
			envelope.after = envelope.flat;
		}
		envelope.timeMillis = envelope.flatSourceMillis;
	}

	/**
	 * The field schemas of the row images, by field name, from a schemas-enabled
	 * envelope, or of the row's own fields in a flattened event.
	 */
	private static Map<String, JsonNode> fieldSchemas(JsonNode schema) {
		Map<String, JsonNode> fields = new HashMap<>();
		for (JsonNode part : schema.path("fields")) {
			String name = part.path("field").asText();
			if (name.equals("after") || name.equals("before")) {
				for (JsonNode field : part.path("fields")) {
					fields.putIfAbsent(field.path("field").asText(), field);
				}
			}
			else {
				fields.putIfAbsent(name, part);
			}
		}
		return fields;
	}

	private static Object decode(Column column, JsonNode node, JsonNode schema) {
		String schemaName = (schema != null) ? schema.path("name").asText("") : "";
		return switch (column.type()) {
			case LONG -> node.isNumber() ? exactLong(node) : Long.parseLong(node.asText());
			case INTEGER -> node.isNumber() ? Math.toIntExact(exactLong(node)) : Integer.parseInt(node.asText());
			case STRING -> node.asText();
			case BOOLEAN -> {
				if (node.isBoolean()) {
					yield node.booleanValue();
				}
				String text = node.asText();
				if (!text.equals("true") && !text.equals("false")) {
					throw new IllegalArgumentException(text);
				}
				yield Boolean.parseBoolean(text);
			}
			case DATE -> node.isNumber() ? LocalDate.ofEpochDay(node.longValue()) : date(node.asText());
			case TIMESTAMP -> timestamp(node, schemaName);
			case DECIMAL -> {
				if (schemaName.equals("org.apache.kafka.connect.data.Decimal")) {
					int scale = Integer.parseInt(schema.path("parameters").path("scale").asText("0"));
					yield new BigDecimal(new BigInteger(Base64.getDecoder().decode(node.asText())), scale);
				}
				if (schemaName.equals("io.debezium.data.VariableScaleDecimal")) {
					// a NUMERIC without a declared scale: the scale travels with each
					// value
					JsonNode scale = node.path("scale");
					if (!node.isObject() || !scale.isIntegralNumber() || !node.path("value").isTextual()) {
						throw new IllegalArgumentException("not a variable scale decimal: " + node);
					}
					yield new BigDecimal(new BigInteger(Base64.getDecoder().decode(node.path("value").asText())),
							scale.intValue());
				}
				yield new BigDecimal(node.asText());
			}
		};
	}

	/**
	 * A JSON number as a long, refused unless it is a whole number within 64 bits (never
	 * cut to one).
	 */
	private static long exactLong(JsonNode node) {
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw new ArithmeticException(node.asText() + " is not a whole number within 64 bits");
		}
		return node.longValue();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

	/**
	 * An ISO date, also as {@code time.precision.mode=isostring} writes it, with a
	 * {@code Z} after it.
	 */
	private static LocalDate date(String text) {
		return LocalDate.parse((text.length() == 11 && text.endsWith("Z")) ? text.substring(0, 10) : text);
	}

	private static Instant timestamp(JsonNode node, String schemaName) {
		if (node.isNumber()) {
			long value = node.longValue();
			return switch (schemaName) {
				case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" ->
					Instant.ofEpochMilli(value);
				case "io.debezium.time.NanoTimestamp" -> Instant.ofEpochSecond(0, value);
				case "io.debezium.time.MicroTimestamp" -> micros(value);
				default -> unambiguousMicros(node, value);
			};
		}
		try {
			return instant(node.asText());
		}
		catch (DateTimeParseException ex) {
			return OffsetDateTime.parse(node.asText()).toInstant();
		}
	}

	private static Instant micros(long value) {
		return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
	}

	/**
	 * A number without a schema in a timestamp column, read as the microseconds a
	 * PostgreSQL connector writes for {@code timestamp(4)} to {@code timestamp(6)}; but a
	 * column of fewer digits writes milliseconds, which read as microseconds fall in the
	 * first months of 1970, a time no row of these sources has: such a value is refused
	 * rather than guessed.
	 */
	private static Instant unambiguousMicros(JsonNode node, long value) {
		Instant instant = micros(value);
		if (value != 0 && instant.isBefore(FIRST_PLAUSIBLE_TIME) && !instant.isBefore(Instant.EPOCH)) {
			throw new AmbiguousValueException(node.asText() + " has no schema to say its unit: as microseconds "
					+ instant + ", as milliseconds " + Instant.ofEpochMilli(value)
					+ " (keep the converter's schemas, or set time.precision.mode=isostring)");
		}
		return instant;
	}

	/** A value that could mean more than one thing, and why. */
	private static final class AmbiguousValueException extends RuntimeException {

		AmbiguousValueException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * {@link Instant#parse}: the instants the simulator and Debezium's ISO encodings
	 * write ({@code 2024-01-02T10:15:30Z}, with up to nine digits of fraction) read
	 * without a formatter, which took a tenth of the e-commerce ingestion's time;
	 * everything else through {@code Instant.parse}, with its result or its error.
	 */
	static Instant instant(String text) {
		int length = text.length();
		if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
			return Instant.parse(text);
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		int fraction = (length > 20) ? digits(text, 20, length - 1) : 0;
		if (year < 0 || month < 1 || month > 12 || day < 1
				|| day > 28 && day > YearMonth.of(year, month).lengthOfMonth() || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59 || fraction < 0) {
			return Instant.parse(text);
		}
		long nanos = (length > 20) ? fraction * NANOS_PER_FRACTION_UNIT[length - 21] : 0;
		return Instant.ofEpochSecond(
				LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second, nanos);
	}

	/** The number the ASCII digits {@code text[from, to)} write, or -1. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char digit = text.charAt(i);
			if (digit < '0' || digit > '9') {
				return -1;
			}
			value = value * 10 + (digit - '0');
		}
		return value;
	}

	private Ingested reject(ChangeEvent event, String reason) {
		return Ingested.rejected(
				new Reject(this.businessDate, Source.ECOMMERCE, this.entity, event.origin(), reason, event.value()));
	}

}
