package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

/**
 * What differs between the warehouse databases, in one place: column types the schema
 * migrations take as Flyway placeholders, and the statements built from table metadata.
 * One implementation per database family.
 */
public sealed interface WarehouseDialect permits PostgresDialect, MySqlDialect {

	/** Short name: {@code postgresql}, {@code mysql} or {@code mariadb}. */
	String name();

	/**
	 * Spring Batch's job repository script for this database, from the spring-batch-core
	 * jar.
	 */
	default String batchSchemaScript() {
		return "org/springframework/batch/core/schema-" + name() + ".sql";
	}

	/**
	 * What ends a subquery in {@code FROM} so that the database plans it on its own
	 * rather than merging it into the query around it: a table of rows the query then
	 * hashes, not probes row by row, and whose expressions do not become the keys of the
	 * joins above it. Nothing by default; PostgreSQL's is {@code OFFSET 0}.
	 */
	default String subqueryFence() {
		return "";
	}

	/**
	 * Column types and table options that the warehouse migrations use as {@code ${...}}
	 * placeholders, so that one set of migrations serves every database.
	 */
	Map<String, String> schemaPlaceholders();

	/**
	 * An insert that updates the row when {@code keyColumns} already exist, with named
	 * parameters {@code :column} for every column.
	 */
	String upsert(String table, List<String> keyColumns, List<String> columns);

	/**
	 * An insert that, when {@code keyColumns} already exist, updates the row only if one
	 * of the other columns differs, and only then sets {@code trackingColumns} (the
	 * business date and job execution that last wrote it): writing a row again with the
	 * same values leaves it untouched. Named parameters {@code :column} for every column.
	 */
	String upsertIfChanged(String table, List<String> keyColumns, List<String> columns, List<String> trackingColumns);

	/**
	 * An insert that does nothing when a row with the same {@code keyColumns} (a unique
	 * key) exists. Named parameters {@code :column} for every column.
	 */
	String insertIfAbsent(String table, List<String> keyColumns, List<String> columns);

	/**
	 * An insert that, when {@code keyColumns} already exist, updates the row only if the
	 * new {@code versionColumn} is not older than the stored one: an older state of a row
	 * never replaces a newer one. Named parameters {@code :column} for every column.
	 */
	String upsertIfNotOlder(String table, List<String> keyColumns, List<String> columns, String versionColumn);

	/**
	 * The statement that refreshes the planner's statistics of {@code columns} of
	 * {@code table} (all of them when none are named), which a bulk load leaves
	 * describing the table as it was before: a query of the day just loaded would
	 * otherwise be planned for a handful of rows.
	 */
	String analyze(String table, List<String> columns);

	/**
	 * The statements, for one transaction, that refresh the planner's statistics of
	 * {@code columns} of {@code table} from a sample of a few thousand rows rather than
	 * {@link #analyze}'s tens of thousands: for a load that changed a small share of a
	 * large table, whose business date alone has a value the statistics do not know.
	 */
	List<String> analyzeFromSmallSample(String table, List<String> columns);

	/**
	 * A query of the number of rows the database's statistics estimate the table named by
	 * its one parameter holds: no row, {@code NULL} or a negative number when they have
	 * no estimate.
	 */
	String estimatedRows();

	/**
	 * A {@code LEFT JOIN} of the row of {@code table}, as {@code alias}, with the largest
	 * {@code key} among those (named {@code x}) that {@code condition} selects, which may
	 * refer to the query's other tables; {@code columns} are the ones the query reads of
	 * it. Here a correlated {@code MAX} subquery, which every database runs.
	 */
	default String latestRowJoin(String table, String alias, String key, List<String> columns, String condition) {
		return "LEFT JOIN " + table + " " + alias + " ON " + alias + "." + key + " = (SELECT MAX(x." + key + ") FROM "
				+ table + " x WHERE " + condition + ")";
	}

	/**
	 * {@code statement}, one of this dialect's inserts into {@code table}, taking its
	 * rows from {@code source} (a table with the same {@code columns}) in one set-based
	 * statement instead of from parameters: the conflict clause stays as it is.
	 */
	default String fromTable(String statement, String table, List<String> columns, String source) {
		String values = Sql.insert(table, columns);
		if (!statement.startsWith(values)) {
			throw new IllegalArgumentException("not an insert into " + table + " of " + columns + ": " + statement);
		}
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", columns)
				+ " FROM " + source + statement.substring(values.length());
	}

	/**
	 * A plain insert into {@code table} of the rows of {@code source} (a table with the
	 * same {@code columns}), for rows the caller knows {@code table} does not hold: no
	 * conflict clause, so no speculative insertion (a fifth fewer WAL records a row on
	 * PostgreSQL).
	 */
	default String insertFrom(String table, List<String> columns, String source) {
		return fromTable(Sql.insert(table, columns), table, columns, source);
	}

	/**
	 * Whether a statement's {@code WITH} queries may insert, update or delete and answer
	 * the rows they wrote ({@code RETURNING}): what lets one statement write the resolved
	 * rows, record the others and count both. PostgreSQL's can; MySQL's and MariaDB's
	 * cannot.
	 */
	default boolean writesInCommonTableExpressions() {
		return false;
	}

	/**
	 * Whether rows can be streamed into a table with {@code COPY ... FROM STDIN}
	 * (PostgreSQL); elsewhere they are sent as a batch of statements.
	 */
	default boolean copiesRowsIn() {
		return false;
	}

	/**
	 * Whether the database has block range indexes (PostgreSQL's {@code BRIN}), which
	 * summarize a column that grows with the table's physical order.
	 */
	default boolean blockRangeIndexes() {
		return false;
	}

	/**
	 * The statements that set the comment of {@code table} and of its {@code columns} (by
	 * name; columns the table does not have are left out), read from the database on
	 * {@code connection} where the dialect needs the columns' definitions.
	 */
	List<String> commentStatements(Connection connection, String table, String comment, Map<String, String> columns)
			throws SQLException;

	/** {@code text} as a string literal of SQL. */
	default String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/**
	 * The query that takes the pipeline's lock of the warehouse for the session without
	 * waiting, answering whether it did ({@code true} or 1).
	 */
	String tryLockWarehouse();

	/** The statement that releases the lock of {@link #tryLockWarehouse()}. */
	String unlockWarehouse();

	/**
	 * The condition that {@code column} (a {@code BIGINT}) is one of the keys given as
	 * the named parameter {@code parameter}, whose value {@link #keysValue} makes. Here a
	 * list that Spring expands into one placeholder per key.
	 */
	default String keyIn(String column, String parameter) {
		return column + " IN (:" + parameter + ")";
	}

	/** The value of the parameter of {@link #keyIn} for {@code keys}. */
	default Object keysValue(Collection<Long> keys) {
		return keys;
	}

	/**
	 * What in the session of {@code connection} would break a guarantee of the pipeline,
	 * one sentence each; empty when nothing. The steps that run side by side need READ
	 * COMMITTED: a transaction must see a dimension member that another step committed
	 * after its first read.
	 */
	default List<String> sessionProblems(Connection connection) throws SQLException {
		if (connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
			return List.of("the transaction isolation is not READ COMMITTED (JDBC level "
					+ connection.getTransactionIsolation() + ")");
		}
		return List.of();
	}

	/**
	 * Refuses a warehouse whose sessions would break a guarantee (see
	 * {@link #sessionProblems}), naming every setting at fault.
	 */
	static void checkSession(DataSource dataSource, WarehouseDialect dialect) {
		List<String> problems;
		try (Connection connection = dataSource.getConnection()) {
			problems = dialect.sessionProblems(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the warehouse database: " + ex.getMessage(), ex);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The warehouse (" + dialect.name() + ") is refused: "
					+ String.join("; ", problems) + " (see the README, Configuration)");
		}
	}

	/** The dialect of the database behind {@code dataSource}, from its JDBC metadata. */
	static WarehouseDialect of(DataSource dataSource) {
		try (var connection = dataSource.getConnection()) {
			return of(connection.getMetaData());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the warehouse database: " + ex.getMessage(), ex);
		}
	}

	static WarehouseDialect of(DatabaseMetaData metaData) throws SQLException {
		String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
		String version = metaData.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
		if (product.contains("postgres")) {
			return new PostgresDialect();
		}
		if (product.contains("mariadb") || version.contains("mariadb")) {
			return new MySqlDialect("mariadb");
		}
		if (product.contains("mysql")) {
			return new MySqlDialect("mysql");
		}
		throw new IllegalStateException("Unsupported warehouse database " + metaData.getDatabaseProductName()
				+ ": use PostgreSQL, MySQL or MariaDB");
	}

}
