package com.widgetsunlimited.etl.job;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dailyCycle} with its warehouse and job repository on a MariaDB server and the
 * in-store database on a PostgreSQL server, over one simulated day that has every entity:
 * the whole cycle completes there, and the audit balances.
 */
class MariaDbDailyCycleIntegrationTests {

	@Test
	void aDayOnAMariaDbWarehouse_completes_andItsAuditBalances() throws Exception {
		Path workDir = Files.createTempDirectory("etl-mariadb-cycle");
		Path scenario = Path.of(getClass().getResource("/scenario/one-full-day.yml").toURI());
		try (TestDatabase warehouse = TestDatabases.mariaDb(); TestDatabase instore = TestDatabases.postgresServer()) {
			Map<String, String> environment = Map.of("ETL_WAREHOUSE_URL", warehouse.url(), "ETL_WAREHOUSE_USER",
					warehouse.user(), "ETL_WAREHOUSE_PASSWORD", warehouse.password(), "ETL_INSTORE_URL", instore.url(),
					"ETL_INSTORE_USER", instore.user(), "ETL_INSTORE_PASSWORD", instore.password());

			// when
			Result simulated = EtlProcess.run(workDir, environment, "--job=simulate", "date=2024-02-01",
					"--etl.simulator.scenario=file:" + scenario);
			Result cycle = EtlProcess.run(workDir, environment, "--job=dailyCycle", "date=2024-02-01",
					"--etl.simulator.scenario=file:" + scenario);

			// then
			assertThat(simulated.exitCode()).as(simulated.output()).isZero();
			assertThat(cycle.exitCode()).as(cycle.output()).isZero();
			JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_dim WHERE customer_id > 0", Long.class))
				.isPositive();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM store_dim WHERE store_id > 0", Long.class))
				.isEqualTo(3);
			assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT channel) FROM sales_fact", Long.class)).isEqualTo(2);
			assertThat(
					jdbc.queryForObject("SELECT COUNT(*) FROM etl_audit WHERE rows_loaded = rows_staged", Long.class))
				.isEqualTo(10);
			Map<String, Object> sales = jdbc.queryForMap("SELECT SUM(source_amount) AS source_amount, "
					+ "SUM(loaded_amount) AS loaded_amount FROM etl_audit");
			assertThat(new BigDecimal(sales.get("source_amount").toString())).isPositive()
				.isEqualByComparingTo(new BigDecimal(sales.get("loaded_amount").toString()));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sales_fact", Long.class))
				.isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM raw_ecommerce_order_line_item", Long.class)
						+ jdbc.queryForObject("SELECT COUNT(*) FROM raw_instore_store_sales", Long.class) - jdbc
							.queryForObject("SELECT COUNT(*) FROM etl_reject WHERE origin LIKE 'raw\\_%'", Long.class));
		}
	}

}
