package com.widgetsunlimited.etl.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a source entity: its values by column name, in the entity's column order,
 * typed as {@link ColumnType#javaType()} ({@code null} where a nullable column has no
 * value). Rows are values: a change makes a new row.
 */
public final class Row {

	private final Entity entity;

	private final Map<String, Object> values;

	private Row(Entity entity, Map<String, Object> values) {
		this.entity = entity;
		this.values = values;
	}

	/** A row from {@code values}, checked against the entity's columns. */
	public static Row of(Entity entity, Map<String, ?> values) {
		Map<String, Object> ordered = new LinkedHashMap<>();
		for (Column column : entity.columns()) {
			Object value = values.get(column.name());
			if (value == null && !column.nullable()) {
				throw new IllegalArgumentException(entity.id() + "." + column.name() + " must not be null");
			}
			if (value != null && !column.type().javaType().isInstance(value)) {
				throw new IllegalArgumentException(entity.id() + "." + column.name() + " must be a "
						+ column.type().javaType().getSimpleName() + ", not " + value.getClass().getSimpleName());
			}
			ordered.put(column.name(), value);
		}
		for (String name : values.keySet()) {
			if (!ordered.containsKey(name)) {
				throw new IllegalArgumentException(entity.id() + " has no column " + name);
			}
		}
		return new Row(entity, Collections.unmodifiableMap(ordered));
	}

	public Entity entity() {
		return this.entity;
	}

	/** The values by column name, in column order. */
	public Map<String, Object> values() {
		return this.values;
	}

	public Object get(String column) {
		if (!this.values.containsKey(column)) {
			throw new IllegalArgumentException(this.entity.id() + " has no column " + column);
		}
		return this.values.get(column);
	}

	public long key() {
		return (Long) this.values.get(this.entity.keyColumn());
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
		Map<String, Object> copy = new LinkedHashMap<>(this.values);
		copy.putAll(changes);
		return of(this.entity, copy);
	}

	/** A copy with one column changed. */
	public Row with(String column, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.values);
		copy.put(column, value);
		return of(this.entity, copy);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Row row && row.entity == this.entity && row.values.equals(this.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	/**
	 * The values, with passwords and card numbers replaced: safe for logs and messages.
	 */
	@Override
	public String toString() {
		Map<String, Object> shown = new LinkedHashMap<>(this.values);
		for (Column column : this.entity.columns()) {
			if (column.sensitive() && shown.get(column.name()) != null) {
				shown.put(column.name(), "******");
			}
		}
		return this.entity.id() + shown;
	}

}
