package com.widgetsunlimited.etl.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.support.World;
import com.widgetsunlimited.etl.support.Worlds;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily cycle's end-to-end scenarios on the embedded environment's own warehouse, the
 * README's quick start; beside the demo, the same demo with the in-store database and the
 * warehouse on the PostgreSQL server and e-commerce on a broker of the test's own. Here
 * too what concerns the embedded PostgreSQL (its planner's statistics) and the ingestion
 * alone (killed in the middle of a file and a table), which no warehouse changes.
 */
class EmbeddedDailyCycleIntegrationTests extends AbstractDailyCycleIntegrationTests {

	@Override
	protected World newWorld() throws Exception {
		return World.embedded("etl-daily-cycle");
	}

	@Override
	protected String warehouseSchemas() {
		return "table_schema NOT IN ('pg_catalog', 'information_schema')";
	}

	@Override
	protected Result besideTheDemo(Callable<Result> demo) throws Exception {
		Path servers = Files.createTempDirectory("etl-demo-servers");
		try (TestDatabase instore = TestDatabases.postgresServer();
				TestDatabase warehouse = TestDatabases.postgresServer();
				EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(servers.resolve("broker"), 3,
						Duration.ofSeconds(60))) {
			Process onServers = EtlProcess.start(servers,
					Map.of("ETL_INSTORE_URL", instore.url(), "ETL_INSTORE_USER", instore.user(), "ETL_INSTORE_PASSWORD",
							instore.password(), "ETL_WAREHOUSE_URL", warehouse.url(), "ETL_WAREHOUSE_USER",
							warehouse.user(), "ETL_WAREHOUSE_PASSWORD", warehouse.password(),
							"ETL_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
					"--job=demo");
			demo.call();
			return EtlProcess.finish(onServers, servers, "--job=demo");
		}
	}

	@Test
	void salesFact_statistics_areRefreshedByTheCycle_andKnowEveryDayLoaded() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			// an ANALYZE of the pipeline's, not the database's background one
			assertThat(warehouse.queryForObject(
					"SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'sales_fact'",
					Boolean.class))
				.isTrue();
			// every day that sold (the first sells nothing) known to the planner
			assertThat(warehouse.queryForObject("SELECT most_common_vals::text FROM pg_stats "
					+ "WHERE tablename = 'sales_fact' AND attname = 'business_date'", String.class))
				.contains(DAY_2, "2024-01-03", "2024-01-04");
		}
	}

	@Test
	void killedInTheMiddleOfTheFileAndTheTableIngestion_thenRunAgain_stagesTheSameBytesAsTheUninterruptedRun()
			throws Exception {
		// given: a copy of the four days' world with the fifth day simulated, and a copy
		// of that for each step to kill: the inventory file, the in-store table (a Kafka
		// topic's ingestion is killed, process tree and all, in
		// AbstractCrashHarnessIntegrationTests,
		// whose comparison covers the staged bytes too)
		Path clean = Worlds.copy(this.world.directory(), "etl-ingest-clean");
		run(clean, 0, "--job=simulate", "date=" + DAY_5);
		Map<String, Path> crashed = new TreeMap<>();
		for (String step : List.of("ingestInventoryFileStep:inventory:inventory",
				"ingestInstoreEntityStep:instore:store_sales")) {
			crashed.put(step, Worlds.copy(clean, "etl-ingest-crashed"));
		}

		// when: day 5 uninterrupted in one world; in each copy (all at once: they are
		// independent), the JVM halted after the step's second chunk, then the same
		// command
		run(clean, 0, "--job=ingest", "date=" + DAY_5, "--etl.ingest.chunk-size=400");
		Map<String, byte[]> expected = parquetFiles(clean);
		Map<String, Result> killedRuns = runEach(crashed, 137, (step) -> new String[] { "--job=ingest", "date=" + DAY_5,
				"--etl.ingest.chunk-size=400", "--etl.fault.halt-after=" + step + ":2" });
		Map<String, Result> resumedRuns = runEach(crashed, 0,
				(step) -> new String[] { "--job=ingest", "date=" + DAY_5, "--etl.ingest.chunk-size=400" });
		for (var world : crashed.entrySet()) {
			Result killed = killedRuns.get(world.getKey());
			Result resumed = resumedRuns.get(world.getKey());

			// then
			assertThat(killed.stdout()).contains(
					"Fault injection: halting the JVM at " + world.getKey() + ":2 (after chunk 2, before its commit)");
			assertThat(resumed.stderr()).contains("which is gone; marking it failed and resuming");
			assertThat(resumed.stdout()).contains("Step " + world.getKey() + " resumed");
			Map<String, byte[]> actual = parquetFiles(world.getValue());
			assertThat(expected.keySet()).filteredOn((file) -> file.startsWith(DAY_5 + "/")).hasSize(10);
			assertThat(actual.keySet()).as(world.getKey()).isEqualTo(expected.keySet());
			expected.forEach(
					(file, bytes) -> assertThat(actual.get(file)).as(world.getKey() + ": " + file).isEqualTo(bytes));
			try (Stream<Path> files = Files.walk(world.getValue().resolve("staging"))) {
				assertThat(files.map(Path::toString)).as(world.getKey()).noneMatch((name) -> name.contains(".parts"));
			}
		}
	}

	/**
	 * Runs etl.jar in every world at the same time, with the arguments made for its key;
	 * each must exit with {@code exitCode}.
	 */
	private static Map<String, Result> runEach(Map<String, Path> worlds, int exitCode,
			java.util.function.Function<String, String[]> arguments) throws Exception {
		Map<String, Process> processes = new TreeMap<>();
		for (var world : worlds.entrySet()) {
			processes.put(world.getKey(),
					EtlProcess.start(world.getValue(), Map.of(), arguments.apply(world.getKey())));
		}
		Map<String, Result> results = new TreeMap<>();
		for (var process : processes.entrySet()) {
			String[] args = arguments.apply(process.getKey());
			Result result = EtlProcess.finish(process.getValue(), worlds.get(process.getKey()), args);
			assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(exitCode);
			results.put(process.getKey(), result);
		}
		return results;
	}

}
