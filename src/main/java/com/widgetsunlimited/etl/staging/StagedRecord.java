package com.widgetsunlimited.etl.staging;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
		Map<String, Object> values = new LinkedHashMap<>();
		for (Column column : entity.columns()) {
			StagingSchemas.fieldName(column)
				.filter((field) -> record.getSchema().getField(field) != null)
				.ifPresent((field) -> {
					Object value = record.get(field);
					values.put(field, (column.sensitivity() == Column.Sensitivity.CARD_NUMBER) ? text(value)
							: javaValue(column, value));
				});
		}
		Object sourceTime = field(record, StagingSchemas.SOURCE_TIME);
		return new StagedRecord(entity, Collections.unmodifiableMap(values),
				text(field(record, StagingSchemas.OPERATION)), (sourceTime != null) ? instant((Long) sourceTime) : null,
				text(field(record, StagingSchemas.ORIGIN)));
	}

	/** The record's {@code name}, {@code null} if a projection left it out. */
	private static Object field(GenericRecord record, String name) {
		return (record.getSchema().getField(name) != null) ? record.get(name) : null;
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
