package com.widgetsunlimited.etl.operations.instore;

import java.util.List;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-store schema of docs/sources.md on the embedded PostgreSQL and on the PostgreSQL
 * server.
 */
class InstoreSchemaIntegrationTests {

	static final List<String> STORE_SALES = List.of("store_sales_id", "store_id", "product_id", "quantity",
			"unit_price", "total_price", "transaction_type", "transaction_date", "cc_number", "loyalty_number",
			"inserted_at", "updated_at");

	@Test
	void onEmbeddedPostgres() throws Exception {
		try (TestDatabase database = TestDatabases.embeddedPostgres("instore")) {
			assertSchema(database.dataSource());
		}
	}

	@Test
	void onPostgresServer() {
		try (TestDatabase database = TestDatabases.postgresServer()) {
			assertSchema(database.dataSource());
		}
	}

	private static void assertSchema(DataSource dataSource) {
		// when
		InstoreSchema.migrate(dataSource);
		int again = InstoreSchema.migrate(dataSource).migrationsExecuted;

		// then
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(columns(jdbc, "store")).containsAll(List.of("store_id", "name", "manager_name",
				"number_of_employees", "opened_date", "closed_date", "inserted_at", "updated_at"));
		assertThat(columns(jdbc, "store_location")).containsAll(List.of("store_location_id", "store_id",
				"street_address", "city", "state", "zip_code", "sq_footage", "inserted_at", "updated_at"));
		assertThat(columns(jdbc, "store_sales")).containsAll(STORE_SALES);
		assertThat(
				jdbc.queryForObject(
						"SELECT data_type FROM information_schema.columns WHERE table_schema = "
								+ "'instore' AND table_name = 'store_sales' AND column_name = 'total_price'",
						String.class))
			.isEqualTo("numeric");
		assertThat(again).isZero();
		// a database migrated before migration 1's first comment line changed is accepted
		String checksum = "SELECT checksum FROM instore.flyway_schema_history WHERE version = '1'";
		int today = jdbc.queryForObject(checksum, Integer.class);
		jdbc.update("UPDATE instore.flyway_schema_history SET checksum = 1277596843 WHERE version = '1'");
		assertThat(InstoreSchema.migrate(dataSource).migrationsExecuted).isZero();
		assertThat(jdbc.queryForObject(checksum, Integer.class)).isEqualTo(today);
		// rule-breaking rows must be storable, so that ingestion sees and rejects them
		jdbc.update("INSERT INTO instore.store_sales VALUES (1, 999, 5, 0, 1.00, 0.00, 'SALE', now(), NULL, NULL, "
				+ "now(), now())");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM instore.store_sales", Integer.class)).isOne();
	}

	private static List<String> columns(JdbcTemplate jdbc, String table) {
		return jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = 'instore' "
				+ "AND table_name = ? ORDER BY ordinal_position", String.class, table);
	}

}
