package com.widgetsunlimited.etl.operations.generator;

import java.time.Instant;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;

/**
 * One change an operational system records: a row created, changed or deleted at
 * {@code at}.
 *
 * @param before the row before the change ({@code null} for an insert)
 * @param after the row after the change ({@code null} for a delete)
 */
public record Change(Entity entity, Operation operation, Row before, Row after, Instant at) {

	/** What happened to the row; {@link #code()} is Debezium's {@code op}. */
	public enum Operation {

		INSERT("c"), UPDATE("u"), DELETE("d");

		private final String code;

		Operation(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

	static Change insert(Row row) {
		return new Change(row.entity(), Operation.INSERT, null, row, row.timestamp(Entity.UPDATED_AT));
	}

	static Change update(Row before, Row after) {
		return new Change(after.entity(), Operation.UPDATE, before, after, after.timestamp(Entity.UPDATED_AT));
	}

	static Change delete(Row before, Instant at) {
		return new Change(before.entity(), Operation.DELETE, before, null, at);
	}

	/** The row's state after the change, or before it for a delete. */
	public Row row() {
		return (this.after != null) ? this.after : this.before;
	}

	public long key() {
		return row().key();
	}

}
