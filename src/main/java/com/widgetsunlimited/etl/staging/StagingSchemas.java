package com.widgetsunlimited.etl.staging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;

/**
 * The Avro schema of each entity's staging files, derived from its {@link Entity}
 * metadata, and the conversion of a {@link StagedRow} into a record of that schema.
 * <p>
 * A record is named after the entity ({@code product}) in the namespace
 * {@code com.widgetsunlimited.etl.staging.<source>}. Its fields follow the entity's
 * columns in order, typed as:
 * <ul>
 * <li>{@code LONG} → {@code long}, {@code INTEGER} → {@code int}, {@code BOOLEAN} →
 * {@code boolean}, {@code STRING} → {@code string};</li>
 * <li>{@code DECIMAL} → {@code bytes} with the {@code decimal(18,2)} logical type (values
 * rescaled HALF_UP; one that does not fit is refused);</li>
 * <li>{@code DATE} → {@code int} with the {@code date} logical type;</li>
 * <li>{@code TIMESTAMP} → {@code long} with the {@code timestamp-micros} logical type
 * (UTC; anything finer than a microsecond is truncated).</li>
 * </ul>
 * Every field but the key is a union {@code [null, type]} with default {@code null}: a
 * nullable column's, and a required one's too, since a change may arrive without some of
 * its row's values (see {@value #UNAVAILABLE}). A {@linkplain Column.Sensitivity#SECRET
 * secret} column has no field at all, and a {@linkplain Column.Sensitivity#CARD_NUMBER
 * card number} becomes the nullable string {@code <column>_last4} holding its last four
 * digits: since {@link #toRecord} is the only way a row reaches a staging file, a
 * password or a full card number cannot be staged. Four fields follow the columns:
 * {@value #OPERATION}, {@value #SOURCE_TIME}, {@value #ORIGIN} (see {@link StagedRow})
 * and {@value #UNAVAILABLE}.
 */
public final class StagingSchemas {

	/** Debezium's code of what happened to the row: c, u, d or r. */
	public static final String OPERATION = "_op";

	/** When the source recorded the change, if it says (nullable timestamp-micros). */
	public static final String SOURCE_TIME = "_source_ts";

	/** Where exactly the row was read. */
	public static final String ORIGIN = "_origin";

	/**
	 * The staged fields whose values the source did not give, comma-separated (a delete
	 * that names only the key, an unchanged TOASTed column), or {@code null} when it gave
	 * them all: a field named here is {@code null} in the record but not known to be
	 * {@code null} at the source.
	 */
	public static final String UNAVAILABLE = "_unavailable";

	/** What a card number column's field name ends with. */
	public static final String LAST_FOUR_SUFFIX = "_last4";

	/** Digits of a staged decimal. */
	public static final int DECIMAL_PRECISION = 18;

	/** Digits after the point of a staged decimal. */
	public static final int DECIMAL_SCALE = 2;

	private static final String NAMESPACE = "com.widgetsunlimited.etl.staging.";

	private static final Set<String> OPERATIONS = Set.of("c", "u", "d", "r");

	private static final LogicalTypes.Decimal DECIMAL = LogicalTypes.decimal(DECIMAL_PRECISION, DECIMAL_SCALE);

	private static final Conversions.DecimalConversion DECIMAL_CONVERSION = new Conversions.DecimalConversion();

	private static final Map<Entity, Schema> SCHEMAS = schemas();

	/** Each entity's {@link #fieldNames(Entity)}, worked out once: every row asks. */
	private static final Map<Entity, List<String>> FIELD_NAMES = new EnumMap<>(Arrays.stream(Entity.values())
		.collect(Collectors.toMap(Function.identity(),
				(entity) -> entity.columns().stream().flatMap((column) -> fieldName(column).stream()).toList())));

	private static final Map<Entity, Map<String, Integer>> FIELD_INDEXES = new EnumMap<>(
			Arrays.stream(Entity.values()).collect(Collectors.toMap(Function.identity(), (entity) -> {
				List<String> names = FIELD_NAMES.get(entity);
				return IntStream.range(0, names.size())
					.boxed()
					.collect(Collectors.toUnmodifiableMap(names::get, (i) -> i));
			})));

	private static final Map<Entity, Integer> KEY_INDEXES = new EnumMap<>(Arrays.stream(Entity.values())
		.collect(Collectors.toMap(Function.identity(), (entity) -> FIELD_INDEXES.get(entity).get(entity.keyColumn()))));

	private StagingSchemas() {
	}

	/** The schema of {@code entity}'s staging files. */
	public static Schema schema(Entity entity) {
		return SCHEMAS.get(entity);
	}

	/**
	 * The name of {@code column}'s field in staging files: its own name, its name with
	 * {@value #LAST_FOUR_SUFFIX} for a card number, none for a secret.
	 */
	public static Optional<String> fieldName(Column column) {
		return switch (column.sensitivity()) {
			case NONE -> Optional.of(column.name());
			case CARD_NUMBER -> Optional.of(column.name() + LAST_FOUR_SUFFIX);
			case SECRET -> Optional.empty();
		};
	}

	/**
	 * The staged fields of {@code entity}'s columns ({@link #fieldName(Column)}), in the
	 * entity's order: what a staged row holds besides its operation, time and origin.
	 */
	public static List<String> fieldNames(Entity entity) {
		return FIELD_NAMES.get(entity);
	}

	/** Each of {@link #fieldNames(Entity)} and where it stands in that list. */
	static Map<String, Integer> fieldIndex(Entity entity) {
		return FIELD_INDEXES.get(entity);
	}

	/** Where the entity's key stands in {@link #fieldNames(Entity)}. */
	static int keyIndex(Entity entity) {
		return KEY_INDEXES.get(entity);
	}

	/**
	 * The record of {@code staged} in its entity's {@link #schema(Entity) schema}:
	 * secrets dropped, card numbers cut to their last four digits, values converted to
	 * their Avro representation.
	 * @throws IllegalArgumentException if the operation is not one of c, u, d, r, the
	 * origin is missing, or a decimal does not fit {@code decimal(18,2)}
	 */
	public static GenericRecord toRecord(StagedRow staged) {
		Objects.requireNonNull(staged, "staged row");
		Entity entity = staged.row().entity();
		if (!OPERATIONS.contains(staged.operation())) {
			throw new IllegalArgumentException(
					entity.id() + ": operation must be one of c, u, d, r, not '" + staged.operation() + "'");
		}
		if (staged.origin() == null) {
			throw new IllegalArgumentException(entity.id() + " row " + staged.row().key() + " has no origin");
		}
		Schema schema = schema(entity);
		GenericData.Record record = new GenericData.Record(schema);
		int position = 0;
		List<Column> columns = entity.columns();
		long unknown = staged.row().unknown();
		StringBuilder unavailable = null;
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			Object value = staged.row().get(i);
			switch (column.sensitivity()) {
				case SECRET -> {
					continue;
				}
				case CARD_NUMBER -> record.put(position, lastFourDigits((String) value));
				case NONE -> record.put(position, avroValue(entity, column, value));
			}
			if ((unknown & (1L << i)) != 0) {
				unavailable = (unavailable == null) ? new StringBuilder() : unavailable.append(',');
				unavailable.append(FIELD_NAMES.get(entity).get(position));
			}
			position++;
		}
		record.put(position++, staged.operation());
		record.put(position++, (staged.sourceTime() != null) ? micros(staged.sourceTime()) : null);
		record.put(position++, staged.origin());
		record.put(position, (unavailable != null) ? unavailable.toString() : null);
		return record;
	}

	/**
	 * The last four digits of a card number, ignoring anything that is not a digit; fewer
	 * if it has fewer, {@code null} for {@code null}.
	 */
	static String lastFourDigits(String cardNumber) {
		if (cardNumber == null) {
			return null;
		}
		StringBuilder digits = new StringBuilder(4);
		for (int i = cardNumber.length() - 1; i >= 0 && digits.length() < 4; i--) {
			char c = cardNumber.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.reverse().toString();
	}

	private static Object avroValue(Entity entity, Column column, Object value) {
		if (value == null) {
			return null;
		}
		return switch (column.type()) {
			case LONG, INTEGER, STRING, BOOLEAN -> value;
			case DECIMAL -> decimal(entity, column, (BigDecimal) value);
			case DATE -> Math.toIntExact(((LocalDate) value).toEpochDay());
			case TIMESTAMP -> micros((Instant) value);
		};
	}

	private static ByteBuffer decimal(Entity entity, Column column, BigDecimal value) {
		BigDecimal scaled = value.setScale(DECIMAL_SCALE, RoundingMode.HALF_UP);
		if (scaled.precision() > DECIMAL_PRECISION) {
			throw new IllegalArgumentException(entity.id() + "." + column.name() + ": " + value
					+ " does not fit decimal(" + DECIMAL_PRECISION + "," + DECIMAL_SCALE + ")");
		}
		return DECIMAL_CONVERSION.toBytes(scaled, null, DECIMAL);
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private static Map<Entity, Schema> schemas() {
		Map<Entity, Schema> schemas = new EnumMap<>(Entity.class);
		for (Entity entity : Entity.values()) {
			schemas.put(entity, derive(entity));
		}
		return Collections.unmodifiableMap(schemas);
	}

	private static Schema derive(Entity entity) {
		List<Schema.Field> fields = new ArrayList<>();
		for (Column column : entity.columns()) {
			boolean key = column.name().equals(entity.keyColumn());
			fieldName(column).ifPresent((name) -> fields.add(field(name, type(column), !key)));
		}
		fields.add(field(OPERATION, Schema.create(Schema.Type.STRING), false));
		fields.add(field(SOURCE_TIME, timestampMicros(), true));
		fields.add(field(ORIGIN, Schema.create(Schema.Type.STRING), false));
		fields.add(field(UNAVAILABLE, Schema.create(Schema.Type.STRING), true));
		return Schema.createRecord(entity.id(), null, NAMESPACE + entity.source().id(), false, fields);
	}

	private static Schema type(Column column) {
		if (column.sensitivity() == Column.Sensitivity.CARD_NUMBER) {
			return Schema.create(Schema.Type.STRING);
		}
		return switch (column.type()) {
			case LONG -> Schema.create(Schema.Type.LONG);
			case INTEGER -> Schema.create(Schema.Type.INT);
			case DECIMAL -> DECIMAL.addToSchema(Schema.create(Schema.Type.BYTES));
			case STRING -> Schema.create(Schema.Type.STRING);
			case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
			case TIMESTAMP -> timestampMicros();
			case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
		};
	}

	private static Schema timestampMicros() {
		return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
	}

	private static Schema.Field field(String name, Schema type, boolean nullable) {
		if (nullable) {
			return new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), null,
					Schema.Field.NULL_DEFAULT_VALUE);
		}
		return new Schema.Field(name, type);
	}

}
