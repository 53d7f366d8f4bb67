package com.widgetsunlimited.etl.operations.instore;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.Change.Operation;
import com.widgetsunlimited.etl.source.InstoreDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The in-store system's tables ({@code instore.store}, {@code store_location},
 * {@code store_sales}): what the branches write, applied as batched inserts, updates and
 * deletes by key. Timestamps are stored as UTC wall-clock values, whatever the JVM's time
 * zone.
 */
public final class InstoreTables {

	private static final int BATCH = 1000;

	private final JdbcTemplate jdbc;

	public InstoreTables(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Applies the in-store changes, in order, in the caller's transaction. */
	public void apply(List<Change> changes) {
		for (Entity entity : Entity.of(Source.INSTORE)) {
			List<Object[]> inserts = new ArrayList<>();
			List<Object[]> updates = new ArrayList<>();
			List<Object[]> deletes = new ArrayList<>();
			for (Change change : changes) {
				if (change.entity() != entity) {
					continue;
				}
				if (change.operation() == Operation.INSERT) {
					inserts.add(values(change.after(), entity.columnNames()));
				}
				else if (change.operation() == Operation.UPDATE) {
					List<String> columns = new ArrayList<>(entity.columnNames().subList(1, entity.columns().size()));
					columns.add(entity.keyColumn());
					updates.add(values(change.after(), columns));
				}
				else {
					deletes.add(new Object[] { LocalDateTime.ofInstant(change.at(), ZoneOffset.UTC).toString(),
							change.key() });
				}
			}
			List<String> columns = entity.columnNames();
			String insert = "INSERT INTO " + InstoreDatabase.table(entity) + " (" + String.join(", ", columns)
					+ ") VALUES (" + columns.stream().map((column) -> "?").collect(Collectors.joining(", ")) + ")";
			String update = "UPDATE " + InstoreDatabase.table(entity) + " SET "
					+ columns.subList(1, columns.size())
						.stream()
						.map((column) -> column + " = ?")
						.collect(Collectors.joining(", "))
					+ " WHERE " + entity.keyColumn() + " = ?";
			List<String> updateColumns = new ArrayList<>(columns.subList(1, columns.size()));
			updateColumns.add(entity.keyColumn());
			batch(insert, inserts, sqlTypes(entity, columns));
			batch(update, updates, sqlTypes(entity, updateColumns));
			// the database's log of deletions records the simulated time of each
			// (db/instore V3), which the statement sets for its own transaction
			batch("WITH deleted_at AS (SELECT set_config('instore.deleted_at', ?, TRUE)) DELETE FROM "
					+ InstoreDatabase.table(entity) + " WHERE " + entity.keyColumn()
					+ " = ? AND EXISTS (SELECT 1 FROM deleted_at)", deletes, new int[] { Types.VARCHAR, Types.BIGINT });
		}
	}

	/**
	 * Typed parameters: without types, every null would cost a round trip to ask for its
	 * type.
	 */
	private void batch(String sql, List<Object[]> rows, int[] types) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			this.jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)), types);
		}
	}

	private static int[] sqlTypes(Entity entity, List<String> columns) {
		return columns.stream().mapToInt((column) -> entity.column(column).type().sqlType()).toArray();
	}

	private static Object[] values(Row row, List<String> columns) {
		Object[] values = new Object[columns.size()];
		for (int i = 0; i < columns.size(); i++) {
			Object value = row.get(columns.get(i));
			values[i] = (value instanceof Instant instant) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
		}
		return values;
	}

	/** Empties the tables (a reset of the simulated world). */
	public void clear() {
		for (Entity entity : Entity.of(Source.INSTORE)) {
			this.jdbc.execute("TRUNCATE TABLE " + InstoreDatabase.table(entity));
		}
	}

}
