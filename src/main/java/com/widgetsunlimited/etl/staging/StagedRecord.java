package com.widgetsunlimited.etl.staging;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 *
 * @param entity the entity the file stages
 * @param values the staged columns, in the schema's order
 * @param operation {@code c}, {@code u}, {@code d} or {@code r} (see {@link StagedRow})
 * @param sourceTime when the source recorded the change, if it said
 * @param origin where the row was read from the source
 */
public record StagedRecord(Entity entity, Map<String, Object> values, String operation, Instant sourceTime,
		String origin) {

	/** The entity's key. */
	public long key() {
		return (Long) this.values.get(this.entity.keyColumn());
	}

	public Object get(String field) {
		return this.values.get(field);
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
		return (this.sourceTime != null) ? this.sourceTime : (Instant) this.values.get(Entity.UPDATED_AT);
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

		private final List<Column> columns = new ArrayList<>();

		private final List<String> fields = new ArrayList<>();

		private final int[] positions;

		private final int operation;

		private final int sourceTime;

		private final int origin;

		private Decoder(Entity entity, Schema schema) {
			this.entity = entity;
			this.schema = schema;
			List<Integer> positions = new ArrayList<>();
			for (Column column : entity.columns()) {
				StagingSchemas.fieldName(column).map(schema::getField).ifPresent((field) -> {
					this.columns.add(column);
					this.fields.add(field.name());
					positions.add(field.pos());
				});
			}
			this.positions = positions.stream().mapToInt(Integer::intValue).toArray();
			this.operation = position(schema, StagingSchemas.OPERATION);
			this.sourceTime = position(schema, StagingSchemas.SOURCE_TIME);
			this.origin = position(schema, StagingSchemas.ORIGIN);
		}

		/** Whether it reads records of {@code schema}. */
		public boolean reads(Schema schema) {
			return this.schema == schema || this.schema.equals(schema);
		}

		public StagedRecord decode(GenericRecord record) {
			// sized so that it never grows
			Map<String, Object> values = new LinkedHashMap<>(this.positions.length * 4 / 3 + 1);
			for (int i = 0; i < this.positions.length; i++) {
				Column column = this.columns.get(i);
				Object value = record.get(this.positions[i]);
				values.put(this.fields.get(i), (column.sensitivity() == Column.Sensitivity.CARD_NUMBER) ? text(value)
						: javaValue(column, value));
			}
			Object time = field(record, this.sourceTime);
			return new StagedRecord(this.entity, Collections.unmodifiableMap(values),
					text(field(record, this.operation)), (time != null) ? instant((Long) time) : null,
					text(field(record, this.origin)));
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

	private static BigDecimal decimal(ByteBuffer bytes) {
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
