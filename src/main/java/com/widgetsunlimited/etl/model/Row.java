package com.widgetsunlimited.etl.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a source entity: its values by column name, in the entity's column order,
 * typed as {@link ColumnType#javaType()} ({@code null} where a nullable column has no
 * value). Rows are values: a change makes a new row.
 * <p>
 * A row may be {@linkplain #partial partial}: a source that reports a change without some
 * of the row's values (a delete that names only the key, an unchanged column the source
 * did not resend) leaves them unknown, which is not the same as {@code null}.
 */
public final class Row {

	private final Entity entity;

	/** The values in the entity's column order. */
	private final Object[] values;

	/** The columns whose values the source did not give, one bit per position. */
	private final long unknown;

	private Row(Entity entity, Object[] values, long unknown) {
		this.entity = entity;
		this.values = values;
		this.unknown = unknown;
	}

	/** A row from {@code values}, checked against the entity's columns. */
	public static Row of(Entity entity, Map<String, ?> values) {
		for (String name : values.keySet()) {
			entity.position(name); // an unknown column is refused
		}
		Object[] ordered = new Object[entity.columns().size()];
		for (int i = 0; i < ordered.length; i++) {
			ordered[i] = values.get(entity.columns().get(i).name());
		}
		return of(entity, ordered);
	}

	/**
	 * A row from {@code values} in the entity's column order (the array is the row's from
	 * then on), checked against the entity's columns.
	 */
	public static Row of(Entity entity, Object[] values) {
		return partial(entity, values, 0L);
	}

	/**
	 * A row whose values at the positions set in {@code unknown} are not known (and
	 * {@code null} in {@code values}); the key is always known.
	 * @throws IllegalArgumentException if the key is unknown or an unknown value is given
	 */
	public static Row partial(Entity entity, Object[] values, long unknown) {
		List<Column> columns = entity.columns();
		if ((unknown & 1L) != 0 || (unknown >>> columns.size()) != 0) {
			throw new IllegalArgumentException(
					entity.id() + ": the key must be known, and only columns can be unknown");
		}
		if (values.length != columns.size()) {
			throw new IllegalArgumentException(
					entity.id() + " has " + columns.size() + " columns, not " + values.length + " values");
		}
		for (int i = 0; i < values.length; i++) {
			Column column = columns.get(i);
			Object value = values[i];
			if ((unknown & (1L << i)) != 0) {
				if (value != null) {
					throw new IllegalArgumentException(
							entity.id() + "." + column.name() + " is unknown but has a value");
				}
				continue;
			}
			if (value == null && !column.nullable()) {
				throw new IllegalArgumentException(entity.id() + "." + column.name() + " must not be null");
			}
			if (value != null && !column.type().javaType().isInstance(value)) {
				throw new IllegalArgumentException(entity.id() + "." + column.name() + " must be a "
						+ column.type().javaType().getSimpleName() + ", not " + value.getClass().getSimpleName());
			}
		}
		return new Row(entity, values, unknown);
	}

	public Entity entity() {
		return this.entity;
	}

	/**
	 * The positions of the columns whose values the source did not give, one bit each
	 * (bit {@code i} for the column at position {@code i}); 0 for a complete row.
	 */
	public long unknown() {
		return this.unknown;
	}

	/** Whether every value of the row is known. */
	public boolean complete() {
		return this.unknown == 0;
	}

	/** The values by column name, in column order. */
	public Map<String, Object> values() {
		Map<String, Object> byName = new LinkedHashMap<>();
		for (int i = 0; i < this.values.length; i++) {
			byName.put(this.entity.columns().get(i).name(), this.values[i]);
		}
		return Collections.unmodifiableMap(byName);
	}

	public Object get(String column) {
		return this.values[this.entity.position(column)];
	}

	/** The value of the column at {@code position} in the entity's column order. */
	public Object get(int position) {
		return this.values[position];
	}

	public long key() {
		return (Long) this.values[0];
	}

	public String string(String column) {
		return (String) get(column);
	}

	public Long longValue(String column) {
		return (Long) get(column);
	}

	public Integer integer(String column) {
		return (Integer) get(column);
	}

	public BigDecimal decimal(String column) {
		return (BigDecimal) get(column);
	}

	public LocalDate date(String column) {
		return (LocalDate) get(column);
	}

	public Instant timestamp(String column) {
		return (Instant) get(column);
	}

	public Boolean bool(String column) {
		return (Boolean) get(column);
	}

	/** A copy with {@code changes} applied. */
	public Row with(Map<String, ?> changes) {
		Object[] copy = this.values.clone();
		changes.forEach((column, value) -> copy[this.entity.position(column)] = value);
		return of(this.entity, copy);
	}

	/** A copy with one column changed. */
	public Row with(String column, Object value) {
		Object[] copy = this.values.clone();
		copy[this.entity.position(column)] = value;
		return of(this.entity, copy);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Row row && row.entity == this.entity && row.unknown == this.unknown
				&& Arrays.equals(row.values, this.values);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.values);
	}

	/**
	 * The values, with passwords and card numbers replaced: safe for logs and messages.
	 */
	@Override
	public String toString() {
		Map<String, Object> shown = new LinkedHashMap<>(values());
		for (Column column : this.entity.columns()) {
			if (column.sensitive() && shown.get(column.name()) != null) {
				shown.put(column.name(), "******");
			}
		}
		return this.entity.id() + shown;
	}

}
