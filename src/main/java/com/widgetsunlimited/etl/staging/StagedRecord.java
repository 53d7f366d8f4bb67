package com.widgetsunlimited.etl.staging;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;

/**
 * One row read back from a staging file, its values typed as in a
 * {@link com.widgetsunlimited.etl.model.Row} ({@code LocalDate}, {@code Instant},
 * {@code BigDecimal}, ...) and keyed by staged field name: a card number column is
 * {@code <column>_last4}, a secret is absent.
 * <p>
 * The values sit in an array in the order of {@link StagingSchemas#fieldNames(Entity)},
 * {@code null} for a field the file does not have: the raw layer reads a million of these
 * a day, and a map per row (its entries, a lookup per field) was a quarter of its CPU.
 */
public final class StagedRecord {

	private final Entity entity;

	private final Object[] values;

	private final String operation;

	private final Instant sourceTime;

	private final String origin;

	/**
	 * The staged fields the source did not give ({@link StagingSchemas#UNAVAILABLE}), one
	 * bit per field index.
	 */
	private final long unavailable;

	/**
	 * A row of {@code entity} from its values by staged field name.
	 * @param values the staged fields; one left out is {@code null}
	 * @param operation {@code c}, {@code u}, {@code d} or {@code r} (see
	 * {@link StagedRow})
	 * @param sourceTime when the source recorded the change, if it said
	 * @param origin where the row was read from the source
	 * @throws IllegalArgumentException for a field {@code entity}'s files do not have
	 */
	public StagedRecord(Entity entity, Map<String, Object> values, String operation, Instant sourceTime,
			String origin) {
		this(entity, new Object[StagingSchemas.fieldNames(entity).size()], operation, sourceTime, origin, 0L);
		values.forEach((field, value) -> {
			Integer index = StagingSchemas.fieldIndex(entity).get(field);
			if (index == null) {
				throw new IllegalArgumentException(entity.id() + " has no staged field " + field);
			}
			this.values[index] = value;
		});
	}

	private StagedRecord(Entity entity, Object[] values, String operation, Instant sourceTime, String origin,
			long unavailable) {
		this.entity = entity;
		this.values = values;
		this.operation = operation;
		this.sourceTime = sourceTime;
		this.origin = origin;
		this.unavailable = unavailable;
	}

	/**
	 * This record with the fields named in {@code unavailable} marked as not given by the
	 * source (and {@code null}).
	 * @throws IllegalArgumentException for a field the entity's files do not have, or the
	 * key
	 */
	public StagedRecord withUnavailable(List<String> unavailable) {
		long bits = 0;
		Object[] copy = this.values.clone();
		for (String field : unavailable) {
			Integer index = StagingSchemas.fieldIndex(this.entity).get(field);
			if (index == null || index == StagingSchemas.keyIndex(this.entity)) {
				throw new IllegalArgumentException(
						this.entity.id() + " has no staged field " + field + " that a change may leave out");
			}
			bits |= 1L << index;
			copy[index] = null;
		}
		return new StagedRecord(this.entity, copy, this.operation, this.sourceTime, this.origin, bits);
	}

	/**
	 * This record's values where the source gave them, {@code older}'s where it did not,
	 * with this record's operation, time and origin: the state a change leaves when it
	 * follows {@code older} (a delete keeps the row's last known values).
	 */
	public StagedRecord over(StagedRecord older) {
		Object[] merged = this.values.clone();
		long unknown = 0;
		for (int i = 0; i < merged.length; i++) {
			if (deleted() || !available(i)) {
				merged[i] = older.values[i];
				if (!older.available(i)) {
					unknown |= 1L << i;
				}
			}
		}
		return new StagedRecord(this.entity, merged, this.operation, this.sourceTime, this.origin, unknown);
	}

	/** The entity the file stages. */
	public Entity entity() {
		return this.entity;
	}

	/** {@code c}, {@code u}, {@code d} or {@code r} (see {@link StagedRow}). */
	public String operation() {
		return this.operation;
	}

	/** When the source recorded the change, if it said. */
	public Instant sourceTime() {
		return this.sourceTime;
	}

	/** Where the row was read from the source. */
	public String origin() {
		return this.origin;
	}

	/** Whether the source gave the value of the {@code index}-th staged field. */
	public boolean available(int index) {
		return (this.unavailable & (1L << index)) == 0;
	}

	/** Whether the source gave every staged value of the row. */
	public boolean complete() {
		return this.unavailable == 0;
	}

	/** The staged fields the source did not give, in the schema's order. */
	public List<String> unavailable() {
		List<String> fields = StagingSchemas.fieldNames(this.entity);
		return java.util.stream.IntStream.range(0, fields.size())
			.filter((i) -> !available(i))
			.mapToObj(fields::get)
			.toList();
	}

	/** The entity's key. */
	public long key() {
		return (Long) this.values[StagingSchemas.keyIndex(this.entity)];
	}

	/** The value of the staged field {@code field}, {@code null} if it has none. */
	public Object get(String field) {
		Integer index = StagingSchemas.fieldIndex(this.entity).get(field);
		return (index != null) ? this.values[index] : null;
	}

	/**
	 * The value of the entity's {@code index}-th staged field, in the order of
	 * {@link StagingSchemas#fieldNames(Entity)}.
	 */
	public Object value(int index) {
		return this.values[index];
	}

	/** The staged fields and their values, in the schema's order. */
	public Map<String, Object> values() {
		Map<String, Object> values = new LinkedHashMap<>();
		List<String> fields = StagingSchemas.fieldNames(this.entity);
		for (int i = 0; i < fields.size(); i++) {
			values.put(fields.get(i), this.values[i]);
		}
		return Collections.unmodifiableMap(values);
	}

	/** Whether the source deleted the row (the values are its last state). */
	public boolean deleted() {
		return "d".equals(this.operation);
	}

	/**
	 * The time of the change: the source's own time of the event, else the row's
	 * {@code updated_at}. Orders the states of one row.
	 */
	public Instant changeTime() {
		return (this.sourceTime != null) ? this.sourceTime : (Instant) get(Entity.UPDATED_AT);
	}

	@Override
	public String toString() {
		return "StagedRecord[" + this.entity.id() + " " + this.operation + " " + values() + " at " + this.sourceTime
				+ " from " + this.origin + (complete() ? "" : " without " + unavailable()) + "]";
	}

	/** The row of a record read from {@code entity}'s staging file. */
	public static StagedRecord of(Entity entity, GenericRecord record) {
		return decoder(entity, record.getSchema()).decode(record);
	}

	/**
	 * Reads the records of {@code entity}'s staged files written (or projected) with
	 * {@code schema}: which column sits where is worked out once, not per record.
	 */
	public static Decoder decoder(Entity entity, Schema schema) {
		return new Decoder(entity, schema);
	}

	/** Turns the records of one schema into {@link StagedRecord}s. */
	public static final class Decoder {

		private final Entity entity;

		private final Schema schema;

		/** The column of each staged field. */
		private final Column[] columns;

		/** Where each staged field sits in the schema, -1 where it is not. */
		private final int[] positions;

		private final int operation;

		private final int sourceTime;

		private final int origin;

		private final int unavailable;

		private Decoder(Entity entity, Schema schema) {
			this.entity = entity;
			this.schema = schema;
			this.columns = entity.columns()
				.stream()
				.filter((column) -> StagingSchemas.fieldName(column).isPresent())
				.toArray(Column[]::new);
			this.positions = StagingSchemas.fieldNames(entity)
				.stream()
				.mapToInt((field) -> position(schema, field))
				.toArray();
			this.operation = position(schema, StagingSchemas.OPERATION);
			this.sourceTime = position(schema, StagingSchemas.SOURCE_TIME);
			this.origin = position(schema, StagingSchemas.ORIGIN);
			this.unavailable = position(schema, StagingSchemas.UNAVAILABLE);
		}

		/** Whether it reads records of {@code schema}. */
		public boolean reads(Schema schema) {
			return this.schema == schema || this.schema.equals(schema);
		}

		public StagedRecord decode(GenericRecord record) {
			Object[] values = new Object[this.positions.length];
			for (int i = 0; i < this.positions.length; i++) {
				if (this.positions[i] >= 0) {
					Column column = this.columns[i];
					Object value = record.get(this.positions[i]);
					values[i] = (column.sensitivity() == Column.Sensitivity.CARD_NUMBER) ? text(value)
							: javaValue(column, value);
				}
			}
			Object time = field(record, this.sourceTime);
			StagedRecord decoded = new StagedRecord(this.entity, values, text(field(record, this.operation)),
					(time != null) ? instant((Long) time) : null, text(field(record, this.origin)), 0L);
			Object unavailable = field(record, this.unavailable);
			return (unavailable != null) ? decoded.withUnavailable(List.of(unavailable.toString().split(",")))
					: decoded;
		}

		/** The field at {@code position}, {@code null} where a projection left it out. */
		private static Object field(GenericRecord record, int position) {
			return (position >= 0) ? record.get(position) : null;
		}

		private static int position(Schema schema, String name) {
			Schema.Field field = schema.getField(name);
			return (field != null) ? field.pos() : -1;
		}

	}

	private static Object javaValue(Column column, Object value) {
		if (value == null) {
			return null;
		}
		return switch (column.type()) {
			case LONG, INTEGER, BOOLEAN -> value;
			case STRING -> value.toString();
			case DECIMAL -> decimal((ByteBuffer) value);
			case DATE -> LocalDate.ofEpochDay((Integer) value);
			case TIMESTAMP -> instant((Long) value);
		};
	}

	/**
	 * The decimal of Avro's bytes: the unscaled value, big-endian two's complement. Up to
	 * eight bytes (every {@code decimal(18,2)}) it is read as a long, without the copy
	 * and the {@code BigInteger} of the general case.
	 */
	private static BigDecimal decimal(ByteBuffer bytes) {
		int length = bytes.remaining();
		if (length > 0 && length <= Long.BYTES) {
			int at = bytes.position();
			long unscaled = bytes.get(at);
			for (int i = 1; i < length; i++) {
				unscaled = (unscaled << 8) | (bytes.get(at + i) & 0xff);
			}
			return BigDecimal.valueOf(unscaled, StagingSchemas.DECIMAL_SCALE);
		}
		ByteBuffer copy = bytes.duplicate();
		byte[] unscaled = new byte[copy.remaining()];
		copy.get(unscaled);
		return new BigDecimal(new java.math.BigInteger(unscaled), StagingSchemas.DECIMAL_SCALE);
	}

	private static Instant instant(long micros) {
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
