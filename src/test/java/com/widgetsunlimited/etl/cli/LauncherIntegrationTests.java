package com.widgetsunlimited.etl.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * etl.jar as cron runs it: exit codes, messages, and nothing started for a bad command
 * line.
 */
class LauncherIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void help_listsTheJobsTheirParametersAndTheExitCodes() throws Exception {
		Result result = EtlProcess.run(this.workDir, Map.of(), "--help");

		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).contains("calendar", "from=yyyy-MM-dd", "to=yyyy-MM-dd", "Exit codes:",
				"4  already completed");
		assertNothingWasStarted();
	}

	@Test
	void noArguments_printsTheHelpAndExitsWithInvalidArguments() throws Exception {
		Result result = EtlProcess.run(this.workDir, Map.of());

		assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(result.stdout()).contains("Usage: java -jar etl.jar --job=NAME");
	}

	@Test
	void unknownJob_oneLineNamingIt_nothingStarted() throws Exception {
		Result result = EtlProcess.run(this.workDir, Map.of(), "--job=dailyCycel", "date=2024-01-01");

		assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(result.stderr()).isEqualTo(
				"etl: unknown job 'dailyCycel' (known: calendar, simulate, ingest, dailyCycle, backfill, demo, status, "
						+ "abandon)\n");
		assertNothingWasStarted();
	}

	@Test
	void malformedDate_oneLineNamingIt_nothingStarted() throws Exception {
		Result result = EtlProcess.run(this.workDir, Map.of(), "--job=calendar", "from=2024-13-45", "to=2024-12-31");

		assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(result.stderr()).isEqualTo("etl: from=2024-13-45 is not a valid date (expected yyyy-MM-dd)\n");
		assertNothingWasStarted();
	}

	@Test
	void missingDate_oneLineNamingIt_nothingStarted() throws Exception {
		Result result = EtlProcess.run(this.workDir, Map.of(), "--job=calendar", "from=2024-01-01");

		assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(result.stderr()).startsWith("etl: job 'calendar' needs to=yyyy-MM-dd").hasLineCount(1);
		assertNothingWasStarted();
	}

	@Test
	void aSettingOfTheWrongTypeOrOutOfItsBounds_oneLineNamingIt_exitTwo() throws Exception {
		Result notANumber = calendarWith("--etl.chunk-size=abc");
		Result zero = calendarWith("--etl.chunk-size=0");
		Result notADuration = calendarWith("--etl.ingest.drop-wait=soon");

		assertThat(List.of(notANumber, zero, notADuration)).allSatisfy((result) -> {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
			assertThat(result.output()).doesNotContain("APPLICATION FAILED TO START");
		});
		assertThat(notANumber.stderr()).contains("etl: invalid setting etl.chunk-size=abc: ");
		assertThat(zero.stderr())
			.contains("etl: invalid setting etl.chunk-size=0: must be greater than or equal to 1; nothing was started");
		assertThat(notADuration.stderr()).contains("etl: invalid setting etl.ingest.drop-wait=soon: ");
	}

	@Test
	void aMisspelledSetting_refusedWithTheNearestName_nothingStarted() throws Exception {
		Result misspelled = calendarWith("--etl.chunk-sise=3");
		Result unknown = calendarWith("--etl.colour=blue");

		assertThat(List.of(misspelled, unknown)).allSatisfy((result) -> {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
			assertThat(result.stderr()).hasLineCount(1);
		});
		assertThat(misspelled.stderr()).isEqualTo(
				"etl: invalid setting etl.chunk-sise=3: no such setting (did you mean etl.chunk-size?); nothing was started\n");
		assertThat(unknown.stderr())
			.contains("etl.colour=blue: no such setting (the README's Configuration lists them)");
		assertThat(this.workDir.resolve("data/postgres")).doesNotExist();
	}

	@Test
	void foldersThatCannotBeFolders_andAMalformedSetting_refusedInOneLineNamingThem_nothingStarted() throws Exception {
		Files.writeString(this.workDir.resolve("afile"), "not a folder");

		Result dataIsAFile = EtlProcess.run(this.workDir, Map.of("ETL_DATA_DIR", "afile"), "--job=demo", "days=1");
		Result stagingUnderAFile = EtlProcess.run(this.workDir, Map.of("ETL_STAGING_URI", "afile/staging"),
				"--job=demo", "days=1");
		Result anotherHost = EtlProcess.run(this.workDir, Map.of("ETL_DATA_DIR", "file://elsewhere/data"), "--job=demo",
				"days=1");
		Result malformedDrill = calendarWith("--etl.fault.halt-after=soon");

		assertThat(List.of(dataIsAFile, stagingUnderAFile, anotherHost, malformedDrill)).allSatisfy((result) -> {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
			assertThat(result.output()).as("one line, no trace").hasLineCount(1);
		});
		assertThat(dataIsAFile.stderr())
			.isEqualTo("etl: invalid setting etl.data-dir=afile: is a file, not a folder; nothing was started\n");
		assertThat(stagingUnderAFile.stderr()).startsWith("etl: invalid setting etl.staging-uri=afile/staging: ")
			.contains("afile is a file, not a folder");
		assertThat(anotherHost.stderr()).contains("etl.data-dir=file://elsewhere/data: ")
			.contains("names the host elsewhere");
		assertThat(malformedDrill.stderr())
			.contains("etl: invalid setting etl.fault.halt-after=soon: must be STEP:CHUNK, STEP:start or STEP:end");
		assertNothingWasStarted();
	}

	@Test
	void aStagingFolderThatCannotBeWrittenMidRun_theFailureNamesIt() throws Exception {
		Path staging = Files.createDirectories(this.workDir.resolve("staging"));
		// the day's folder cannot be created: a file holds its name
		Files.writeString(staging.resolve("2024-01-01"), "in the way");

		Result simulated = EtlProcess.run(this.workDir, Map.of(), "--job=simulate", "date=2024-01-01");
		Result result = EtlProcess.run(this.workDir, Map.of(), "--job=dailyCycle", "date=2024-01-01");

		assertThat(simulated.exitCode()).as(simulated.output()).isZero();
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.FAILED.code());
		assertThat(result.stderr()).startsWith("etl: dailyCycle date=2024-01-01 failed: ")
			.contains("Parent path is not a directory: file:" + staging.toRealPath().resolve("2024-01-01"))
			.doesNotContain("Partition handler returned an unsuccessful step", "delegate(s)")
			.hasLineCount(1);
	}

	@Test
	void aSourceThatFailsAtOnce_endsTheDayAtOnce_namingItsCause_whileTheDropIsAwaited() throws Exception {
		// nothing simulated: the e-commerce topics do not exist, and the drop would be
		// awaited for the default ten minutes
		long started = System.nanoTime();
		Result result = EtlProcess.run(this.workDir, Map.of(), "--job=dailyCycle", "date=2024-01-01");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.FAILED.code());
		assertThat(result.stderr()).contains("etl: dailyCycle date=2024-01-01 failed: Kafka topic ecommerce.")
			.contains(" does not exist on 127.0.0.1:")
			.doesNotContain("is not complete after waiting", "stopped waiting", "Job interrupted");
		assertThat(took).as("the drop wait ends with the failed source").isLessThan(Duration.ofMinutes(2));
	}

	@Test
	void anUnreachableBroker_refusedWithinItsTimeout_namingIt_andSimulateWritesNothing() throws Exception {
		Map<String, String> nowhere = Map.of("ETL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");

		Result simulate = EtlProcess.run(this.workDir, nowhere, "--job=simulate", "date=2024-01-01",
				"--etl.kafka.connection-timeout=3s");
		long started = System.nanoTime();
		Result cycle = EtlProcess.run(this.workDir, nowhere, "--job=dailyCycle", "date=2024-01-01");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(List.of(simulate, cycle)).allSatisfy((result) -> {
			assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.UNAVAILABLE.code());
			assertThat(result.stderr()).contains("e-commerce Kafka broker 127.0.0.1:1 did not answer within ");
		});
		assertThat(simulate.stderr()).startsWith("etl: cannot start simulate date=2024-01-01: ");
		assertThat(cycle.stderr()).contains("within 30 s (etl.kafka.connection-timeout)");
		assertThat(took).as("the default timeout bounds the wait").isLessThan(Duration.ofSeconds(60));
		try (var dropped = Files.walk(this.workDir.resolve("data"))) {
			assertThat(dropped.map(Path::getFileName).map(Path::toString)).as("nothing of the day was written")
				.noneMatch((name) -> name.endsWith(".csv") || name.startsWith("_READY"));
		}
	}

	@Test
	void productionMode_withAServerUnset_refusedNamingIt_nothingEmbeddedStarts() throws Exception {
		Result result = EtlProcess.run(
				this.workDir, Map.of("ETL_MODE", "production", "ETL_INSTORE_URL",
						"jdbc:postgresql://127.0.0.1:5432/instore", "ETL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
				"--job=dailyCycle", "date=2024-01-01");

		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(result.stderr()).isEqualTo("etl: invalid setting etl.warehouse.url=: not set (ETL_WAREHOUSE_URL): "
				+ "with ETL_MODE=production nothing embedded starts; nothing was started\n");
		assertNothingWasStarted();
	}

	@Test
	void aLocaleTheMachineLacks_theEmbeddedServerStartsAnyway() throws Exception {
		Result result = EtlProcess.run(this.workDir,
				Map.of("LANG", "xx_NO.UTF-8", "LC_ALL", "xx_NO.UTF-8", "LC_MESSAGES", "xx_NO.UTF-8"), "--job=calendar",
				"from=2024-01-01", "to=2024-01-02");

		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void dataFolderAndStagingRoot_givenAsFileUris_encodedOrNot_areThoseFolders() throws Exception {
		Path folder = Files.createDirectories(this.workDir.resolve("etl d\u00e4ta"));
		String data = "file://" + folder.resolve("data").toAbsolutePath();
		String staging = folder.resolve("stg dir").toAbsolutePath().toUri().toString();

		Result result = EtlProcess.run(this.workDir, Map.of("ETL_DATA_DIR", data, "ETL_STAGING_URI", staging),
				"--job=calendar", "from=2024-01-01", "to=2024-01-02");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(folder.resolve("data/postgres")).isDirectory();
		try (var entries = Files.list(this.workDir)) {
			assertThat(entries.map((entry) -> entry.getFileName().toString())).doesNotContain("file:");
		}
	}

	@Test
	void embeddedRun_reportsProgress_thenRerunIsANoOp_andAConcurrentRunIsRefused() throws Exception {
		// when: a first run on the embedded defaults
		Result first = EtlProcess.run(this.workDir, Map.of(), "--job=calendar", "from=2024-01-01", "to=2024-12-31");

		// then: it completed, with a line per step start and end and a summary table
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.stdout()).contains("Step loadDateDimStep started")
			.contains("Step loadDateDimStep COMPLETED: read 366, written 366, skipped 0")
			.containsPattern("loadDateDimStep\\s+COMPLETED\\s+366\\s+366\\s+0");
		assertThat(this.workDir.resolve("data/postgres/PG_VERSION")).exists();

		// when: the same date range again
		Result again = EtlProcess.run(this.workDir, Map.of(), "--job=calendar", "from=2024-01-01", "to=2024-12-31");

		// then: nothing to do, with its own exit code
		assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCode.ALREADY_COMPLETED.code());
		assertThat(again.stderr())
			.contains("nothing to do: calendar from=2024-01-01 to=2024-12-31 has already completed");

		// when: a second process starts while a run holds the embedded environment
		// (paused
		// at the start of its step, however long the third one takes to start)
		Path secondDir = Files.createDirectories(this.workDir.resolve("second"));
		Map<String, String> sameData = Map.of("ETL_DATA_DIR", this.workDir.resolve("data").toString());
		Path paused = secondDir.resolve("paused");
		Process running = EtlProcess.start(secondDir, sameData, "--job=calendar", "from=2030-01-01", "to=2030-12-31",
				"--etl.fault.pause-at=loadDateDimStep:start", "--etl.fault.pause-file=" + paused);
		try {
			awaitLockHeldBy(running, this.workDir.resolve("data/.etl.lock"));
			awaitPause(running, paused);
			Path thirdDir = Files.createDirectories(this.workDir.resolve("third"));
			Result refused = EtlProcess.run(thirdDir, sameData, "--job=calendar", "from=2025-01-01", "to=2025-01-31");

			// then: it is refused at once, naming the holder
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.ALREADY_RUNNING.code());
			assertThat(refused.stderr()).contains("in use by another etl process (pid " + running.pid() + ")");
		}
		finally {
			Files.deleteIfExists(paused);
			assertThat(running.waitFor(3, TimeUnit.MINUTES)).isTrue();
		}
		assertThat(running.exitValue()).isZero();
	}

	@ParameterizedTest(name = "warehouse on {0}")
	@ValueSource(strings = { "MariaDB", "PostgreSQL" })
	void realServers_nothingEmbeddedStarts_andTheJobRepositoryLivesInTheWarehouse(String server) throws Exception {
		try (TestDatabase warehouse = server.equals("MariaDB") ? TestDatabases.mariaDb()
				: TestDatabases.postgresServer(); TestDatabase instore = TestDatabases.postgresServer()) {
			Map<String, String> environment = Map.of("ETL_WAREHOUSE_URL", warehouse.url(), "ETL_WAREHOUSE_USER",
					warehouse.user(), "ETL_WAREHOUSE_PASSWORD", warehouse.password(), "ETL_INSTORE_URL", instore.url(),
					"ETL_INSTORE_USER", instore.user(), "ETL_INSTORE_PASSWORD", instore.password());

			Result result = EtlProcess.run(this.workDir, environment, "--job=calendar", "from=2013-11-01",
					"to=2014-10-31");

			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(this.workDir.resolve("data")).doesNotExist();
			JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM date_dim", Integer.class)).isEqualTo(365);
			assertThat(jdbc.queryForObject("SELECT status FROM BATCH_JOB_EXECUTION", String.class))
				.isEqualTo("COMPLETED");
			assertThat(new JdbcTemplate(instore.dataSource()).queryForObject(
					"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'instore'", Integer.class))
				.isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void unreachableServer_failsWithOneLineNamingIt() throws Exception {
		Map<String, String> environment = Map.of("ETL_WAREHOUSE_URL", "jdbc:postgresql://127.0.0.1:1/warehouse",
				"ETL_INSTORE_URL", "jdbc:postgresql://127.0.0.1:1/instore");

		Result result = EtlProcess.run(this.workDir, environment, "--job=calendar", "from=2024-01-01", "to=2024-01-02");

		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.UNAVAILABLE.code());
		// the in-store server is checked first, before anything is written in the
		// warehouse
		assertThat(result.stderr()).contains("etl: cannot start: the in-store database at "
				+ "jdbc:postgresql://127.0.0.1:1/instore is unavailable: Connection to 127.0.0.1:1 refused");
	}

	@Test
	void serversThatRefuseTheLoginTheDatabaseOrTheWarehouse_exitTwo_namingRoleSettingAndServer() throws Exception {
		try (TestDatabase warehouse = TestDatabases.postgresServer();
				TestDatabase foreign = TestDatabases.postgresServer();
				TestDatabase mariaDb = TestDatabases.mariaDb()) {
			new JdbcTemplate(foreign.dataSource()).execute("CREATE TABLE invoices (id INT)");
			String noSuchDatabase = warehouse.url().replaceAll("/[^/?]+(\\?.*)?$", "/etl_no_such_database");

			Result unknownUser = EtlProcess.run(this.workDir,
					servers(warehouse.url(), "etl_no_such_user", warehouse.url(), warehouse.user()), "--job=calendar",
					"from=2024-01-01", "to=2024-01-02");
			Result unknownInstoreDatabase = EtlProcess.run(this.workDir,
					servers(warehouse.url(), warehouse.user(), noSuchDatabase, warehouse.user()), "--job=calendar",
					"from=2024-01-01", "to=2024-01-02");
			Result anotherApplicationsTables = EtlProcess.run(this.workDir,
					servers(foreign.url(), foreign.user(), warehouse.url(), warehouse.user()), "--job=calendar",
					"from=2024-01-01", "to=2024-01-02");
			String noSuchMariaDb = mariaDb.url().replaceAll("/[^/?]+(\\?.*)?$", "/etl_no_such_database");
			Result unknownMariaDbDatabase = EtlProcess.run(this.workDir,
					servers(noSuchMariaDb, mariaDb.user(), warehouse.url(), warehouse.user()), "--job=calendar",
					"from=2024-01-01", "to=2024-01-02");

			assertThat(List.of(unknownUser, unknownInstoreDatabase, anotherApplicationsTables, unknownMariaDbDatabase))
				.allSatisfy((result) -> {
					assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
					assertThat(result.stderr()).hasLineCount(1).endsWith("; nothing was started\n");
				});
			assertThat(unknownUser.stderr()).startsWith("etl: invalid setting etl.warehouse.user=etl_no_such_user: "
					+ "the warehouse database at " + warehouse.url() + " refused the login: ");
			assertThat(unknownInstoreDatabase.stderr())
				.startsWith("etl: invalid setting etl.instore.url=" + noSuchDatabase + ": refused for user ")
				.contains("etl_no_such_database");
			assertThat(anotherApplicationsTables.stderr()).contains("etl.warehouse.url=")
				.contains("holds tables of another application");
			assertThat(unknownMariaDbDatabase.stderr())
				.startsWith("etl: invalid setting etl.warehouse.url=" + noSuchMariaDb + ": refused for user ")
				.contains("etl_no_such_database");
			// nothing was written in the warehouse the in-store refusal came before
			assertThat(new JdbcTemplate(warehouse.dataSource()).queryForObject(
					"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", Integer.class))
				.isZero();
		}
	}

	private static Map<String, String> servers(String warehouseUrl, String warehouseUser, String instoreUrl,
			String instoreUser) {
		return Map.of("ETL_WAREHOUSE_URL", warehouseUrl, "ETL_WAREHOUSE_USER", warehouseUser, "ETL_INSTORE_URL",
				instoreUrl, "ETL_INSTORE_USER", instoreUser);
	}

	/** The calendar of two days, with one setting on the command line. */
	private Result calendarWith(String setting) throws Exception {
		return EtlProcess.run(this.workDir, Map.of(), "--job=calendar", "from=2024-01-01", "to=2024-01-02", setting);
	}

	private void assertNothingWasStarted() {
		assertThat(this.workDir.resolve("data")).doesNotExist();
		assertThat(this.workDir.resolve("staging")).doesNotExist();
	}

	private static void awaitPause(Process process, Path pauseFile) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline && process.isAlive()) {
			if (Files.exists(pauseFile)) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("process " + process.pid() + " never paused at its step's start");
	}

	private static void awaitLockHeldBy(Process process, Path lockFile) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		String pid = Long.toString(process.pid());
		while (System.nanoTime() < deadline && process.isAlive()) {
			if (Files.exists(lockFile) && Files.readString(lockFile, StandardCharsets.US_ASCII).trim().equals(pid)) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("process " + pid + " never took the environment lock");
	}

}
