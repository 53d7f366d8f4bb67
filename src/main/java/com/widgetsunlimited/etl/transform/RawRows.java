package com.widgetsunlimited.etl.transform;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reading the raw layer: a cursor over a query, streamed with a fetch size (never a whole
 * result in memory) and restartable at the row count the step saved, and typed access to
 * the columns of its rows on every warehouse database.
 */
public final class RawRows {

	private RawRows() {
	}

	/**
	 * A cursor reader named {@code name} over {@code sql} with {@code arguments} for its
	 * {@code ?} placeholders. The query must order its rows fully, so that a restart
	 * skips exactly the rows already written.
	 */
	public static <T> JdbcCursorItemReader<T> reader(String name, DataSource dataSource, String sql, int fetchSize,
			RowMapper<T> rowMapper, Object... arguments) {
		return new JdbcCursorItemReaderBuilder<T>().name(name)
			.dataSource(dataSource)
			.sql(sql)
			.queryArguments(arguments)
			.fetchSize(fetchSize)
			// PostgreSQL streams a result through a cursor only outside auto-commit
			.connectionAutoCommit(false)
			// MariaDB's streaming result sets report no row number; the mappers never
			// move
			// the cursor
			.verifyCursorPosition(false)
			.rowMapper(rowMapper)
			.build();
	}

	public static String text(ResultSet rs, String column) throws SQLException {
		return rs.getString(column);
	}

	public static Long number(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	public static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
		return rs.getBigDecimal(column);
	}

	public static Boolean bool(ResultSet rs, String column) throws SQLException {
		boolean value = rs.getBoolean(column);
		return rs.wasNull() ? null : value;
	}

	public static LocalDate date(ResultSet rs, String column) throws SQLException {
		java.sql.Date value = rs.getDate(column);
		return (value != null) ? value.toLocalDate() : null;
	}

	/** The UTC date of a timestamp column. */
	public static LocalDate day(ResultSet rs, String column) throws SQLException {
		Instant value = instant(rs, column);
		return (value != null) ? LocalDate.ofInstant(value, ZoneOffset.UTC) : null;
	}

	/** A timestamp column, which holds UTC wall-clock time. */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

}
