package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MySQL 8 and MariaDB 10.6 and later; {@code name} tells them apart where Spring Batch's
 * scripts do.
 */
public record MySqlDialect(String name) implements WarehouseDialect {

	/** A column's line of {@code SHOW CREATE TABLE}: its name and its definition. */
	private static final Pattern COLUMN_DEFINITION = Pattern.compile("^\\s+(`([^`]+)`.*?),?$");

	/** Named locks are per server: the name includes the database. */
	private static final String LOCK_NAME = "CONCAT('etl.load.', DATABASE())";

	/**
	 * A string literal: quotes doubled and, since MySQL reads backslashes in strings as
	 * escapes, backslashes too.
	 */
	@Override
	public String literal(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	/**
	 * A column's comment is part of its definition: each commented column is modified to
	 * its own definition, as {@code SHOW CREATE TABLE} gives it, with the new comment;
	 * all of a table's in one statement.
	 */
	@Override
	public List<String> commentStatements(Connection connection, String table, String comment,
			Map<String, String> columns) throws SQLException {
		List<String> modified = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table)) {
			rs.next();
			for (String line : rs.getString(2).split("\n")) {
				Matcher definition = COLUMN_DEFINITION.matcher(line);
				if (definition.matches() && columns.containsKey(definition.group(2))) {
					modified.add("MODIFY COLUMN "
							+ definition.group(1).replaceFirst(" COMMENT '(?:[^'\\\\]|''|\\\\.)*'$", "") + " COMMENT "
							+ literal(columns.get(definition.group(2))));
				}
			}
		}
		List<String> statements = new ArrayList<>();
		statements.add("ALTER TABLE " + table + " COMMENT = " + literal(comment));
		if (!modified.isEmpty()) {
			statements.add("ALTER TABLE " + table + " " + String.join(", ", modified));
		}
		return statements;
	}

	@Override
	public String tryLockWarehouse() {
		return "SELECT GET_LOCK(" + LOCK_NAME + ", 0)";
	}

	@Override
	public String unlockWarehouse() {
		return "SELECT RELEASE_LOCK(" + LOCK_NAME + ")";
	}

	@Override
	public Map<String, String> schemaPlaceholders() {
		return Map.of("identity", "BIGINT AUTO_INCREMENT", "timestamp", "DATETIME(6)", "text", "LONGTEXT",
				"table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
	}

	@Override
	public String upsert(String table, List<String> keyColumns, List<String> columns) {
		String updates = columns.stream()
			.filter((column) -> !keyColumns.contains(column))
			.map((column) -> column + " = VALUES(" + column + ")")
			.collect(Collectors.joining(", "));
		// VALUES(col) is the form both MySQL 8 and MariaDB accept
		return Sql.insert(table, columns) + " ON DUPLICATE KEY UPDATE "
				+ (updates.isEmpty() ? keyColumns.get(0) + " = " + keyColumns.get(0) : updates);
	}

	@Override
	public String upsertIfChanged(String table, List<String> keyColumns, List<String> columns,
			List<String> trackingColumns) {
		List<String> compared = Sql.without(columns, keyColumns, trackingColumns);
		String changed = "NOT (" + compared.stream()
			.map((column) -> column + " <=> VALUES(" + column + ")")
			.collect(Collectors.joining(" AND ")) + ")";
		// assignments run left to right and see the values already assigned: the tracking
		// columns go first, while the compared columns still hold the stored values
		String updates = java.util.stream.Stream
			.concat(trackingColumns.stream()
				.map((column) -> column + " = IF(" + changed + ", VALUES(" + column + "), " + column + ")"),
					compared.stream().map((column) -> column + " = VALUES(" + column + ")"))
			.collect(Collectors.joining(", "));
		return Sql.insert(table, columns) + " ON DUPLICATE KEY UPDATE " + updates;
	}

	@Override
	public String insertIfAbsent(String table, List<String> keyColumns, List<String> columns) {
		// unlike INSERT IGNORE, this turns no other error (a value too long) into a
		// warning
		return Sql.insert(table, columns) + " ON DUPLICATE KEY UPDATE " + keyColumns.get(0) + " = " + keyColumns.get(0);
	}

	@Override
	public String upsertIfNotOlder(String table, List<String> keyColumns, List<String> columns, String versionColumn) {
		String newer = "VALUES(" + versionColumn + ") >= " + versionColumn;
		// assignments run left to right and see the values already assigned: the version
		// column goes last, so that every condition compares with the stored version
		String updates = java.util.stream.Stream
			.concat(columns.stream().filter((column) -> !keyColumns.contains(column) && !column.equals(versionColumn)),
					java.util.stream.Stream.of(versionColumn))
			.map((column) -> column + " = IF(" + newer + ", VALUES(" + column + "), " + column + ")")
			.collect(Collectors.joining(", "));
		return Sql.insert(table, columns) + " ON DUPLICATE KEY UPDATE " + updates;
	}

	/**
	 * InnoDB's statistics are those of the table's indexes, which {@code ANALYZE TABLE}
	 * samples again whatever the columns.
	 */
	@Override
	public String analyze(String table, List<String> columns) {
		return "ANALYZE TABLE " + table;
	}

	/** InnoDB samples a few leaf pages of each index whatever the load. */
	@Override
	public List<String> analyzeFromSmallSample(String table, List<String> columns) {
		return List.of(analyze(table, columns));
	}

	/**
	 * Besides READ COMMITTED: a strict SQL mode, so that a value that does not fit is an
	 * error rather than a truncation; and no statement-based binary log, which cannot log
	 * InnoDB writes under READ COMMITTED (every write would fail).
	 */
	@Override
	public List<String> sessionProblems(Connection connection) throws SQLException {
		List<String> problems = new ArrayList<>();
		// transaction_isolation since MySQL 8 and MariaDB 11.1, tx_isolation before
		String isolation = variable(connection, "@@SESSION.transaction_isolation", "@@SESSION.tx_isolation");
		if (!"READ-COMMITTED".equalsIgnoreCase(isolation)) {
			problems.add("the transaction isolation is " + isolation + ", not READ-COMMITTED");
		}
		String mode = variable(connection, "@@SESSION.sql_mode");
		if (!mode.contains("STRICT_TRANS_TABLES") && !mode.contains("STRICT_ALL_TABLES")) {
			problems.add("sql_mode '" + mode + "' is not strict (STRICT_TRANS_TABLES)");
		}
		String binaryLog = variable(connection, "@@GLOBAL.log_bin");
		String format = variable(connection, "@@SESSION.binlog_format");
		if (("1".equals(binaryLog) || "ON".equalsIgnoreCase(binaryLog)) && "STATEMENT".equalsIgnoreCase(format)) {
			problems.add("the binary log is in STATEMENT format, which cannot log READ COMMITTED writes: "
					+ "set binlog_format = ROW or MIXED");
		}
		return problems;
	}

	/** The first of {@code expressions} (server variables) the server knows, as text. */
	private static String variable(Connection connection, String... expressions) throws SQLException {
		SQLException unknown = null;
		for (String expression : expressions) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT " + expression)) {
				rs.next();
				return String.valueOf(rs.getString(1));
			}
			catch (SQLException ex) {
				unknown = ex;
			}
		}
		throw unknown;
	}

	@Override
	public String estimatedRows() {
		return "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
	}

}
