package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import com.widgetsunlimited.etl.env.DataSources;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.StagedRecord;
import com.widgetsunlimited.etl.staging.StagingSchemas;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.transform.raw.RawLayerWriter;
import com.widgetsunlimited.etl.warehouse.TableReference.Described;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.transform.date.DateDimRow;
import com.widgetsunlimited.etl.transform.date.DateDimTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The warehouse migrations on a real database give the tables and columns of
 * docs/warehouse.md, with money as DECIMAL, plus Spring Batch's job repository. One
 * subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractWarehouseSchemaIntegrationTests {

	/** docs/warehouse.md, table by table: the columns users' SQL relies on. */
	static final Map<String, List<String>> DOCUMENTED_COLUMNS = new LinkedHashMap<>();

	static {
		DOCUMENTED_COLUMNS.put("date_dim",
				List.of("date_key", "full_date", "day_of_week", "day_name", "day_of_month", "month", "month_name",
						"quarter", "year", "is_weekend", "fiscal_year", "fiscal_quarter", "fiscal_month"));
		DOCUMENTED_COLUMNS.put("customer_dim",
				List.of("customer_key", "customer_id", "effective_date", "expiration_date", "is_current", "is_inferred",
						"name", "user_id", "email", "referral_type", "sex", "date_of_birth", "age_cohort",
						"loyalty_number", "card_last4", "is_preferred", "is_active", "activation_date",
						"deactivation_date", "start_date", "last_update_date", "billing_name", "billing_street",
						"billing_city", "billing_state", "billing_zip", "shipping_name", "shipping_street",
						"shipping_city", "shipping_state", "shipping_zip"));
		DOCUMENTED_COLUMNS.put("product_dim",
				List.of("product_key", "product_id", "effective_date", "expiration_date", "is_current", "is_inferred",
						"name", "description", "category", "brand", "unit_cost", "dimensions", "introduced_date",
						"discontinued", "no_longer_offered", "supplier_id", "supplier_name"));
		DOCUMENTED_COLUMNS.put("store_dim",
				List.of("store_key", "store_id", "effective_date", "expiration_date", "is_current", "name", "channel",
						"manager_name", "number_of_employees", "opened_date", "closed_date", "street_address", "city",
						"state", "zip", "sq_footage"));
		DOCUMENTED_COLUMNS.put("sales_fact",
				List.of("date_key", "customer_key", "product_key", "store_key", "channel", "source_system",
						"source_line_id", "order_id", "transaction_type", "quantity", "unit_price", "total_price",
						"is_cancelled", "is_deleted"));
		DOCUMENTED_COLUMNS.put("etl_reject",
				List.of("business_date", "source", "entity", "origin", "reason", "payload", "job_execution_id"));
		DOCUMENTED_COLUMNS.put("etl_audit", List.of("business_date", "source", "entity", "rows_read", "rows_staged",
				"rows_rejected", "rows_loaded", "source_amount", "loaded_amount"));
	}

	static final List<String> MONEY_COLUMNS = List.of("product_dim.unit_cost", "sales_fact.unit_price",
			"sales_fact.total_price", "etl_audit.source_amount", "etl_audit.loaded_amount");

	protected TestDatabase database;

	private DataSource dataSource;

	private WarehouseDialect dialect;

	/** A new, empty database of the kind under test, dropped when closed. */
	protected abstract TestDatabase openDatabase() throws Exception;

	/** The dialect name this database must be recognised as. */
	protected abstract String expectedDialect();

	@BeforeAll
	void migrate() throws Exception {
		this.database = openDatabase();
		this.dataSource = this.database.dataSource();
		this.dialect = WarehouseDialect.of(this.dataSource);
		WarehouseSchema.migrate(this.dataSource, this.dialect);
	}

	@AfterAll
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void dialect_isRecognisedFromTheConnection() {
		assertThat(this.dialect.name()).isEqualTo(expectedDialect());
	}

	@Test
	void everySpecTable_hasItsColumns_andRecordsDateAndExecution() throws SQLException {
		for (var table : DOCUMENTED_COLUMNS.entrySet()) {
			Map<String, Integer> columns = columns(table.getKey());
			assertThat(columns.keySet()).as(table.getKey()).containsAll(table.getValue());
			assertThat(columns.keySet()).as(table.getKey()).contains("business_date", "job_execution_id");
		}
	}

	@Test
	void everyDocumentedTableAndColumn_carriesTheReferencesTextAsItsComment() throws SQLException {
		TableReference reference = TableReference.load();
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			for (var table : DOCUMENTED_COLUMNS.entrySet()) {
				try (ResultSet rs = metaData.getTables(connection.getCatalog(), connection.getSchema(), table.getKey(),
						null)) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getString("REMARKS")).as(table.getKey())
						.isNotBlank()
						.isEqualTo(reference.tables().get(table.getKey()).text());
				}
				Map<String, String> remarks = new LinkedHashMap<>();
				try (ResultSet rs = metaData.getColumns(connection.getCatalog(), connection.getSchema(), table.getKey(),
						null)) {
					while (rs.next()) {
						remarks.put(rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
					}
				}
				for (String column : table.getValue()) {
					assertThat(remarks.get(column)).as(table.getKey() + "." + column)
						.isNotBlank()
						.isEqualTo(reference.tables().get(table.getKey()).columns().get(column));
				}
			}
		}
	}

	@Test
	void commentingAgain_changesNoColumnsDefinition() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			for (String table : List.of("sales_fact", "customer_dim", "etl_reject")) {
				// given
				List<String> before = definitions(connection, table);

				// when: other comments on every column, with a quote and a backslash
				Map<String, String> comments = new LinkedHashMap<>();
				before.forEach((definition) -> comments.put(definition.split(" ")[0], "it's a \\ test"));
				try (var statement = connection.createStatement()) {
					for (String sql : this.dialect.commentStatements(connection, table, "a table's test", comments)) {
						statement.execute(sql);
					}
				}

				// then
				assertThat(definitions(connection, table)).as(table).isEqualTo(before);
				try (ResultSet rs = connection.getMetaData()
					.getColumns(connection.getCatalog(), connection.getSchema(), table, "business_date")) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getString("REMARKS")).isEqualTo("it's a \\ test");
				}

				// the reference's comments back
				Described described = TableReference.load().tables().get(table);
				try (var statement = connection.createStatement()) {
					for (String sql : this.dialect.commentStatements(connection, table, described.text(),
							described.columns())) {
						statement.execute(sql);
					}
				}
			}
		}
	}

	/** Each column's name, type, size, scale, nullability, default and auto-increment. */
	private static List<String> definitions(Connection connection, String table) throws SQLException {
		List<String> definitions = new ArrayList<>();
		try (ResultSet rs = connection.getMetaData()
			.getColumns(connection.getCatalog(), connection.getSchema(), table, null)) {
			while (rs.next()) {
				definitions.add(String.join(" ", rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
						rs.getString("COLUMN_SIZE"), String.valueOf(rs.getString("DECIMAL_DIGITS")),
						rs.getString("IS_NULLABLE"), String.valueOf(rs.getString("COLUMN_DEF")),
						rs.getString("IS_AUTOINCREMENT")));
			}
		}
		assertThat(definitions).isNotEmpty();
		return definitions;
	}

	@Test
	void customerDim_hasNoPasswordAndNoFullCardNumber() throws SQLException {
		assertThat(columns("customer_dim").keySet()).noneMatch((column) -> column.contains("password"))
			.doesNotContain("credit_card_number", "card_number");
	}

	@Test
	void moneyColumns_areDecimal() throws SQLException {
		for (String qualified : MONEY_COLUMNS) {
			String[] parts = qualified.split("\\.");
			assertThat(columns(parts[0]).get(parts[1])).as(qualified).isIn(Types.DECIMAL, Types.NUMERIC);
		}
	}

	@Test
	void jobRepositoryTables_exist() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		for (String table : List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS",
				"BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_CONTEXT")) {
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
		}
	}

	@Test
	void statistics_areRefreshedForTheKeysIndexesAndBusinessDate_only() {
		// given
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

		// when
		List<String> dimension = TableStatistics.columns(jdbc, "customer_dim");
		List<String> raw = TableStatistics.columns(jdbc, "raw_ecommerce_order_line_item");

		// then: no unindexed attribute, and each statement runs on the database
		assertThat(dimension).containsExactlyInAnyOrder("customer_key", "customer_id", "effective_date", "is_current",
				"loyalty_number", "business_date");
		assertThat(raw).containsExactlyInAnyOrder("order_line_item_id", "order_id", "business_date");
		jdbc.execute(this.dialect.analyze("customer_dim", dimension));
		jdbc.execute(this.dialect.analyze("raw_ecommerce_order_line_item", raw));
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
			.executeWithoutResult((status) -> this.dialect
				.analyzeFromSmallSample("raw_ecommerce_order_line_item", List.of("business_date"))
				.forEach(jdbc::execute));
		assertThat(jdbc.queryForList(this.dialect.estimatedRows(), Double.class, "raw_ecommerce_order_line_item"))
			.hasSize(1);
	}

	@Test
	void salesFactByBusinessDate_isABlockRangeIndexOnPostgresql_andABtreeElsewhere() {
		// when
		String method = new JdbcTemplate(this.dataSource).queryForObject((this.dialect instanceof PostgresDialect)
				? "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
						+ "WHERE c.relname = 'sales_fact_business_date_idx'"
				: "SELECT DISTINCT index_type FROM information_schema.statistics WHERE table_schema = DATABASE() "
						+ "AND table_name = 'sales_fact' AND index_name = 'sales_fact_business_date_idx'",
				String.class);

		// then
		assertThat(method.toLowerCase(Locale.ROOT))
			.isEqualTo((this.dialect instanceof PostgresDialect) ? "brin" : "btree");
	}

	@Test
	void theApplicationsPool_givesSessionsThatKeepTheGuarantees() {
		try (HikariDataSource pool = DataSources.pooled("warehouse", this.database.url(), this.database.user(),
				this.database.password())) {
			assertThatCode(() -> WarehouseDialect.checkSession(pool, this.dialect)).doesNotThrowAnyException();
		}
	}

	@Test
	void aWarehouseWhoseSessionsAreRepeatableRead_isRefused_namingTheIsolation() throws SQLException {
		// given
		SingleConnectionDataSource repeatableRead = new SingleConnectionDataSource(this.database.url(),
				this.database.user(), this.database.password(), true);
		repeatableRead.getConnection().setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);

		// when / then
		try {
			assertThatThrownBy(() -> WarehouseDialect.checkSession(repeatableRead, this.dialect))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("is refused")
				.hasMessageContaining("isolation")
				.hasMessageContaining("READ")
				.hasMessageContaining("COMMITTED");
		}
		finally {
			repeatableRead.destroy();
		}
	}

	@Test
	void migratingAgain_appliesNothing() {
		assertThat(WarehouseSchema.migrate(this.dataSource, this.dialect).migrationsExecuted).isZero();
	}

	@Test
	void aWarehouseMigratedBeforeTheCommentsWereReworded_isAccepted_butNotAMigrationChangedOtherwise() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String checksum = "SELECT checksum FROM flyway_schema_history WHERE version = ?";
		int today = jdbc.queryForObject(checksum, Integer.class, "2");
		try {
			// given: the checksums Flyway recorded for migrations 2 and 3 before their
			// first
			// comment line changed
			jdbc.update("UPDATE flyway_schema_history SET checksum = 1371708513 WHERE version = '2'");
			jdbc.update("UPDATE flyway_schema_history SET checksum = 1938071700 WHERE version = '3'");

			// when / then: accepted, and recorded as today's text
			assertThat(WarehouseSchema.migrate(this.dataSource, this.dialect).migrationsExecuted).isZero();
			assertThat(jdbc.queryForObject(checksum, Integer.class, "2")).isEqualTo(today);

			// a migration changed in any other way is still refused
			jdbc.update("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
			assertThatThrownBy(() -> WarehouseSchema.migrate(this.dataSource, this.dialect))
				.hasMessageContaining("checksum mismatch for migration version 2");
		}
		finally {
			jdbc.update("UPDATE flyway_schema_history SET checksum = ? WHERE version = '2'", today);
		}
	}

	@Test
	void upsert_keepsOneRowPerKey_withTheLastValues() {
		// given
		NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(this.dataSource);
		String upsert = this.dialect.upsert(DateDimTable.TABLE, DateDimTable.KEY, DateDimTable.COLUMNS);
		LocalDate date = LocalDate.of(2031, 11, 1);

		// when: the same date twice, the second time with another fiscal calendar
		jdbc.update(upsert, DateDimTable.parameters(DateDimRow.of(date, 1), null, null));
		jdbc.update(upsert, DateDimTable.parameters(DateDimRow.of(date, 11), null, null));

		// then
		assertThat(jdbc.getJdbcTemplate()
			.queryForList("SELECT fiscal_year, fiscal_month FROM date_dim WHERE date_key = 20311101")).singleElement()
			.satisfies((row) -> {
				assertThat(((Number) row.get("fiscal_year")).intValue()).isEqualTo(2032);
				assertThat(((Number) row.get("fiscal_month")).intValue()).isEqualTo(1);
			});
	}

	@Test
	void rawTables_existForEveryEntity_withStagedColumnsOnly() throws SQLException {
		for (RawTable table : RawTable.all()) {
			assertThat(columns(table.name()).keySet()).as(table.name()).containsExactlyElementsOf(table.columns());
		}
		assertThat(columns("raw_ecommerce_customer").keySet()).contains("credit_card_number_last4")
			.doesNotContain("credit_card_number", "password");
	}

	@Test
	void keyIn_findsTheRowsOfTheKeysGiven_oneOrThousands() {
		// given: 12,000 stores, keys 1 to 12,000 (pooled as the application pools it)
		HikariDataSource pool = pooled();
		NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(pool);
		jdbc.getJdbcTemplate().execute("CREATE TABLE key_in_probe (store_id BIGINT PRIMARY KEY)");
		List<Object[]> stores = LongStream.rangeClosed(1, 12_000).mapToObj((id) -> new Object[] { id }).toList();
		jdbc.getJdbcTemplate().batchUpdate("INSERT INTO key_in_probe (store_id) VALUES (?)", stores);
		String query = "SELECT store_id FROM key_in_probe WHERE " + this.dialect.keyIn("store_id", "keys")
				+ " ORDER BY store_id";
		List<Long> everyThird = LongStream.rangeClosed(1, 30_000).filter((id) -> id % 3 == 0).boxed().toList();

		// when
		List<Long> one = jdbc.queryForList(query, Map.of("keys", this.dialect.keysValue(List.of(4711L))), Long.class);
		List<Long> many = jdbc.queryForList(query, Map.of("keys", this.dialect.keysValue(everyThird)), Long.class);

		// then: the keys that exist, none that do not
		assertThat(one).containsExactly(4711L);
		assertThat(many).hasSize(4_000).startsWith(3L, 6L).endsWith(12_000L);
		jdbc.getJdbcTemplate().execute("DROP TABLE key_in_probe");
		pool.close();
	}

	@Test
	void rawLoad_keepsTheNewestStateOfARow_whateverOrderStatesArrive() {
		// given
		RawTable table = new RawTable(Entity.STORE);
		// pooled as the application pools it: a batch travels as one multi-row statement
		HikariDataSource pool = pooled();
		WarehouseDatabase warehouse = new WarehouseDatabase(pool, this.dialect);
		Instant morning = Instant.parse("2031-05-01T09:00:00Z");
		Instant noon = Instant.parse("2031-05-01T12:00:00Z");

		// when: the noon state, then the older morning state (a rerun of an earlier day)
		new RawLayerWriter(warehouse, table, LocalDate.of(2031, 5, 1), 7L)
			.write(Chunk.of(store("c", "Noon manager", noon, noon)));
		new RawLayerWriter(warehouse, table, LocalDate.of(2031, 4, 30), 8L)
			.write(Chunk.of(store("u", "Morning manager", morning, morning)));

		// then
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String query = "SELECT manager_name, is_deleted, business_date, job_execution_id FROM " + table.name()
				+ " WHERE store_id = 9001";
		assertThat(jdbc.queryForMap(query)).containsEntry("manager_name", "Noon manager")
			.containsEntry("business_date", java.sql.Date.valueOf("2031-05-01"));

		// when: the same state again, then its deletion
		new RawLayerWriter(warehouse, table, LocalDate.of(2031, 5, 1), 9L).write(Chunk
			.of(store("u", "Noon manager", noon, noon), store("d", "Noon manager", noon, noon.plusSeconds(60))));

		// then: one row, flagged deleted, never removed
		assertThat(jdbc.queryForList(query)).singleElement().satisfies((row) -> {
			assertThat(row.get("is_deleted")).isIn(true, 1, (byte) 1);
			assertThat(((Number) row.get("job_execution_id")).longValue()).isEqualTo(9L);
		});
		pool.close();
	}

	@Test
	void rawLoad_ofNewAndHeldKeysInOneChunk_insertsTheNew_andKeepsTheNewestStateOfTheHeld() {
		// given: stores 9101 and 9200 at noon
		StoresAtNoon given = storesAtNoon(LocalDate.of(2031, 6, 1), 9101L, 9200L, 11L);

		// when: one chunk with a key below the largest that the table lacks, an older
		// state of a held key, a newer state of the largest key, and a key above it
		new RawLayerWriter(given.warehouse(), given.table(), LocalDate.of(2031, 6, 2), 12L)
			.write(Chunk.of(store(9050L, "c", "New manager", given.evening(), given.evening()),
					store(9101L, "u", "Morning manager", given.morning(), given.morning()),
					store(9200L, "u", "Evening manager", given.evening(), given.evening()),
					store(9300L, "c", "New manager", given.evening(), given.evening())));

		// then: every key once, the held ones with their newest state
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		List<Map<String, Object>> rows = jdbc.queryForList("SELECT store_id, manager_name, job_execution_id FROM "
				+ given.table().name() + " WHERE store_id BETWEEN 9050 AND 9300 ORDER BY store_id");
		assertThat(rows)
			.extracting((row) -> ((Number) row.get("store_id")).longValue(), (row) -> row.get("manager_name"),
					(row) -> ((Number) row.get("job_execution_id")).longValue())
			.containsExactly(tuple(9050L, "New manager", 12L), tuple(9101L, "Noon manager", 11L),
					tuple(9200L, "Evening manager", 12L), tuple(9300L, "New manager", 12L));
		given.pool().close();
	}

	@Test
	void rawLoad_ofChangesWithoutSomeValues_keepsTheValuesHeld_andRejectsWhatItCannotComplete() {
		// given: stores 9401 and 9402 at noon
		StoresAtNoon given = storesAtNoon(LocalDate.of(2031, 7, 1), 9401L, 9402L, 21L);
		List<String> allButKey = StagingSchemas.fieldNames(Entity.STORE)
			.subList(1, StagingSchemas.fieldNames(Entity.STORE).size());

		// when: a delete naming only the key of a held row; a change without the
		// manager's name; the same change older than the held state; a new row and its
		// key-only delete in one chunk; key-only and complete deletes of rows never
		// loaded
		new RawLayerWriter(given.warehouse(), given.table(), LocalDate.of(2031, 7, 2), 22L)
			.write(Chunk.of(store(9401L, "d", null, null, given.evening()).withUnavailable(allButKey),
					store(9402L, "u", null, given.evening(), given.evening()).withUnavailable(List.of("manager_name")),
					store(9402L, "u", "Morning manager", given.morning(), given.morning()),
					store(9403L, "c", "New manager", given.noon(), given.noon()),
					store(9403L, "d", null, null, given.evening()).withUnavailable(allButKey),
					store(9404L, "d", null, null, given.evening()).withUnavailable(allButKey),
					store(9405L, "d", "Last manager", given.evening(), given.evening())));

		// then
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		List<Map<String, Object>> rows = jdbc
			.queryForList("SELECT store_id, manager_name, is_deleted, updated_at, change_ts, job_execution_id FROM "
					+ given.table().name() + " WHERE store_id BETWEEN 9401 AND 9405 ORDER BY store_id");
		assertThat(rows)
			.extracting((row) -> ((Number) row.get("store_id")).longValue(), (row) -> row.get("manager_name"),
					(row) -> Set.of(true, 1, (byte) 1).contains(row.get("is_deleted")),
					(row) -> row.get("updated_at").toString().replace('T', ' ').substring(0, 16),
					(row) -> row.get("change_ts").toString().replace('T', ' ').substring(0, 16),
					(row) -> ((Number) row.get("job_execution_id")).longValue())
			.containsExactly(tuple(9401L, "Noon manager", true, "2031-07-01 12:00", "2031-07-01 18:00", 22L),
					tuple(9402L, "Noon manager", false, "2031-07-01 18:00", "2031-07-01 18:00", 22L),
					tuple(9403L, "New manager", true, "2031-07-01 12:00", "2031-07-01 18:00", 22L),
					tuple(9405L, "Last manager", true, "2031-07-01 18:00", "2031-07-01 18:00", 22L));
		assertThat(jdbc.queryForList("SELECT origin, reason FROM etl_reject WHERE business_date = '2031-07-02'"))
			.singleElement()
			.satisfies((reject) -> {
				assertThat(reject.get("origin")).isEqualTo("raw_instore_store:instore.store:9404");
				assertThat(reject.get("reason").toString()).startsWith(RawTable.NOTHING_TO_CHANGE + ": store 9404")
					.contains("delete read at instore.store:9404 does not carry name, manager_name");
			});

		// when: the chunk again, as a restart writes it
		new RawLayerWriter(given.warehouse(), given.table(), LocalDate.of(2031, 7, 2), 22L)
			.write(Chunk.of(store(9401L, "d", null, null, given.evening()).withUnavailable(allButKey),
					store(9404L, "d", null, null, given.evening()).withUnavailable(allButKey)));

		// then: nothing more
		assertThat(jdbc.queryForList("SELECT manager_name FROM " + given.table().name() + " WHERE store_id = 9401",
				String.class))
			.containsExactly("Noon manager");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM etl_reject WHERE business_date = '2031-07-02'",
				Integer.class))
			.isOne();
		given.pool().close();
	}

	/**
	 * Two stores loaded into the raw layer at noon of {@code day} by execution
	 * {@code execution}, through the warehouse pooled as the application pools it.
	 */
	private StoresAtNoon storesAtNoon(LocalDate day, long first, long second, long execution) {
		RawTable table = new RawTable(Entity.STORE);
		HikariDataSource pool = pooled();
		WarehouseDatabase warehouse = new WarehouseDatabase(pool, this.dialect);
		Instant noon = day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
		new RawLayerWriter(warehouse, table, day, execution).write(Chunk
			.of(store(first, "c", "Noon manager", noon, noon), store(second, "c", "Noon manager", noon, noon)));
		return new StoresAtNoon(table, pool, warehouse, noon);
	}

	/** What {@link #storesAtNoon} loaded, and the day's morning and evening. */
	private record StoresAtNoon(RawTable table, HikariDataSource pool, WarehouseDatabase warehouse, Instant noon) {

		Instant morning() {
			return this.noon.minusSeconds(3 * 3600);
		}

		Instant evening() {
			return this.noon.plusSeconds(6 * 3600);
		}

	}

	/** The warehouse pooled as the application pools it. */
	private HikariDataSource pooled() {
		return DataSources.pooled("warehouse", this.database.url(), this.database.user(), this.database.password());
	}

	private static StagedRecord store(String operation, String manager, Instant updatedAt, Instant sourceTime) {
		return store(9001L, operation, manager, updatedAt, sourceTime);
	}

	private static StagedRecord store(long id, String operation, String manager, Instant updatedAt,
			Instant sourceTime) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("store_id", id);
		values.put("name", "Widgets Unlimited Springfield");
		values.put("manager_name", manager);
		values.put("number_of_employees", 12);
		values.put("opened_date", LocalDate.of(2020, 3, 1));
		values.put("closed_date", null);
		values.put("inserted_at", Instant.parse("2031-01-01T00:00:00Z"));
		values.put("updated_at", updatedAt);
		return new StagedRecord(Entity.STORE, values, operation, sourceTime, "instore.store:" + id);
	}

	/**
	 * Column name (lower case) to {@link Types} code, for a table of the current schema.
	 */
	private Map<String, Integer> columns(String table) throws SQLException {
		Map<String, Integer> columns = new LinkedHashMap<>();
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet rs = metaData.getColumns(connection.getCatalog(), connection.getSchema(), table, "%")) {
				while (rs.next()) {
					columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
				}
			}
		}
		assertThat(columns).as("table " + table + " exists").isNotEmpty();
		return columns;
	}

}
