package com.widgetsunlimited.etl.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.warehouse.RawTable;
import org.postgresql.PGConnection;

/**
 * Gives a warehouse the history of {@code days} earlier days as large as a measured one:
 * the rows that day wrote to the tables that grow with every day (the sales fact and the
 * raw layer tables of orders, order lines, store sales and stock movements) copied once
 * per earlier day under keys of their own (order lines and web facts under orders of
 * their own) and earlier business dates.
 */
final class History {

	/**
	 * Taken from a copied row's key per day back: the earlier days' keys lie below the
	 * measured day's, as the sources' increasing numbering would have left them, and far
	 * from any key the sources use.
	 */
	private static final long KEY_STRIDE = 1_000_000_000_000L;

	private History() {
	}

	/**
	 * Copies the rows {@code from} wrote on {@code day} into {@code to}, {@code days}
	 * times, dated the days before {@code firstDay}.
	 */
	static long add(Connection from, Connection to, LocalDate day, LocalDate firstDay, int days)
			throws SQLException, IOException {
		long rows = 0;
		rows += copy(from, to, "sales_fact", List.of("source_line_id", "order_id"), day, firstDay, days);
		for (Entity entity : List.of(Entity.ORDER, Entity.ORDER_LINE_ITEM, Entity.STORE_SALES, Entity.INVENTORY)) {
			List<String> keys = new ArrayList<>(List.of(entity.keyColumn()));
			if (entity == Entity.ORDER_LINE_ITEM) {
				// the copied lines belong to the copied orders, not to the measured day's
				keys.add(entity.parentColumn());
			}
			rows += copy(from, to, new RawTable(entity).name(), keys, day, firstDay, days);
		}
		try (Statement statement = to.createStatement()) {
			// as autovacuum would have left 29 nights of loads: hint bits set, visibility
			// map and statistics current
			statement.execute("VACUUM (ANALYZE)");
		}
		return rows;
	}

	/**
	 * The values of a copied row's {@code columns} as of {@code k} days before
	 * {@code firstDay}: its {@code keys} moved below the measured day's, its business
	 * date.
	 */
	private static List<String> daysBack(List<String> columns, List<String> keys, LocalDate firstDay, int k) {
		return columns.stream().map((column) -> {
			if (keys.contains(column)) {
				return column + " - " + k + " * " + KEY_STRIDE;
			}
			return column.equals(RawTable.BUSINESS_DATE) ? "DATE '" + firstDay.minusDays(k) + "'" : column;
		}).toList();
	}

	private static long copy(Connection from, Connection to, String table, List<String> keys, LocalDate day,
			LocalDate firstDay, int days) throws SQLException, IOException {
		ByteArrayOutputStream rows = new ByteArrayOutputStream();
		from.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyOut("COPY (SELECT * FROM " + table + " WHERE business_date = '" + day + "') TO STDOUT (FORMAT binary)",
					rows);
		String day1 = "bench_day_" + table;
		try (Statement statement = to.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + day1);
			statement.execute("CREATE TABLE " + day1 + " (LIKE " + table + ")");
		}
		to.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY " + day1 + " FROM STDIN (FORMAT binary)", new ByteArrayInputStream(rows.toByteArray()));
		List<String> columns = new ArrayList<>();
		try (Statement statement = to.createStatement();
				ResultSet rs = statement.executeQuery("SELECT column_name FROM information_schema.columns "
						+ "WHERE table_schema = current_schema() AND table_name = '" + table
						+ "' ORDER BY ordinal_position")) {
			while (rs.next()) {
				columns.add(rs.getString(1));
			}
		}
		try (Statement statement = to.createStatement()) {
			// one day after the other, as the nightly loads would have written them: each
			// day's rows in pages of their own, which a block range index relies on
			long inserted = 0;
			for (int k = days; k >= 1; k--) {
				inserted += statement.executeLargeUpdate("INSERT INTO " + table + " (" + String.join(", ", columns)
						+ ") SELECT " + String.join(", ", daysBack(columns, keys, firstDay, k)) + " FROM " + day1);
			}
			statement.execute("DROP TABLE " + day1);
			return inserted;
		}
	}

}
