package com.widgetsunlimited.etl.job;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.widgetsunlimited.etl.cli.ExitCode;
import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes loading one warehouse at once, on real servers: the warehouse on
 * PostgreSQL or on MariaDB (both at the same time, each its own database), the in-store
 * database on PostgreSQL, Kafka a broker of the test's own. While a {@code dailyCycle} is
 * paused in the middle of the customer dimension, a second one of the same date and one
 * of the next date are started: both are refused at once with exit 3, naming the run that
 * loads. Once the first completed, the next date runs; the dimensions then have one
 * current version per member and versions that meet, and the audit of both dates balances
 * with the sources. (On the embedded environment, the refusal of a second process is in
 * {@link AbstractCrashHarnessIntegrationTests}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIntegrationTests {

	static final String DAY_1 = "2024-03-01";

	static final String DAY_2 = "2024-03-02";

	private Path world;

	private EmbeddedKafkaBroker kafka;

	private TestDatabase instore;

	private TestDatabase postgresWarehouse;

	private TestDatabase mariaDbWarehouse;

	private final Map<String, Future<Loaded>> loads = new HashMap<>();

	/** The runs of one warehouse. */
	record Loaded(Result first, Result sameDate, Result otherDate, long refusedWithinMillis, Result next,
			Result abandonRefused, Stale stale) {
	}

	/**
	 * Day 2's run left marked running (as by a process that is gone), abandoned by hand,
	 * abandoned again, then resumed.
	 */
	record Stale(long execution, Result abandoned, String statusAfter, Result abandonedAgain, Result resumed) {
	}

	@BeforeAll
	void simulateTwoDays_thenLoadThemIntoAPostgresAndAMariaDbWarehouse() throws Exception {
		this.world = Files.createTempDirectory("etl-concurrency");
		this.kafka = EmbeddedKafkaBroker.start(this.world.resolve("kafka"), 3, Duration.ofSeconds(60));
		this.instore = TestDatabases.postgresServer();
		this.postgresWarehouse = TestDatabases.postgresServer();
		this.mariaDbWarehouse = TestDatabases.mariaDb();
		String scenario = "--etl.simulator.scenario=file:"
				+ Path.of(getClass().getResource("/scenario/crash-days.yml").toURI());
		for (String day : List.of(DAY_1, DAY_2)) {
			Result simulated = EtlProcess.run(Files.createDirectories(this.world.resolve("simulate-" + day)),
					environment(this.postgresWarehouse, "postgres"), "--job=simulate", "date=" + day, scenario);
			assertThat(simulated.exitCode()).as(simulated.output()).isZero();
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		this.loads.put("postgres", pool.submit(() -> load(this.postgresWarehouse, "postgres")));
		this.loads.put("mariadb", pool.submit(() -> load(this.mariaDbWarehouse, "mariadb")));
		pool.shutdown();
	}

	@AfterAll
	void stopTheServersOfTheTest() {
		if (this.kafka != null) {
			this.kafka.close();
		}
		for (TestDatabase database : new TestDatabase[] { this.instore, this.postgresWarehouse,
				this.mariaDbWarehouse }) {
			if (database != null) {
				database.close();
			}
		}
	}

	@Test
	void onPostgres_whileADayLoads_aSecondRunOfItAndARunOfAnotherDayAreRefusedAtOnce_andBothDaysEndCorrect()
			throws Exception {
		assertLoadedOneAtATime(this.loads.get("postgres").get(), this.postgresWarehouse);
	}

	@Test
	void onMariaDb_whileADayLoads_aSecondRunOfItAndARunOfAnotherDayAreRefusedAtOnce_andBothDaysEndCorrect()
			throws Exception {
		assertLoadedOneAtATime(this.loads.get("mariadb").get(), this.mariaDbWarehouse);
	}

	private void assertLoadedOneAtATime(Loaded loaded, TestDatabase warehouse) {
		assertThat(loaded.first().exitCode()).as(loaded.first().output()).isZero();
		for (Result refused : List.of(loaded.sameDate(), loaded.otherDate())) {
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.ALREADY_RUNNING.code());
			assertThat(refused.stderr()).containsPattern("refused: another process is loading this warehouse "
					+ "\\(dailyCycle date=" + DAY_1 + " in [^:]+:\\d+\\); nothing was started");
			assertThat(refused.stdout()).doesNotContain("Step ");
		}
		// at once: the refused runs did not wait for the paused one
		assertThat(loaded.refusedWithinMillis()).isLessThan(Duration.ofMinutes(2).toMillis());
		// and a run that lives is not abandoned by hand
		assertThat(loaded.abandonRefused().exitCode()).as(loaded.abandonRefused().output())
			.isEqualTo(ExitCode.ALREADY_RUNNING.code());
		assertThat(loaded.abandonRefused().stderr()).contains("abandon date=" + DAY_1 + " refused: another process is "
				+ "loading this warehouse (dailyCycle date=" + DAY_1);
		// a run left marked running is, and the same command then resumes it
		Stale stale = loaded.stale();
		assertThat(stale.abandoned().exitCode()).as(stale.abandoned().output()).isZero();
		assertThat(stale.abandoned().stdout())
			.contains("Abandoned dailyCycle date=" + DAY_2 + " (execution " + stale.execution() + ", left running by ");
		assertThat(stale.statusAfter()).isEqualTo("FAILED");
		assertThat(stale.abandonedAgain().exitCode()).as(stale.abandonedAgain().output()).isZero();
		assertThat(stale.abandonedAgain().stdout()).contains("Nothing to abandon: no run of " + DAY_2);
		assertThat(stale.resumed().exitCode()).as(stale.resumed().output()).isZero();
		assertThat(loaded.next().exitCode()).as(loaded.next().output()).isZero();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		for (String dimension : List.of("customer", "product", "store")) {
			assertVersionsMeet(jdbc, dimension);
		}
		assertThat(jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM customer_dim WHERE is_current = FALSE) + "
				+ "(SELECT COUNT(*) FROM product_dim WHERE is_current = FALSE) + "
				+ "(SELECT COUNT(*) FROM store_dim WHERE is_current = FALSE)", Long.class))
			.as("versions closed by day 2")
			.isPositive();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM etl_audit", Long.class)).isEqualTo(20);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM etl_audit WHERE rows_loaded <> rows_staged", Long.class))
			.isZero();
		for (Map<String, Object> audit : jdbc
			.queryForList("SELECT source_amount, loaded_amount FROM etl_audit WHERE source_amount IS NOT NULL")) {
			assertThat(new BigDecimal(audit.get("loaded_amount").toString()))
				.isEqualByComparingTo(new BigDecimal(audit.get("source_amount").toString()));
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sales_fact", Long.class)).isPositive()
			.isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM raw_ecommerce_order_line_item", Long.class)
					+ jdbc.queryForObject("SELECT COUNT(*) FROM raw_instore_store_sales", Long.class)
					- jdbc.queryForObject("SELECT COUNT(*) FROM etl_reject WHERE origin LIKE 'raw\\_%'", Long.class));
	}

	/** One current version per member, each version ending the day before the next. */
	private static void assertVersionsMeet(JdbcTemplate jdbc, String dimension) {
		Map<Long, List<LocalDate[]>> versions = new HashMap<>();
		Map<Long, Integer> current = new HashMap<>();
		jdbc.query("SELECT " + dimension + "_id, effective_date, expiration_date, is_current FROM " + dimension
				+ "_dim ORDER BY " + dimension + "_id, effective_date", (rs) -> {
					long id = rs.getLong(1);
					versions.computeIfAbsent(id, (key) -> new ArrayList<>())
						.add(new LocalDate[] { rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate() });
					current.merge(id, rs.getBoolean(4) ? 1 : 0, Integer::sum);
				});
		assertThat(versions).as(dimension).isNotEmpty();
		current.forEach((id, count) -> assertThat(count).as(dimension + " " + id + ": current versions").isOne());
		versions.forEach((id, list) -> {
			for (int i = 1; i < list.size(); i++) {
				assertThat(list.get(i)[0]).as(dimension + " " + id + ": versions meet")
					.isEqualTo(list.get(i - 1)[1].plusDays(1));
			}
		});
	}

	/**
	 * Day 1 paused in the middle of the customer dimension; meanwhile day 1 and day 2
	 * started; then day 1 let go, then day 2.
	 */
	private Loaded load(TestDatabase warehouse, String name) throws Exception {
		Map<String, String> environment = environment(warehouse, name);
		Path pause = this.world.resolve(name + "-paused");
		// chunks of 10: the customer dimension's 40 members of day 1 take four
		String[] first = { "--job=dailyCycle", "date=" + DAY_1, "--etl.chunk-size=10", "--etl.dimension-chunk-size=10",
				"--etl.fault.pause-at=loadCustomerDimStep:1", "--etl.fault.pause-file=" + pause };
		Path firstDir = Files.createDirectories(this.world.resolve(name + "-first"));
		Process running = EtlProcess.start(firstDir, environment, first);
		while (!Files.exists(pause)) {
			assertThat(running.isAlive()).as("the first run ended before it paused").isTrue();
			Thread.sleep(100);
		}
		long started = System.nanoTime();
		Path sameDir = Files.createDirectories(this.world.resolve(name + "-same"));
		Path otherDir = Files.createDirectories(this.world.resolve(name + "-other"));
		Process sameDate = EtlProcess.start(sameDir, environment, "--job=dailyCycle", "date=" + DAY_1);
		Process otherDate = EtlProcess.start(otherDir, environment, "--job=dailyCycle", "date=" + DAY_2);
		Result sameResult = EtlProcess.finish(sameDate, sameDir);
		Result otherResult = EtlProcess.finish(otherDate, otherDir);
		long refusedWithin = Duration.ofNanos(System.nanoTime() - started).toMillis();
		Result abandonRefused = EtlProcess.run(Files.createDirectories(this.world.resolve(name + "-abandon")),
				environment, "--job=abandon", "date=" + DAY_1);
		Files.delete(pause);
		Result firstResult = EtlProcess.finish(running, firstDir, first);
		Result next = EtlProcess.run(Files.createDirectories(this.world.resolve(name + "-next")), environment,
				"--job=dailyCycle", "date=" + DAY_2);
		return new Loaded(firstResult, sameResult, otherResult, refusedWithin, next, abandonRefused,
				abandonTheStaleDay2(warehouse, environment, name));
	}

	private Stale abandonTheStaleDay2(TestDatabase warehouse, Map<String, String> environment, String name)
			throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		String lastOfDay2 = "SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p "
				+ "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = "
				+ "e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'dailyCycle' AND p.PARAMETER_NAME = 'date' AND "
				+ "p.PARAMETER_VALUE = '" + DAY_2 + "'";
		long execution = jdbc.queryForObject(lastOfDay2, Long.class);
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
				+ "WHERE JOB_EXECUTION_ID = ?", execution);
		Path dir = Files.createDirectories(this.world.resolve(name + "-stale"));
		Result abandoned = EtlProcess.run(dir, environment, "--job=abandon", "date=" + DAY_2);
		String statusAfter = jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, execution);
		Result abandonedAgain = EtlProcess.run(dir, environment, "--job=abandon", "date=" + DAY_2);
		Result resumed = EtlProcess.run(dir, environment, "--job=dailyCycle", "date=" + DAY_2);
		return new Stale(execution, abandoned, statusAfter, abandonedAgain, resumed);
	}

	/** Every system on the servers of the test; staging and drop in the test's folder. */
	private Map<String, String> environment(TestDatabase warehouse, String name) {
		return Map.of("ETL_WAREHOUSE_URL", warehouse.url(), "ETL_WAREHOUSE_USER", warehouse.user(),
				"ETL_WAREHOUSE_PASSWORD", warehouse.password(), "ETL_INSTORE_URL", this.instore.url(),
				"ETL_INSTORE_USER", this.instore.user(), "ETL_INSTORE_PASSWORD", this.instore.password(),
				"ETL_KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers(), "ETL_DROP_DIR",
				this.world.resolve("drop").toString(), "ETL_STAGING_URI",
				this.world.resolve("staging-" + name).toString());
	}

}
