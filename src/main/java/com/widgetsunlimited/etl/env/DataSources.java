package com.widgetsunlimited.etl.env;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pools of the application: one place for the settings every database
 * connection gets, so that tests can use exactly the same.
 */
public final class DataSources {

	private DataSources() {
	}

	/**
	 * The MySQL and MariaDB session's SQL mode: strict (a value that does not fit its
	 * column is an error, never a silent truncation), whatever the server's default, so
	 * that MySQL 8 and MariaDB behave alike.
	 */
	public static final String MYSQL_SQL_MODE = "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
			+ "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

	/**
	 * A pool named {@code name} of at most 8 connections to {@code url}, every
	 * transaction READ COMMITTED: each statement sees what other transactions committed
	 * before it, as the steps that run side by side rely on (one step reads a dimension
	 * member that another inserted meanwhile). That is PostgreSQL's default but not
	 * InnoDB's, whose REPEATABLE READ keeps a transaction on the snapshot of its first
	 * read. MySQL and MariaDB sessions also get {@link #MYSQL_SQL_MODE}. Batched
	 * statements travel as multi-row statements (PostgreSQL's
	 * {@code reWriteBatchedInserts}, MySQL's {@code rewriteBatchedStatements}): one round
	 * trip per batch, and so a batch must not upsert one key twice.
	 */
	public static HikariDataSource pooled(String name, String url, String user, String password) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		dataSource.setMaximumPoolSize(8);
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
		if (url.startsWith("jdbc:postgresql:")) {
			dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
			if (!url.contains("options=")) {
				// PostgreSQL's default cost of a random page read (4, a spinning disk's)
				// makes it hash whole tables of many days to join one day's rows;
				// the cost its documentation suggests for SSD or cached data keeps those
				// joins to index lookups. And no JIT compilation: a day's queries run a
				// second or two, and compiling them took longer than it saved (the
				// store sales' query: 2.06 s with, 1.20 s without). A URL with its own
				// options= keeps its own.
				dataSource.addDataSourceProperty("options", "-c random_page_cost=1.1 -c jit=off");
			}
		}
		else if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
			if (url.startsWith("jdbc:mysql:")) {
				dataSource.addDataSourceProperty("rewriteBatchedStatements", "true");
			}
			dataSource.setConnectionInitSql("SET SESSION sql_mode = '" + MYSQL_SQL_MODE + "'");
		}
		return dataSource;
	}

	/**
	 * Logs in once, so that a server that cannot be used is named at start, with its role
	 * ({@code warehouse} or {@code instore}, the pool's name), URL and user: a login or
	 * database the server refuses is a setting to fix (exit 2), a server that does not
	 * answer is unavailable (exit 6). The pool is closed when it fails.
	 * @param property the settings' prefix, {@code etl.warehouse} or {@code etl.instore}
	 * @throws InvalidSettingException when the server refused the login or the database
	 * @throws ServerUnavailableException when the server could not be reached
	 */
	public static void checkLogin(HikariDataSource pool, String property) {
		try (Connection connection = pool.getConnection()) {
			connection.isValid(1);
		}
		catch (SQLException | RuntimeException ex) {
			pool.close();
			SQLException refusal = innermostSqlException(ex);
			String cause = (refusal != null) ? refusal.getMessage() : ex.getMessage();
			String server = "the " + ("instore".equals(pool.getPoolName()) ? "in-store" : pool.getPoolName())
					+ " database at " + pool.getJdbcUrl();
			String state = (refusal != null && refusal.getSQLState() != null) ? refusal.getSQLState() : "";
			if (state.startsWith("28")) {
				throw new InvalidSettingException(property + ".user", pool.getUsername(),
						server + " refused the login: " + firstLine(cause));
			}
			if (state.startsWith("3D") || state.equals("42000") || state.equals("42501")) {
				throw new InvalidSettingException(property + ".url", pool.getJdbcUrl(),
						"refused for user " + pool.getUsername() + ": " + firstLine(cause));
			}
			String user = (pool.getUsername() == null || pool.getUsername().isBlank()) ? ""
					: " (user " + pool.getUsername() + ")";
			throw new ServerUnavailableException(server + user + " is unavailable: " + firstLine(cause), ex);
		}
	}

	private static SQLException innermostSqlException(Throwable failure) {
		SQLException innermost = null;
		for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getMessage() != null) {
				innermost = sql;
			}
		}
		return innermost;
	}

	private static String firstLine(String message) {
		return (message == null) ? "" : message.lines().findFirst().orElse("").strip();
	}

}
