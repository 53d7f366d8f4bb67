package com.widgetsunlimited.etl.warehouse;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Writes a chunk's rows with one of the {@link WarehouseDialect}'s upserts, in the
 * chunk's transaction, with as few round trips as the database allows: on PostgreSQL the
 * rows travel by {@code COPY} into a temporary table of the session and are merged by one
 * set-based {@code INSERT ... SELECT} carrying the same conflict clause; elsewhere as one
 * batch of the statement (rewritten by the driver into multi-row inserts). Either way the
 * chunk may name a key only once.
 */
public final class BulkUpsert {

	private final DataSource dataSource;

	private final NamedParameterJdbcTemplate jdbc;

	private final String table;

	private final List<String> columns;

	private final String upsert;

	private final String loadTable;

	private final String merge;

	/**
	 * @param upsert a statement of the {@code dialect} built on
	 * {@code INSERT INTO table (columns) VALUES (:columns)}
	 */
	public BulkUpsert(WarehouseDatabase warehouse, String table, List<String> columns, String upsert) {
		this.dataSource = warehouse.dataSource();
		this.jdbc = new NamedParameterJdbcTemplate(this.dataSource);
		this.table = table;
		this.columns = List.copyOf(columns);
		this.upsert = upsert;
		this.loadTable = table + "_load";
		this.merge = (warehouse.dialect() instanceof PostgresDialect postgres)
				? postgres.fromTable(upsert, table, columns, this.loadTable) : null;
	}

	public void write(SqlParameterSource[] rows) {
		if (rows.length == 0) {
			return;
		}
		if (this.merge == null) {
			this.jdbc.batchUpdate(this.upsert, rows);
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (Statement statement = connection.createStatement()) {
			// a temporary table lives as long as the pooled connection: created once,
			// emptied
			// per chunk
			statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + this.loadTable + " AS SELECT "
					+ String.join(", ", this.columns) + " FROM " + this.table + " WITH NO DATA");
			statement.execute("TRUNCATE " + this.loadTable);
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + this.loadTable + " (" + String.join(", ", this.columns) + ") FROM STDIN",
						new StringReader(copyText(rows)));
			statement.executeUpdate(this.merge);
		}
		catch (SQLException ex) {
			throw new SQLErrorCodeSQLExceptionTranslator(this.dataSource).translate("COPY into " + this.table,
					this.merge, ex);
		}
		catch (IOException ex) {
			throw new DataAccessResourceFailureException("COPY into " + this.table + " failed", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** The rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null. */
	private String copyText(SqlParameterSource[] rows) {
		StringBuilder text = new StringBuilder(rows.length * this.columns.size() * 12);
		for (SqlParameterSource row : rows) {
			for (int i = 0; i < this.columns.size(); i++) {
				if (i > 0) {
					text.append('\t');
				}
				appendValue(text, row.getValue(this.columns.get(i)));
			}
			text.append('\n');
		}
		return text.toString();
	}

	static void appendValue(StringBuilder text, Object value) {
		if (value == null) {
			text.append("\\N");
		}
		else if (value instanceof Boolean bool) {
			text.append(bool ? 't' : 'f');
		}
		else if (value instanceof BigDecimal decimal) {
			text.append(decimal.toPlainString());
		}
		else if (value instanceof Number || value instanceof java.time.temporal.Temporal) {
			// ISO dates and times (2024-01-02, 2024-01-02T10:15:30.123456) as PostgreSQL
			// reads them
			text.append(value);
		}
		else {
			String string = value.toString();
			if (!needsEscape(string)) {
				text.append(string);
				return;
			}
			for (int i = 0; i < string.length(); i++) {
				char c = string.charAt(i);
				switch (c) {
					case '\\' -> text.append("\\\\");
					case '\t' -> text.append("\\t");
					case '\n' -> text.append("\\n");
					case '\r' -> text.append("\\r");
					default -> text.append(c);
				}
			}
		}
	}

	private static boolean needsEscape(String string) {
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

}
