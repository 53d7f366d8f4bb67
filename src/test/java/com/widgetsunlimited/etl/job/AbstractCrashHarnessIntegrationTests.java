package com.widgetsunlimited.etl.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.cli.ExitCode;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.WarehouseSnapshot;
import com.widgetsunlimited.etl.support.World;
import com.widgetsunlimited.etl.support.Worlds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The guarantees under crashes (docs/architecture.md): a {@code dailyCycle} killed at any
 * point and run again ends with the same warehouse (every table and column but load times
 * and execution ids) and the same staged files as a run that was never interrupted. One
 * world is prepared (day 1 loaded, day 2 simulated) and copied: one copy runs day 2
 * uninterrupted, the reference; in the other a chain of runs is each killed at the next
 * crash point (a run resumes from the failed step, so one chain visits every point), then
 * one run completes. Both copies run at the same time.
 *
 * <p>
 * The suite's chain, in run order: the whole process tree (etl.jar, the embedded
 * PostgreSQL server and its processes) killed with SIGKILL in the middle of a Kafka
 * topic's ingestion, the broker up; the JVM halted in the middle of a raw table's load,
 * at the end of the audit's first part and in the middle of the customer dimension; the
 * warehouse's server (PostgreSQL the test owns, serving the same data) stopped in the
 * middle of the web sales; started again, the JVM halted at the end of the audit; then
 * the run that completes. Every point is one its run must reach whatever the timing of
 * the steps that run side by side. (The inventory file's and the in-store table's
 * ingestion are halted after their second chunk in
 * {@link EmbeddedDailyCycleIntegrationTests}.) {@code -Detl.crash.sweep=true} kills at
 * every start, end and chunk of every step at a larger scale, in chains side by side (see
 * docs/architecture.md, "Crash harness").
 *
 * <p>
 * The in-store database and the broker are the embedded environment's; the warehouse is
 * the one under test, one subclass per database, and so is the server stopped in the
 * middle of the web sales.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractCrashHarnessIntegrationTests {

	static final String DAY_2 = "2024-03-02";

	static final boolean SWEEP = Boolean.getBoolean("etl.crash.sweep");

	static final int SCALE = SWEEP ? Integer.getInteger("etl.crash.scale", 5) : 1;

	static final int CHUNK_SIZE = SWEEP ? Integer.getInteger("etl.crash.chunk-size", 20) : 3;

	static final int INGEST_CHUNK_SIZE = SWEEP ? CHUNK_SIZE : 20;

	/** Where the whole process tree is killed while it writes. */
	static final String TREE_KILLED = "ingestEcommerceTopicStep:ecommerce:order_line_item:2";

	/**
	 * The audit's first part runs beside the dimensions and the facts: the run halted at
	 * its end holds the customer dimension, paused after its first chunk and before its
	 * commit, so that the next run still finds that dimension's second chunk to halt in.
	 */
	static final String AUDIT_FIRST_PART_END = "auditRawLayerStep:end";

	/** Where the customer dimension waits while the audit's first part ends. */
	static final String HELD_BESIDE_THE_AUDIT = "loadCustomerDimStep:1";

	/**
	 * The JVM halted, on the embedded environment. At the end of auditRawLayerStep Spring
	 * Batch has recorded it COMPLETED (it does that before the step's listeners run), the
	 * counts it promotes to the job not yet: the crash sweep found that the day could not
	 * complete after it.
	 */
	static final List<String> HALTED = List.of("loadRawTableStep:ecommerce:order_line_item:2", AUDIT_FIRST_PART_END);

	/**
	 * Where the demo that runs the cycle is paused and sent a signal
	 * ({@link #interruption()}): both stop once the chunk is committed, with exit 5.
	 */
	static final String SIGNALLED = "loadCustomerDimStep:2";

	/** The chain's run that the signal stops: after the tree kill's and the halts'. */
	static final int SIGNALLED_RUN = HALTED.size() + 1;

	/** The chain's run that the server's stop fails: after the signalled run. */
	static final int SERVER_STOPPED_RUN = SIGNALLED_RUN + 1;

	/**
	 * Where the demo that finishes the chain is paused and signalled twice: its own
	 * step's start, before it resumes the cycle the last halt left (whose steps had all
	 * completed).
	 */
	static final String DEMO_SIGNALLED = "demoDaysStep:start";

	/** The chain's demo run that two signals end at once: after the last halt. */
	static final int DEMO_SIGNALLED_RUN = SERVER_STOPPED_RUN + 2;

	/** The owner the first halted run's execution is given: a host that is gone. */
	static final String ELSEWHERE = "container-4f2a.example:4242";

	/** Where the warehouse's server is stopped. */
	static final String SERVER_STOPPED = "loadWebSalesFactStep:2";

	/**
	 * The JVM halted, on the test's server started again, at the end of the day's last
	 * step: the run after the outage may find the steps beside the web sales complete or
	 * not, and reaches this point either way.
	 */
	static final String HALTED_ON_SERVER = "auditDayStep:end";

	/** The steps that read and write in chunks. */
	static final Pattern CHUNKED = Pattern
		.compile(".*:.*|load(Product|Store|Customer)DimStep|load(Web|Store)SalesFactStep");

	/** A step line of the summary table a run prints at its end. */
	static final Pattern SUMMARY = Pattern.compile("(?m)^  (\\S+) +COMPLETED +(\\d+) +(\\d+) ");

	private World base;

	private final List<World> worlds = new ArrayList<>();

	private Ended reference;

	private Ended chain;

	private final Map<String, Future<Ended>> sweep = new LinkedHashMap<>();

	/** A world whose day has completed, and the runs that got it there. */
	record Ended(World world, List<Result> runs, Map<String, List<String>> warehouse, Map<String, byte[]> staging) {

		Result run(int index) {
			return this.runs.get(index);
		}

	}

	/** A warehouse server that the test may stop and start again. */
	interface WarehouseServer extends AutoCloseable {

		/** The settings that point etl.jar at the server's warehouse. */
		Map<String, String> environment();

		void stop() throws Exception;

		void start() throws Exception;

	}

	/** A new, empty world whose warehouse is the one under test. */
	protected abstract World newWorld() throws Exception;

	/**
	 * The server of {@code world}'s warehouse (its runs ended), started for the test to
	 * stop; a warehouse that goes away fails a run after 3 s.
	 */
	protected abstract WarehouseServer warehouseServer(World world) throws Exception;

	@AfterAll
	void dropTheWorlds() {
		this.worlds.forEach(World::close);
	}

	@BeforeAll
	void prepareOneWorld_thenRunTheReferenceAndTheChainAtOnce() throws Exception {
		this.base = newWorld();
		this.worlds.add(this.base);
		String scenario = "--etl.simulator.scenario=file:"
				+ Path.of(getClass().getResource("/scenario/crash-days.yml").toURI());
		run(this.base, 0, "--job=demo", "start=2024-03-01", "days=1", "scale=" + SCALE, scenario);
		// a quarter of day 2's sales name a product announced only later: on PostgreSQL
		// the
		// fact steps merge the lines their query resolves in one statement and chunk the
		// rest, and these inferred members give the chunks that the crash points need
		run(this.base, 0, "--job=simulate", "date=" + DAY_2, "scale=" + SCALE, scenario,
				"--etl.simulator.defects.unannounced-product=0.25");
		ExecutorService pool = Executors.newFixedThreadPool(SWEEP ? Integer.getInteger("etl.crash.chains", 2) : 2);
		try {
			Future<Ended> reference = pool.submit(this::referenceWithASecondProcessRefused);
			if (SWEEP) {
				// the points come from the steps and chunk counts of the uninterrupted
				// run
				for (List<String> points : sweepChains(reference.get().run(0).stdout(),
						Integer.getInteger("etl.crash.chains", 2))) {
					this.sweep.put(String.join(", ", points), pool.submit(() -> haltedChain(points)));
				}
			}
			else {
				this.chain = crashChain();
			}
			this.reference = reference.get();
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void haltedAtStepBoundaries_andInTheMiddleOfSteps_eachRunResumesWhereTheLastStopped_andTheDayEndsAsTheUninterruptedRun()
			throws Exception {
		assertThat(this.reference.warehouse().get("customer_dim")).hasSizeGreaterThan(30);
		if (SWEEP) {
			for (var chain : this.sweep.entrySet()) {
				assertSameDay(chain.getKey(), chain.getValue().get());
			}
			return;
		}
		List<String> points = new ArrayList<>(HALTED);
		points.add(HALTED_ON_SERVER);
		List<Result> halted = new ArrayList<>();
		for (int run = 1; run <= HALTED.size(); run++) {
			halted.add(this.chain.run(run));
		}
		halted.add(this.chain.run(SERVER_STOPPED_RUN + 1));
		for (int i = 0; i < points.size(); i++) {
			assertThat(halted.get(i).exitCode()).as(points.get(i) + "\n" + halted.get(i).output()).isEqualTo(137);
			assertThat(halted.get(i).stdout()).contains("Fault injection: halting the JVM at " + points.get(i));
		}
		for (int i = 0; i < HALTED.size(); i++) {
			assertResumedAfter(HALTED.get(i), this.chain.run(i + 2));
		}
		// the first halted run's owner was on another host: the lock tells it is gone
		assertThat(this.chain.run(2).stderr()).contains("was left running by " + ELSEWHERE
				+ ", which no longer loads this warehouse (its lock is free); marking it failed and resuming");
		// the demo resumed the halted cycle, was stopped by a signal once its chunk was
		// committed; the next run resumes the stopped cycle without recovering anything
		Result signalled = this.chain.run(SIGNALLED_RUN);
		assertThat(signalled.exitCode()).as(signalled.output()).isEqualTo(ExitCode.STOPPED.code());
		assertThat(signalled.stderr())
			.contains("etl: SIG" + interruption() + ": stopping dailyCycle, demo once the current chunk is committed")
			.contains(
					"etl: demo start=" + DAY_2 + " days=1 stopped on request; run the same command again to resume it");
		Result afterTheSignal = this.chain.run(SIGNALLED_RUN + 1);
		assertThat(afterTheSignal.stdout()).contains("Step loadCustomerDimStep resumed from its last committed chunk");
		assertThat(afterTheSignal.stderr()).doesNotContain("which is gone");
		// two signals ended the demo at once
		Result signalledTwice = this.chain.run(DEMO_SIGNALLED_RUN);
		assertThat(signalledTwice.exitCode()).as(signalledTwice.output())
			.isEqualTo(128 + ("INT".equals(interruption()) ? 2 : 15));
		assertThat(signalledTwice.stderr()).contains("etl: SIG" + interruption() + ": stopping demo once")
			.contains("etl: SIG" + interruption() + " again: exiting now");
		// the demo run again found it gone, resumed the cycle and described the day
		Result last = this.chain.run(DEMO_SIGNALLED_RUN + 1);
		assertThat(last.exitCode()).as(last.output()).isZero();
		assertThat(last.stderr()).contains("which is gone; marking it failed and resuming");
		assertThat(last.stdout()).contains("== Business day " + DAY_2 + " ==");
		assertSameDay("the chain", this.chain);
	}

	@Test
	void aSecondProcessForTheSameDate_onTheEmbeddedEnvironment_isRefusedAtOnce_andTheFirstGoesOn() {
		Result second = this.reference.run(1);
		assertThat(second.exitCode()).as(second.output()).isEqualTo(ExitCode.ALREADY_RUNNING.code());
		assertThat(second.stderr()).containsPattern("is in use by another etl process \\(pid \\d+\\)");
		assertThat(this.reference.run(0).exitCode()).as(this.reference.run(0).output()).isZero();
	}

	@Test
	void killedWithItsEmbeddedDatabaseAndBroker_whileTheyWrite_theEnvironmentRecovers_andTheRunResumes()
			throws Exception {
		assumeFalse(SWEEP);
		Result resumed = this.chain.run(1);
		assertThat(resumed.stdout()).contains("Removing stale")
			.contains("Step " + TREE_KILLED.substring(0, TREE_KILLED.lastIndexOf(':')) + " resumed");
		assertThat(resumed.stderr()).contains("which is gone; marking it failed and resuming");
		assertThat(
				Files.readString(this.chain.world().directory().resolve("data/postgres.log"), StandardCharsets.UTF_8))
			.contains("automatic recovery in progress");
		// the broker, started again on the log it was killed writing, served the slice
		assertThat(resumed.stdout()).contains("Step ingestEcommerceTopicStep:ecommerce:order_line_item COMPLETED");
	}

	@Test
	void theWarehouseServerStopsInTheMiddleOfAStep_theRunFailsSayingSo_andOnceItIsBackTheNextRunResumes()
			throws Exception {
		assumeFalse(SWEEP);
		Result failed = this.chain.run(SERVER_STOPPED_RUN);
		assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ExitCode.FAILED.code());
		assertThat(failed.stderr()).containsPattern("(?m)^etl: dailyCycle date=" + DAY_2
				+ " failed: warehouse - Connection is not available.*; run the same command again to resume it$");
		assertThat(this.chain.run(SERVER_STOPPED_RUN + 1).stderr())
			.contains("which is gone; marking it failed and resuming");
		assertThat(this.chain.run(SERVER_STOPPED_RUN + 1).stdout())
			.contains("Step " + SERVER_STOPPED.substring(0, SERVER_STOPPED.lastIndexOf(':')) + " resumed");
	}

	private void assertSameDay(String what, Ended ended) {
		assertThat(ended.warehouse().keySet()).as(what).isEqualTo(this.reference.warehouse().keySet());
		this.reference.warehouse()
			.forEach((table, rows) -> assertThat(ended.warehouse().get(table)).as(what + ": " + table)
				.containsExactlyElementsOf(rows));
		assertThat(ended.staging().keySet()).as(what).isEqualTo(this.reference.staging().keySet());
		this.reference.staging()
			.forEach((file, bytes) -> assertThat(ended.staging().get(file)).as(what + ": " + file).isEqualTo(bytes));
	}

	/**
	 * The uninterrupted run of day 2 (run 0), paused in the middle of the customer
	 * dimension while a second process runs the same date on the same embedded
	 * environment (run 1).
	 */
	private Ended referenceWithASecondProcessRefused() throws Exception {
		World world = copy("etl-crash-reference");
		Path pause = world.directory().resolve("paused");
		String[] args = cycle("--etl.fault.pause-at=loadCustomerDimStep:1", "--etl.fault.pause-file=" + pause);
		Process process = EtlProcess.start(world.directory(), world.environment(), args);
		awaitPause(process, pause);
		Map<String, String> sameWorld = new HashMap<>(world.environment());
		sameWorld.put("ETL_DATA_DIR", world.directory().resolve("data").toString());
		sameWorld.put("ETL_STAGING_URI", world.directory().resolve("staging").toString());
		Result second = EtlProcess.run(Files.createTempDirectory("etl-crash-second"), sameWorld, cycle());
		Files.delete(pause);
		return ended(world, List.of(EtlProcess.finish(process, world.directory(), args), second));
	}

	/**
	 * The suite's chain: run 0 killed with its process tree, runs 1 to 3 halted, run 4
	 * failed by the server's stop, run 5 halted on the server started again, run 6
	 * completes.
	 */
	private Ended crashChain() throws Exception {
		World world = copy("etl-crash-chain");
		List<Result> runs = new ArrayList<>();
		runs.add(killTheProcessTreeWhileItWrites(world));
		Path pause = world.directory().resolve("paused");
		for (String point : HALTED) {
			if (point.equals(AUDIT_FIRST_PART_END)) {
				runs.add(run(world, cycle("--etl.fault.halt-after=" + point,
						"--etl.fault.pause-at=" + HELD_BESIDE_THE_AUDIT, "--etl.fault.pause-file=" + pause)));
				Files.deleteIfExists(pause);
			}
			else {
				runs.add(run(world, cycle("--etl.fault.halt-after=" + point)));
				// as if the halted process had run in a container that is gone, under a
				// host name no other run will have
				recordOwner(world, ELSEWHERE);
			}
		}
		runs.add(signalled(world, pause, 1, demo("--etl.fault.pause-at=" + SIGNALLED)));
		try (WarehouseServer server = warehouseServer(world)) {
			String[] paused = cycle("--etl.fault.pause-at=" + SERVER_STOPPED, "--etl.fault.pause-file=" + pause);
			Process process = EtlProcess.start(world.directory(), server.environment(), paused);
			awaitPause(process, pause);
			server.stop();
			Files.delete(pause);
			runs.add(EtlProcess.finish(process, world.directory(), paused));
			server.start();
			runs.add(EtlProcess.run(world.directory(), server.environment(),
					cycle("--etl.fault.halt-after=" + HALTED_ON_SERVER)));
		}
		// the day finished by the demo, which finds the cycle the last halt left marked
		// running and resumes it as a direct run would: signalled twice in its last step
		// (the second signal exits at once), then run again
		runs.add(signalled(world, pause, 2, demo("--etl.fault.pause-at=" + DEMO_SIGNALLED)));
		runs.add(run(world, demo()));
		return ended(world, runs);
	}

	/**
	 * Runs day 2 in a copy of the world, halted at each point in turn, then to the end. A
	 * point that a completed run had passed already (steps of a split run side by side)
	 * is halted in a fresh copy.
	 */
	private Ended haltedChain(List<String> points) throws Exception {
		World world = copy("etl-crash-chain");
		List<Result> runs = new ArrayList<>();
		String previous = null;
		for (String point : points) {
			Result killed = run(world, cycle("--etl.fault.halt-after=" + point));
			if (killed.exitCode() == 0 && previous != null) {
				assertSameDay("chain ending before " + point, ended(world, runs));
				world = copy("etl-crash-chain");
				previous = null;
				killed = run(world, cycle("--etl.fault.halt-after=" + point));
			}
			assertThat(killed.exitCode()).as(point + "\n" + killed.output()).isEqualTo(137);
			assertThat(killed.stdout()).contains("Fault injection: halting the JVM at " + point);
			assertResumedAfter(previous, killed);
			runs.add(killed);
			previous = point;
		}
		Result completed = run(world, 0, cycle());
		assertResumedAfter(previous, completed);
		runs.add(completed);
		return ended(world, runs);
	}

	/** A run after one halted at {@code point} says it resumes, and where. */
	private static void assertResumedAfter(String point, Result run) {
		if (point == null) {
			return;
		}
		assertThat(run.stderr()).as(run.output()).contains("; marking it failed and resuming");
		Matcher chunk = Pattern.compile("(.*):(\\d+)").matcher(point);
		if (chunk.matches() && Integer.parseInt(chunk.group(2)) > 1) {
			assertThat(run.stdout()).as(point)
				.contains("Step " + chunk.group(1) + " resumed from its last committed chunk");
		}
	}

	/**
	 * Pauses day 2 in the middle of a Kafka topic's ingestion (a chunk written, its
	 * transaction open, the broker up), then kills with SIGKILL the JVM and the embedded
	 * PostgreSQL server with all its processes.
	 */
	private Result killTheProcessTreeWhileItWrites(World world) throws Exception {
		Path pause = world.directory().resolve("paused");
		String[] args = cycle("--etl.fault.pause-at=" + TREE_KILLED, "--etl.fault.pause-file=" + pause);
		Process process = EtlProcess.start(world.directory(), world.environment(), args);
		awaitPause(process, pause);
		long postmaster = Long
			.parseLong(Files.readAllLines(world.directory().resolve("data/postgres/postmaster.pid")).get(0));
		List<ProcessHandle> victims = new ArrayList<>();
		victims.add(process.toHandle());
		ProcessHandle.of(postmaster).ifPresent((server) -> {
			victims.add(server);
			server.descendants().forEach(victims::add);
		});
		assertThat(victims).as("etl.jar, the postmaster and its processes").hasSizeGreaterThan(2);
		victims.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle victim : victims) {
			victim.onExit().get();
		}
		assertThat(world.directory().resolve("data/postgres/postmaster.pid")).exists();
		assertThat(world.directory().resolve("data/kafka/.kafka_cleanshutdown")).doesNotExist();
		Files.delete(pause);
		return EtlProcess.finish(process, world.directory(), args);
	}

	/** The signal the chain's signalled run gets: SIGINT (Ctrl-C) or SIGTERM. */
	protected abstract String interruption();

	/**
	 * Pauses day 2 at {@link #SIGNALLED}, sends the process {@link #interruption()}, and
	 * lets it go on.
	 */
	private Result signalled(World world, Path pause, int signals, String... runArgs) throws Exception {
		String[] args = Stream.concat(Stream.of(runArgs), Stream.of("--etl.fault.pause-file=" + pause))
			.toArray(String[]::new);
		Process process = EtlProcess.start(world.directory(), world.environment(), args);
		awaitPause(process, pause);
		for (int signal = 1; signal <= signals; signal++) {
			Process kill = new ProcessBuilder("kill", "-" + interruption(), Long.toString(process.pid())).start();
			assertThat(kill.waitFor()).isZero();
			if (signal < signals) {
				// the first one is handled (the line printed) before the next is sent
				awaitOutput(world, "etl: SIG" + interruption() + ": stopping");
			}
		}
		Files.deleteIfExists(pause);
		return EtlProcess.finish(process, world.directory(), args);
	}

	/**
	 * Records {@code owner} as the process of the last dailyCycle execution, through the
	 * job repository, as Spring Batch stores it.
	 */
	private static void recordOwner(World world, String owner) throws Exception {
		try (World.Opened opened = world.open()) {
			DataSource dataSource = opened.warehouse().getDataSource();
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(dataSource);
			factory.setTransactionManager(new JdbcTransactionManager(dataSource));
			factory.afterPropertiesSet();
			JobRepository repository = factory.getObject();
			JobExecution left = repository.getLastJobExecution(repository.getLastJobInstance("dailyCycle"));
			assertThat(left.isRunning()).as("the halted run's execution is left running").isTrue();
			left.getExecutionContext().putString(ProcessOwner.KEY, owner);
			repository.updateExecutionContext(left);
		}
	}

	private static void awaitOutput(World world, String text) throws Exception {
		Path stderr = world.directory().resolve("stderr.log");
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (!Files.exists(stderr) || !Files.readString(stderr).contains(text)) {
			assertThat(System.nanoTime()).as("etl.jar did not print '" + text + "' in a minute").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void awaitPause(Process process, Path pause) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!Files.exists(pause)) {
			assertThat(process.isAlive()).as("etl.jar ended before it paused").isTrue();
			assertThat(System.nanoTime()).as("etl.jar did not pause in 3 minutes").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/**
	 * Sweep: every step of the uninterrupted run, at its start, after each of its chunks
	 * and at its end, dealt to {@code count} chains in run order.
	 */
	private static List<List<String>> sweepChains(String referenceOutput, int count) {
		List<String> points = new ArrayList<>();
		Matcher step = SUMMARY.matcher(referenceOutput);
		while (step.find()) {
			String name = step.group(1);
			points.add(name + ":start");
			if (CHUNKED.matcher(name).matches()) {
				int size = name.startsWith("ingest") ? INGEST_CHUNK_SIZE : CHUNK_SIZE;
				long chunks = (Long.parseLong(step.group(2)) + size - 1) / size;
				for (long chunk = 1; chunk <= chunks; chunk++) {
					points.add(name + ":" + chunk);
				}
			}
			points.add(name + ":end");
		}
		List<List<String>> chains = new ArrayList<>();
		int length = (points.size() + count - 1) / count;
		for (int from = 0; from < points.size(); from += length) {
			chains.add(points.subList(from, Math.min(points.size(), from + length)));
		}
		return chains;
	}

	private static String[] demo(String... options) {
		return Stream.concat(
				Stream.of("--job=demo", "start=" + DAY_2, "days=1", "--verbose", "--etl.chunk-size=" + CHUNK_SIZE,
						"--etl.dimension-chunk-size=" + CHUNK_SIZE, "--etl.ingest.chunk-size=" + INGEST_CHUNK_SIZE),
				Stream.of(options))
			.toArray(String[]::new);
	}

	private static String[] cycle(String... options) {
		return Stream.concat(
				Stream.of("--job=dailyCycle", "date=" + DAY_2, "--etl.chunk-size=" + CHUNK_SIZE,
						"--etl.dimension-chunk-size=" + CHUNK_SIZE, "--etl.ingest.chunk-size=" + INGEST_CHUNK_SIZE),
				Stream.of(options))
			.toArray(String[]::new);
	}

	/** What a world holds once its runs have ended. */
	private static Ended ended(World world, List<Result> runs) throws Exception {
		try (World.Opened opened = world.open()) {
			return new Ended(world, runs, WarehouseSnapshot.of(opened.warehouse().getDataSource()),
					Worlds.stagingFiles(world.directory()));
		}
	}

	/** A copy of the prepared world, dropped with the others at the end. */
	private World copy(String prefix) throws Exception {
		World copy = this.base.copy(prefix);
		synchronized (this.worlds) {
			this.worlds.add(copy);
		}
		return copy;
	}

	private static Result run(World world, String... args) throws Exception {
		return EtlProcess.run(world.directory(), world.environment(), args);
	}

	private static Result run(World world, int exitCode, String... args) throws Exception {
		Result result = run(world, args);
		assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(exitCode);
		return result;
	}

}
