package com.widgetsunlimited.etl.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Writes a chunk's rows with one statement of the {@link WarehouseDialect} (an insert, an
 * upsert, or an update by key), in the chunk's transaction, with as few round trips as
 * the database allows: on PostgreSQL the rows travel by {@code COPY}, straight into the
 * table for an insert, otherwise into a temporary table of the session from which one
 * set-based statement applies them all (the upsert as {@code INSERT ... SELECT} with the
 * same conflict clause, the update as {@code UPDATE ... FROM}); elsewhere as one batch of
 * the statement (inserts rewritten by the driver into multi-row ones). Either way the
 * chunk may name a key only once.
 * <p>
 * An upsert into a table keyed by a number that its source hands out in increasing order
 * ({@link #upsertByIncreasingKey}) COPYs the rows above the table's largest key straight
 * into the table: they cannot be there yet, and most of a day's rows are such new rows.
 * That skips the load table and the conflict check, a third of the database's time for
 * them.
 */
public final class BulkWrite {

	private final DataSource dataSource;

	private final NamedParameterJdbcTemplate jdbc;

	private final String table;

	private final List<String> columns;

	private final String statement;

	private final String loadTable;

	/**
	 * The statement that applies the rows COPYed into {@code loadTable}: empty when they
	 * are COPYed straight into the table, {@code null} where there is no COPY.
	 */
	private final String setBased;

	/**
	 * The position in {@link #columns} of the increasing key whose new values are COPYed
	 * straight into the table, or -1.
	 */
	private final int increasingKey;

	private BulkWrite(WarehouseDatabase warehouse, String table, List<String> columns, String statement,
			String loadTable, String setBased, int increasingKey) {
		this.dataSource = warehouse.dataSource();
		this.jdbc = new NamedParameterJdbcTemplate(this.dataSource);
		this.table = table;
		this.columns = List.copyOf(columns);
		this.statement = statement;
		this.loadTable = loadTable;
		this.setBased = setBased;
		this.increasingKey = increasingKey;
	}

	/**
	 * Rows of {@code columns} written by {@code upsert}, a statement of the warehouse's
	 * dialect built on {@code INSERT INTO table (columns) VALUES (:columns)}.
	 */
	public static BulkWrite upsert(WarehouseDatabase warehouse, String table, List<String> columns, String upsert) {
		String loadTable = table + "_load";
		return new BulkWrite(warehouse, table, columns, upsert, loadTable, warehouse.dialect().copiesRowsIn()
				? warehouse.dialect().fromTable(upsert, table, columns, loadTable) : null, -1);
	}

	/**
	 * {@link #upsert} into a table whose one-column key {@code key} is a number: on
	 * PostgreSQL, the rows of a chunk whose key is above the table's largest (looked up
	 * once per chunk, at the end of the key's index) are COPYed straight into the table,
	 * the others upserted. Right whatever the keys; it pays where the source hands them
	 * out in increasing order. Nothing else may insert into the table meanwhile; should
	 * anything ever, the COPY fails on the key, and the chunk with it, rather than a row
	 * being written twice.
	 */
	public static BulkWrite upsertByIncreasingKey(WarehouseDatabase warehouse, String table, List<String> columns,
			String upsert, String key) {
		BulkWrite write = upsert(warehouse, table, columns, upsert);
		int position = columns.indexOf(key);
		if (position < 0) {
			throw new IllegalArgumentException(key + " is not one of " + columns);
		}
		return new BulkWrite(warehouse, table, columns, upsert, write.loadTable, write.setBased,
				(write.setBased != null) ? position : -1);
	}

	/**
	 * Rows of {@code columns} inserted into {@code table}: on PostgreSQL by one
	 * {@code COPY} straight into the table, elsewhere as a batch of inserts.
	 */
	public static BulkWrite insert(WarehouseDatabase warehouse, String table, List<String> columns) {
		return new BulkWrite(warehouse, table, columns, Sql.insert(table, columns), table,
				warehouse.dialect().copiesRowsIn() ? "" : null, -1);
	}

	/**
	 * Rows of {@code key} and {@code columns}, each setting those columns (and the
	 * {@code fixed} assignments, such as {@code is_current = FALSE}) of the rows of
	 * {@code table} with that key. {@code name} tells this update's session table from
	 * the table's others.
	 */
	public static BulkWrite update(WarehouseDatabase warehouse, String table, String name, String key,
			List<String> columns, String fixed) {
		String suffix = fixed.isEmpty() ? "" : ", " + fixed;
		String update = "UPDATE " + table + " SET "
				+ columns.stream().map((column) -> column + " = :" + column).collect(Collectors.joining(", ")) + suffix
				+ " WHERE " + key + " = :" + key;
		String loadTable = table + "_" + name + "_load";
		String fromTable = "UPDATE " + table + " SET "
				+ columns.stream().map((column) -> column + " = l." + column).collect(Collectors.joining(", ")) + suffix
				+ " FROM " + loadTable + " l WHERE " + table + "." + key + " = l." + key;
		List<String> all = new ArrayList<>(List.of(key));
		all.addAll(columns);
		return new BulkWrite(warehouse, table, all, update, loadTable,
				warehouse.dialect().copiesRowsIn() ? fromTable : null, -1);
	}

	/** Writes {@code rows}, each holding a value for every column by name. */
	public void write(SqlParameterSource[] rows) {
		List<Object[]> values = new ArrayList<>(rows.length);
		for (SqlParameterSource row : rows) {
			Object[] value = new Object[this.columns.size()];
			for (int i = 0; i < value.length; i++) {
				value[i] = row.getValue(this.columns.get(i));
			}
			values.add(value);
		}
		write(values);
	}

	/** Writes {@code rows}, each holding its values in the order of the columns. */
	public void write(List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		if (this.setBased == null) {
			this.jdbc.batchUpdate(this.statement,
					rows.stream().map(this::parameters).toArray(SqlParameterSource[]::new));
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		String columnList = " (" + String.join(", ", this.columns) + ") FROM STDIN";
		String sql = "COPY " + this.loadTable + columnList;
		try (Statement statement = connection.createStatement()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			List<Object[]> applied = rows;
			if (this.increasingKey >= 0) {
				List<Object[]> above = new ArrayList<>();
				applied = new ArrayList<>();
				splitAbove(rows, this.increasingKey, largestKey(statement), applied, above);
				if (!above.isEmpty()) {
					sql = "COPY " + this.table + columnList;
					copy(copy.copyIn(sql), above);
				}
			}
			if (applied.isEmpty()) {
				return;
			}
			boolean direct = this.setBased.isEmpty();
			if (!direct) {
				// a temporary table lives as long as the pooled connection: created once,
				// emptied per chunk
				statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + this.loadTable + " AS SELECT "
						+ String.join(", ", this.columns) + " FROM " + this.table + " WITH NO DATA");
				statement.execute("TRUNCATE " + this.loadTable);
			}
			sql = "COPY " + this.loadTable + columnList;
			copy(copy.copyIn(sql), applied);
			if (!direct) {
				sql = this.setBased;
				statement.executeUpdate(sql);
			}
		}
		catch (SQLException ex) {
			throw new SQLErrorCodeSQLExceptionTranslator(this.dataSource).translate("COPY into " + this.table, sql, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * The table's largest key, {@link Long#MIN_VALUE} when it is empty: one descent of
	 * the key's index.
	 */
	private long largestKey(Statement statement) throws SQLException {
		try (ResultSet rs = statement
			.executeQuery("SELECT MAX(" + this.columns.get(this.increasingKey) + ") FROM " + this.table)) {
			rs.next();
			long largest = rs.getLong(1);
			return rs.wasNull() ? Long.MIN_VALUE : largest;
		}
	}

	/**
	 * Puts each of {@code rows} whose key (at {@code key}) is above {@code largest} in
	 * {@code above}, the others in {@code held}, keeping their order.
	 */
	static void splitAbove(List<Object[]> rows, int key, long largest, List<Object[]> held, List<Object[]> above) {
		for (Object[] row : rows) {
			((((Number) row[key]).longValue() > largest) ? above : held).add(row);
		}
	}

	private SqlParameterSource parameters(Object[] row) {
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		for (int i = 0; i < row.length; i++) {
			parameters.addValue(this.columns.get(i), row[i]);
		}
		return parameters;
	}

	/** Bytes of COPY text handed to the driver at a time. */
	private static final int COPY_BUFFER = 64 * 1024;

	/** 10 to the power of the index, up to 10^18. */
	private static final long[] TENS = LongStream.iterate(1, (power) -> power * 10).limit(19).toArray();

	/**
	 * Sends {@code rows} to {@code copy} in PostgreSQL's COPY text format (tab-separated,
	 * {@code \N} for null), {@value #COPY_BUFFER} bytes at a time, and ends it.
	 */
	private static void copy(CopyIn copy, List<Object[]> rows) throws SQLException {
		try {
			CopyText text = new CopyText(COPY_BUFFER + 4096);
			for (Object[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					if (i > 0) {
						text.append('\t');
					}
					appendValue(text, row[i]);
				}
				text.append('\n');
				if (text.length() >= COPY_BUFFER) {
					copy.writeToCopy(text.bytes(), 0, text.length());
					text.clear();
				}
			}
			if (text.length() > 0) {
				copy.writeToCopy(text.bytes(), 0, text.length());
			}
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	static void appendValue(CopyText text, Object value) {
		if (value == null) {
			text.appendAscii("\\N");
		}
		else if (value instanceof Boolean bool) {
			text.append(bool ? 't' : 'f');
		}
		else if (value instanceof BigDecimal decimal) {
			appendDecimal(text, decimal);
		}
		else if (value instanceof Long || value instanceof Integer) {
			text.append(((Number) value).longValue());
		}
		else if (value instanceof LocalDateTime time && inFourDigitYears(time.getYear())) {
			appendDate(text, time.toLocalDate());
			text.append(' ');
			appendTwoDigits(text, time.getHour());
			text.append(':');
			appendTwoDigits(text, time.getMinute());
			text.append(':');
			appendTwoDigits(text, time.getSecond());
			int nanos = time.getNano();
			if (nanos != 0) {
				// microseconds, what a timestamp column holds; finer digits are cut
				int micros = nanos / 1000;
				text.append('.');
				for (int power = 100_000; power > 0; power /= 10) {
					text.append((char) ('0' + (micros / power) % 10));
				}
			}
		}
		else if (value instanceof LocalDate date && inFourDigitYears(date.getYear())) {
			appendDate(text, date);
		}
		else if (value instanceof Number || value instanceof java.time.temporal.Temporal) {
			// ISO dates and times (2024-01-02, 2024-01-02T10:15:30.123456) as PostgreSQL
			// reads them
			text.appendAscii(value.toString());
		}
		else {
			text.appendEscaped(value.toString());
		}
	}

	/**
	 * Dates and times are written digit by digit: their {@code toString} took a sixth of
	 * the raw layer's CPU. Other years (none a warehouse column holds) go through it.
	 */
	private static boolean inFourDigitYears(int year) {
		return year >= 1 && year <= 9999;
	}

	/**
	 * A decimal as {@link BigDecimal#toPlainString()} writes it, digit by digit where its
	 * unscaled value fits a long (every staged decimal): {@code toPlainString} builds two
	 * strings and a builder per value, a sixth of the raw layer's CPU.
	 */
	private static void appendDecimal(CopyText text, BigDecimal decimal) {
		int scale = decimal.scale();
		if (scale <= 0 || scale >= TENS.length || decimal.precision() >= TENS.length) {
			text.appendAscii(decimal.toPlainString());
			return;
		}
		long unscaled = decimal.unscaledValue().longValue();
		if (unscaled < 0) {
			text.append('-');
			unscaled = -unscaled;
		}
		text.append(unscaled / TENS[scale]).append('.');
		long fraction = unscaled % TENS[scale];
		for (int digit = scale - 1; digit >= 0; digit--) {
			text.append((char) ('0' + (fraction / TENS[digit]) % 10));
		}
	}

	private static void appendDate(CopyText text, LocalDate date) {
		int year = date.getYear();
		appendTwoDigits(text, year / 100);
		appendTwoDigits(text, year % 100);
		text.append('-');
		appendTwoDigits(text, date.getMonthValue());
		text.append('-');
		appendTwoDigits(text, date.getDayOfMonth());
	}

	private static void appendTwoDigits(CopyText text, int value) {
		text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

}
