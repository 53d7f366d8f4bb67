package com.widgetsunlimited.etl.job;

import java.nio.file.Path;
import java.util.Map;

import com.widgetsunlimited.etl.cli.ExitCode;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate} as users run it: etl.jar in its own process. */
class SimulateJobIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void onTheEmbeddedEnvironment_daysFollowEachOther_andADayHappensOnce() throws Exception {
		Result first = EtlProcess.run(this.workDir, Map.of(), "--job=simulate", "date=2024-01-01");
		Result second = EtlProcess.run(this.workDir, Map.of(), "--job=simulate", "date=2024-01-02");
		Result again = EtlProcess.run(this.workDir, Map.of(), "--job=simulate", "date=2024-01-02");

		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.stdout()).contains("Simulated 2024-01-01 (day 1)", "customer/INSERT=200");
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.stdout()).contains("Simulated 2024-01-02 (day 2)", "order_line_item/INSERT=5000");
		assertThat(this.workDir.resolve("data/drop/inventory/_READY_20240102")).exists();
		assertThat(again.exitCode()).isEqualTo(ExitCode.ALREADY_COMPLETED.code());
		assertThat(again.stderr()).contains("nothing to do: simulate date=2024-01-02 has already completed");
	}

	@Test
	void onAPostgresServer_withTheBroker() throws Exception {
		try (TestDatabase instore = TestDatabases.postgresServer();
				TestDatabase warehouse = TestDatabases.postgresServer()) {
			Map<String, String> environment = Map.of("ETL_INSTORE_URL", instore.url(), "ETL_INSTORE_USER",
					instore.user(), "ETL_WAREHOUSE_URL", warehouse.url(), "ETL_WAREHOUSE_USER", warehouse.user());

			Result result = EtlProcess.run(this.workDir, environment, "--job=simulate", "date=2024-03-01");
			Result earlier = EtlProcess.run(this.workDir, environment, "--job=simulate", "date=2024-02-29");

			assertThat(result.exitCode()).as(result.output()).isZero();
			JdbcTemplate jdbc = new JdbcTemplate(instore.dataSource());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM instore.store", Integer.class)).isEqualTo(5);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM instore.store_location", Integer.class)).isEqualTo(5);
			assertThat(jdbc.queryForObject("SELECT day_number FROM simulator.simulated_day", Integer.class)).isOne();
			assertThat(this.workDir.resolve("data/postgres")).doesNotExist();
			assertThat(earlier.exitCode()).isEqualTo(ExitCode.FAILED.code());
			assertThat(earlier.stdout()).contains("the simulated world is already at 2024-03-01");
		}
	}

}
