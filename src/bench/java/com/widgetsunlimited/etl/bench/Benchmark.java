package com.widgetsunlimited.etl.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

import com.widgetsunlimited.etl.bench.Floors.Floor;
import com.widgetsunlimited.etl.bench.StepTimes.Step;
import com.widgetsunlimited.etl.staging.StagingLocation;

/**
 * The benchmark: how fast one business day's {@code dailyCycle} is against the physical
 * floor of this machine, on a PostgreSQL server (in-store and warehouse databases of its
 * own, {@code etl_bench_*}, created and dropped) and a Kafka broker in a process of its
 * own.
 * <p>
 * It simulates a set-up day and loads it, then simulates the benchmark day (at
 * {@code scale=10}: 1,000,000 sales lines, half web, half store, 50,000 customer changes,
 * 10,000 product changes, 200,000 stock movements) and runs its {@code dailyCycle}
 * {@code runs} times, each on a fresh copy of the warehouse as the set-up day left it,
 * measuring each time the steps (from the job repository), the process's peak resident
 * memory and the JVM's peak heap, and the floors ({@link Floors}); after each, the same
 * day on a copy that also holds {@code history} earlier days as large ({@link History}):
 * growth. It prints one table of medians.
 * <p>
 * Arguments {@code key=value}: {@code scale} (10), {@code runs} (3), {@code history}
 * (29), {@code work} (folder for logs, staging and the broker, {@code ./bench-work}),
 * {@code name} (databases {@code etl_bench_<name>_*}, so that two benchmarks can run at
 * once). Environment: {@code ETL_BENCH_POSTGRES_URL} (server URL without database,
 * {@code jdbc:postgresql://127.0.0.1:5432/}), {@code ETL_BENCH_POSTGRES_USER}
 * ({@code postgres}), {@code ETL_BENCH_POSTGRES_PASSWORD}; {@code ETL_BENCH_JAVA_OPTS}:
 * the JVM options of the measured {@code dailyCycle}; {@code ETL_BENCH_ARGS}: more
 * arguments of it ({@code --etl.chunk-size=5000}). The cycles run through
 * {@code jobs/etl}, as the scheduled runs do (extracted, with the archive or
 * ahead-of-time cache that the set-up day's cycle makes), or as {@code java -jar etl.jar}
 * with {@code launch=jar}.
 * <p>
 * {@code compare=<another etl.jar>} compares two builds or two sets of JVM options
 * instead: after the same set-up, {@code runs} pairs of the day's {@code dailyCycle},
 * this jar then the other (with {@code ETL_BENCH_JAVA_OPTS_B}, by default the same
 * options, and on the JDK in {@code ETL_BENCH_JAVA_HOME_B}, by default the benchmark's),
 * each on a fresh copy of the set-up warehouse, without floors or growth; it prints both
 * medians of the job, the process and their CPU seconds, and each step's. Alternating
 * keeps a machine that speeds up or slows down from favouring either.
 */
public final class Benchmark {

	/** The benchmark's world, which etl.jar does not carry. */
	private static final Path SCENARIO = Path.of("src/bench/resources/scenario.yml").toAbsolutePath();


	static final LocalDate SETUP_DAY = LocalDate.of(2024, 1, 1);

	static final LocalDate BENCH_DAY = LocalDate.of(2024, 1, 2);

	/**
	 * The JVM options the README recommends for a nightly run, the default of
	 * {@code ETL_JAVA_OPTS} in {@code config.sh}.
	 */
	static final String DEFAULT_JAVA_OPTS = "-Xmx256m -Xmn128m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xss512k "
			+ "-XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m "
			+ "-XX:Tier4InvocationThreshold=80000 "
			+ "-XX:Tier4MinInvocationThreshold=9600 -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=640000";

	private static final List<String> STEPS = List.of("ingestEcommerceStep", "ingestInstoreStep", "ingestInventoryStep",
			"loadRawLayerStep", "loadDateDimForDayStep", "loadProductDimStep", "loadStoreDimStep",
			"loadCustomerDimStep", "loadWebSalesFactStep", "loadStoreSalesFactStep", "auditRawLayerStep",
			"auditDayStep", "publishDayStep");

	private final int scale;

	private final int runs;

	private final int history;

	private final Path work;

	private final Path jar;

	/** The measured build: this jar, {@code ETL_BENCH_JAVA_OPTS}, the benchmark's JDK. */
	private final Build build;

	private final String serverUrl;

	private final String user;

	private final String password;

	private final String prefix;

	private final List<String> cycleArguments;

	/** The other build of a comparison, or null. */
	private final Build compareBuild;

	/** What runs the cycles: {@code jobs/etl}, or null for {@code java -jar}. */
	private final Path launcher;

	private final PrintStream out;

	private String bootstrapServers;

	/** The Kafka broker's JVM, for as long as the benchmark runs. */
	private Process broker;

	Benchmark(Map<String, String> arguments, Map<String, String> environment, Path jar, Path launcher,
			PrintStream out) {
		this.scale = Integer.parseInt(arguments.getOrDefault("scale", "10"));
		this.runs = Integer.parseInt(arguments.getOrDefault("runs", "3"));
		this.history = Integer.parseInt(arguments.getOrDefault("history", "29"));
		this.work = Path.of(arguments.getOrDefault("work", "bench-work")).toAbsolutePath();
		this.jar = jar;
		this.serverUrl = environment.getOrDefault("ETL_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
		this.user = environment.getOrDefault("ETL_BENCH_POSTGRES_USER", "postgres");
		this.password = environment.getOrDefault("ETL_BENCH_POSTGRES_PASSWORD", "");
		this.prefix = "etl_bench_" + arguments.getOrDefault("name", "") + (arguments.containsKey("name") ? "_" : "");
		String javaHome = System.getProperty("java.home");
		this.build = new Build(jar, options(environment.getOrDefault("ETL_BENCH_JAVA_OPTS", DEFAULT_JAVA_OPTS)),
				javaHome);
		this.compareBuild = arguments.containsKey("compare")
				? new Build(Path.of(arguments.get("compare")).toAbsolutePath(),
						options(environment.getOrDefault("ETL_BENCH_JAVA_OPTS_B",
								environment.getOrDefault("ETL_BENCH_JAVA_OPTS", DEFAULT_JAVA_OPTS))),
						environment.getOrDefault("ETL_BENCH_JAVA_HOME_B", javaHome))
				: null;
		this.cycleArguments = options(environment.getOrDefault("ETL_BENCH_ARGS", ""));
		this.launcher = switch (arguments.getOrDefault("launch", "etl")) {
			case "etl" -> launcher;
			case "jar" -> null;
			default -> throw new IllegalArgumentException("launch=etl or launch=jar");
		};
		this.out = out;
	}

	/** What runs a measured cycle: a jar, its JVM options and the JDK they run on. */
	record Build(Path jar, List<String> jvm, String javaHome) {

		@Override
		public String toString() {
			return this.jar + " " + String.join(" ", this.jvm) + " on " + this.javaHome;
		}

	}

	/** Options or arguments separated by white space. */
	private static List<String> options(String line) {
		return Arrays.stream(line.trim().split("\\s+")).filter((option) -> !option.isEmpty()).toList();
	}

	public static void main(String[] args) throws Exception {
		quietLogging();
		Map<String, String> arguments = new HashMap<>();
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			if (pair.length != 2
					|| !List.of("scale", "runs", "history", "work", "name", "compare", "launch").contains(pair[0])) {
				System.err.println("usage: bench/run [scale=10] [runs=3] [history=29] [work=bench-work] [name=...] "
						+ "[compare=<another etl.jar>] [launch=etl|jar]");
				System.exit(2);
			}
			arguments.put(pair[0], pair[1]);
		}
		Path jar = Path.of(System.getProperty("etl.bench.jar", "target/etl.jar")).toAbsolutePath();
		Path launcher = Path.of(System.getProperty("etl.bench.launcher", "jobs/etl")).toAbsolutePath();
		new Benchmark(arguments, System.getenv(), jar, launcher, System.out).run();
		System.exit(0);
	}

	void run() throws Exception {
		Files.createDirectories(this.work);
		deleteTree(this.work.resolve("kafka"));
		Path log = this.work.resolve("bench.log");
		Files.deleteIfExists(log);
		this.out.printf(Locale.ROOT,
				"benchmark scale=%d runs=%d %s, cycles run by %s, cycle JVM %s, arguments %s; " + "logs in %s%n",
				this.scale, this.runs,
				(this.compareBuild != null) ? "compare=" + this.compareBuild.jar() : "history=" + this.history,
				(this.launcher != null) ? this.launcher + " (extracted, with its archive)" : "java -jar", this.build,
				this.cycleArguments, log);
		for (String database : List.of("instore", "base", "run", "aged", "agedrun")) {
			recreate(database, null);
		}
		Path bootstrapFile = this.work.resolve("bootstrap");
		Files.deleteIfExists(bootstrapFile);
		this.broker = ChildJvm.start(List.of("-Xmx512m"), BenchKafkaBroker.class.getName(),
				List.of(this.work.resolve("kafka").toString(), bootstrapFile.toString()),
				this.work.resolve("kafka.log"));
		try (OutputStream brokerStdin = this.broker.getOutputStream()) {
			this.bootstrapServers = awaitFile(bootstrapFile, this.broker, Duration.ofMinutes(3));
			benchmark(log);
		}
		finally {
			this.broker.destroy();
			this.broker.waitFor();
		}
	}

	private void benchmark(Path log) throws Exception {
		progress("simulate " + SETUP_DAY + " (set-up day)");
		etl(List.of("-Xmx8g"), "base", "staging-setup", log, "--job=simulate", "date=" + SETUP_DAY, "reset=true");
		// through the launcher, the first cycle makes its archive (or ahead-of-time
		// cache)
		progress("dailyCycle " + SETUP_DAY + " (set-up day)");
		etl(this.build, this.launcher, "base", "staging-setup", log, "--job=dailyCycle", "date=" + SETUP_DAY);
		progress("simulate " + BENCH_DAY + " (benchmark day)");
		etl(List.of("-Xmx8g"), "base", "staging-setup", log, "--job=simulate", "date=" + BENCH_DAY);
		if (this.compareBuild != null) {
			compare(log);
			return;
		}
		List<Measured> measured = new ArrayList<>();
		List<Measured> aged = new ArrayList<>();
		for (int i = 1; i <= this.runs; i++) {
			recreate("run", "base");
			progress("run " + i + ": dailyCycle " + BENCH_DAY);
			measured.add(measure(this.build, "run", "staging-run", log, true));
			this.out.println(measured.get(measured.size() - 1).summary("run " + i));
			if (this.history > 0) {
				if (i == 1) {
					// the history is the first run's day, copied
					recreate("aged", "base");
					progress("growth: adding " + this.history + " earlier days to a copy of the warehouse");
					try (Connection run = connect("run"); Connection to = connect("aged")) {
						long rows = History.add(run, to, BENCH_DAY, SETUP_DAY, this.history);
						progress("growth: " + rows + " rows of history added");
					}
				}
				// day 30 right after day 1, each time: a machine that speeds up or slows
				// down over the benchmark weighs on both alike
				recreate("agedrun", "aged");
				progress("growth " + i + ": dailyCycle " + BENCH_DAY + " as day " + (this.history + 1));
				aged.add(measure(this.build, "agedrun", "staging-aged", log, false));
				this.out.println(aged.get(aged.size() - 1).summary("day " + (this.history + 1) + ", run " + i));
			}
		}
		report(measured, aged);
	}

	/** One measured dailyCycle: its process, its steps, and (if asked) the floors. */
	record Measured(ChildJvm.Result process, Map<String, Step> steps, Map<String, Floor> floors, String loadBefore,
			String loadAfter, double postgresCpu, double brokerCpu) {

		String summary(String name) {
			return String.format(Locale.ROOT,
					"  %s: dailyCycle %.1f s (process %.1f s), peak heap %d MB, peak RSS %d MB; "
							+ "CPU s: JVM %.1f, PostgreSQL %.1f, broker %.1f; load average %s -> %s",
					name, this.steps.get("dailyCycle").seconds(), this.process.seconds(), this.process.peakHeapMb(),
					this.process.peakRssKb() / 1024, this.process.cpuSeconds(), this.postgresCpu, this.brokerCpu,
					this.loadBefore, this.loadAfter);
		}

	}

	private Measured measure(Build build, String database, String staging, Path log, boolean floors) throws Exception {
		deleteTree(this.work.resolve(staging));
		String loadBefore = loadAverage();
		List<String> cycle = new ArrayList<>(List.of("--job=dailyCycle", "date=" + BENCH_DAY));
		cycle.addAll(this.cycleArguments);
		double postgresBefore = ServerCpu.postgresSeconds().orElse(Double.NaN);
		double brokerBefore = ChildJvm.cpuSeconds(this.broker.toHandle()).orElse(Double.NaN);
		ChildJvm.Result result = etl(build, this.launcher, database, staging, log, cycle.toArray(String[]::new));
		double postgresCpu = ServerCpu.postgresSeconds().orElse(Double.NaN) - postgresBefore;
		double brokerCpu = ChildJvm.cpuSeconds(this.broker.toHandle()).orElse(Double.NaN) - brokerBefore;
		String loadAfter = loadAverage();
		try (Connection warehouse = connect(database); Connection instore = connect("instore")) {
			Map<String, Step> steps = StepTimes.newestDailyCycle(warehouse);
			Map<String, Floor> measuredFloors = Map.of();
			if (floors) {
				Path scratch = this.work.resolve("floor");
				deleteTree(scratch);
				Files.createDirectories(scratch);
				Floors floorsOfDay = new Floors(warehouse, instore, this.bootstrapServers,
						new StagingLocation(this.work.resolve(staging).toString()), this.work.resolve("drop"), scratch,
						BENCH_DAY);
				// the first pass loads classes and warms the JIT of this JVM; the second
				// is
				// the floor
				floorsOfDay.measure();
				measuredFloors = floorsOfDay.measure();
			}
			return new Measured(result, steps, measuredFloors, loadBefore, loadAfter, postgresCpu, brokerCpu);
		}
	}

	/**
	 * Pairs of the day's cycle, this jar then the other, each on a fresh copy of the
	 * set-up warehouse; both medians.
	 */
	private void compare(Path log) throws Exception {
		List<Measured> a = new ArrayList<>();
		List<Measured> b = new ArrayList<>();
		if (this.launcher != null) {
			// A's archive is the set-up day's; B's is made by a cycle of its own
			recreate("run", "base");
			progress("B's first dailyCycle " + BENCH_DAY + " (its archive, not measured)");
			measure(this.compareBuild, "run", "staging-run", log, false);
		}
		for (int i = 1; i <= this.runs; i++) {
			recreate("run", "base");
			progress("pair " + i + ", A: dailyCycle " + BENCH_DAY + " with " + this.build.jar().getFileName());
			a.add(measure(this.build, "run", "staging-run", log, false));
			this.out.println(a.get(a.size() - 1).summary("A " + i));
			recreate("run", "base");
			progress("pair " + i + ", B: dailyCycle " + BENCH_DAY + " with " + this.compareBuild.jar().getFileName());
			b.add(measure(this.compareBuild, "run", "staging-run", log, false));
			this.out.println(b.get(b.size() - 1).summary("B " + i));
		}
		PrintStream out = this.out;
		out.println();
		out.printf(Locale.ROOT, "dailyCycle %s, scale=%d: medians of %d alternating pair(s)%n", BENCH_DAY, this.scale,
				this.runs);
		out.printf(Locale.ROOT, "A: %s%nB: %s%n", this.build, this.compareBuild);
		out.printf(Locale.ROOT, "%-24s %9s %9s %9s%n", "", "A", "B", "B/A");
		Map<String, ToDoubleFunction<Measured>> figures = new LinkedHashMap<>();
		for (String step : STEPS) {
			figures.put(step + " s", (m) -> m.steps().getOrDefault(step, new Step(0, 0)).seconds());
		}
		figures.put("dailyCycle (job) s", (m) -> m.steps().get("dailyCycle").seconds());
		figures.put("process s", (m) -> m.process().seconds());
		figures.put("cycle JVM CPU s", (m) -> m.process().cpuSeconds());
		// each group of the JVM's threads: a change to one step shows in its own
		// threads' CPU long before it shows through the spread of the whole cycle
		Set<String> groups = new TreeSet<>();
		a.forEach((m) -> groups.addAll(m.process().threadCpuSeconds().keySet()));
		b.forEach((m) -> groups.addAll(m.process().threadCpuSeconds().keySet()));
		for (String group : groups) {
			ToDoubleFunction<Measured> cpu = (m) -> m.process().threadCpuSeconds().getOrDefault(group, 0.0);
			if (Math.max(median(a, cpu), median(b, cpu)) >= 0.2) {
				figures.put("  " + group.strip() + " CPU s", cpu);
			}
		}
		figures.put("PostgreSQL CPU s", Measured::postgresCpu);
		figures.put("peak RSS MB", (m) -> m.process().peakRssKb() / 1024.0);
		figures.forEach((name, figure) -> {
			double medianA = median(a, figure);
			double medianB = median(b, figure);
			out.printf(Locale.ROOT, "%-24s %9.1f %9.1f %9.2f%n", name, medianA, medianB, medianB / medianA);
		});
	}

	private void report(List<Measured> runs, List<Measured> aged) {
		PrintStream out = this.out;
		out.println();
		out.printf(Locale.ROOT, "dailyCycle %s, scale=%d: median of %d run(s)%n", BENCH_DAY, this.scale, runs.size());
		out.printf(Locale.ROOT, "%-24s %10s %9s %10s %9s %7s%n", "step", "rows", "seconds", "rows/s", "floor s",
				"ratio");
		double floorSum = 0;
		for (String step : STEPS) {
			double rows = median(runs, (m) -> m.steps().getOrDefault(step, new Step(0, 0)).rows());
			double seconds = median(runs, (m) -> m.steps().getOrDefault(step, new Step(0, 0)).seconds());
			boolean hasFloor = runs.get(0).floors().containsKey(step);
			double floor = hasFloor ? median(runs, (m) -> m.floors().get(step).seconds()) : Double.NaN;
			if (hasFloor) {
				floorSum += floor;
			}
			out.println(row(step, rows, seconds, floor));
		}
		double cycle = median(runs, (m) -> m.steps().get("dailyCycle").seconds());
		double staged = median(runs,
				(m) -> STEPS.subList(0, 3)
					.stream()
					.mapToLong((step) -> m.steps().getOrDefault(step, new Step(0, 0)).rows())
					.sum());
		out.println(row("dailyCycle (job)", staged, cycle, floorSum));
		double process = median(runs, (m) -> m.process().seconds());
		out.println(row("process (JVM start-exit)", staged, process, floorSum));
		double heap = median(runs, (m) -> m.process().peakHeapMb());
		double rss = median(runs, (m) -> m.process().peakRssKb() / 1024.0);
		out.printf(Locale.ROOT, "peak heap %.0f MB (JVM, before GC), peak RSS %.0f MB (VmHWM), cycle JVM: %s%n", heap,
				rss, String.join(" ", this.build.jvm()));
		double jvmCpu = median(runs, (m) -> m.process().cpuSeconds());
		double postgresCpu = median(runs, Measured::postgresCpu);
		double brokerCpu = median(runs, Measured::brokerCpu);
		out.printf(Locale.ROOT,
				"CPU seconds: cycle JVM %.1f, PostgreSQL %.1f (its processes on this machine), broker %.1f; "
						+ "total %.1f, against %.1f core-seconds of the process's run on %d cores%n",
				jvmCpu, postgresCpu, brokerCpu, jvmCpu + postgresCpu + brokerCpu,
				process * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
		out.println(threadCpu(runs, jvmCpu));
		out.print(phaseCpu(runs));
		out.printf(Locale.ROOT, "load average per run: %s%n",
				String.join("; ", runs.stream().map((m) -> m.loadBefore() + " -> " + m.loadAfter()).toList()));
		out.printf(Locale.ROOT, "target whole cycle <= 2x sum of floors: %.2fx (%s)%n", cycle / floorSum,
				(cycle <= 2 * floorSum) ? "met" : "not met");
		out.printf(Locale.ROOT, "target peak RSS <= 512 MB: %.0f MB (%s)%n", rss, (rss <= 512) ? "met" : "not met");
		if (!aged.isEmpty()) {
			double day30 = median(aged, (m) -> m.steps().get("dailyCycle").seconds());
			out.printf(Locale.ROOT,
					"growth: day 1 %.1f s, day %d (after %d days of history) %.1f s (median of %d, each run right "
							+ "after one of day 1): ratio %.2f (target <= 1.10: %s); runs of day %d: %s%n",
					cycle, this.history + 1, this.history, day30, aged.size(), day30 / cycle,
					(day30 <= 1.1 * cycle) ? "met" : "not met", this.history + 1,
					String.join(", ",
							aged.stream()
								.map((m) -> String.format(Locale.ROOT, "%.1f s (load average %s -> %s)",
										m.steps().get("dailyCycle").seconds(), m.loadBefore(), m.loadAfter()))
								.toList()));
			for (String step : STEPS) {
				double day1 = median(runs, (m) -> m.steps().getOrDefault(step, new Step(0, 0)).seconds());
				double later = median(aged, (m) -> m.steps().getOrDefault(step, new Step(0, 0)).seconds());
				out.printf(Locale.ROOT, "  %-24s day 1 %7.1f s   day %d %7.1f s%n", step, day1, this.history + 1,
						later);
			}
			out.print(phaseCpu(aged).replaceFirst("CPU by phase", "CPU by phase of day " + (this.history + 1)));
		}
	}

	/**
	 * The CPU of each phase of the cycle, the steps that ran at the same time
	 * ({@link PhaseCpu}), median per phase over the runs: its seconds, the cycle JVM's
	 * and PostgreSQL's CPU seconds in it, how many cores they kept busy together, and the
	 * JVM's by group of threads.
	 */
	private static String phaseCpu(List<Measured> runs) {
		Map<String, List<Map.Entry<Double, PhaseCpu.Used>>> phases = new LinkedHashMap<>();
		for (Measured run : runs) {
			for (PhaseCpu.Phase phase : PhaseCpu.phases(run.steps(), STEPS)) {
				phases.computeIfAbsent(phase.name(), (name) -> new ArrayList<>())
					.add(Map.entry(phase.seconds(), PhaseCpu.used(run.process().cpuTimeline(), phase)));
			}
		}
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
				"CPU by phase (steps that ran at the same time; medians): seconds, CPU seconds of the cycle JVM "
						+ "and of PostgreSQL in it, cores they kept busy (of %d), then the JVM's by group of threads%n",
				Runtime.getRuntime().availableProcessors()));
		phases.forEach((name, values) -> {
			double seconds = median(values.stream().mapToDouble(Map.Entry::getKey));
			double jvm = median(values.stream().mapToDouble((value) -> value.getValue().jvm()));
			double postgres = median(values.stream().mapToDouble((value) -> value.getValue().postgres()));
			text.append(String.format(Locale.ROOT, "  %6.1f s  JVM %5.1f  PostgreSQL %5.1f  %4.1f cores  %s%n", seconds,
					jvm, postgres, (jvm + postgres) / seconds, name));
			text.append("            JVM by thread:")
				.append(largest(medians(values.stream().map((value) -> value.getValue().threads()).toList())))
				.append(System.lineSeparator());
		});
		return text.toString();
	}

	/**
	 * The cycle JVM's CPU seconds by group of threads (median per group), largest first,
	 * and what the samples missed: threads that exited between two.
	 */
	private static String threadCpu(List<Measured> runs, double jvmCpu) {
		Map<String, Double> medians = medians(runs.stream().map((m) -> m.process().threadCpuSeconds()).toList());
		double sampled = medians.values().stream().mapToDouble(Double::doubleValue).sum();
		return "cycle JVM CPU seconds by thread:" + largest(medians)
				+ String.format(Locale.ROOT, " threads that exited between samples %.1f", jvmCpu - sampled);
	}

	/**
	 * The median of each group of threads' CPU seconds over {@code runs} (a group missing
	 * from a run used nothing in it).
	 */
	private static Map<String, Double> medians(List<Map<String, Double>> runs) {
		Set<String> groups = new TreeSet<>();
		runs.forEach((run) -> groups.addAll(run.keySet()));
		Map<String, Double> medians = new HashMap<>();
		for (String group : groups) {
			medians.put(group, median(runs.stream().mapToDouble((run) -> run.getOrDefault(group, 0.0))));
		}
		return medians;
	}

	/** The groups of 0.2 s or more, largest first, as {@code " group 1.2;"} each. */
	private static String largest(Map<String, Double> seconds) {
		StringBuilder line = new StringBuilder();
		seconds.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.filter((group) -> group.getValue() >= 0.2)
			.forEach((group) -> line.append(String.format(Locale.ROOT, " %s %.1f;", group.getKey(), group.getValue())));
		return line.toString();
	}

	private static String row(String name, double rows, double seconds, double floor) {
		return String.format(Locale.ROOT, "%-24s %10.0f %9.1f %10.0f %9s %7s", name, rows, seconds,
				(seconds > 0) ? rows / seconds : 0,
				Double.isNaN(floor) ? "-" : String.format(Locale.ROOT, "%.1f", floor),
				(Double.isNaN(floor) || floor <= 0) ? "-" : String.format(Locale.ROOT, "%.1f", seconds / floor));
	}

	private static double median(List<Measured> runs, ToDoubleFunction<Measured> value) {
		return median(runs.stream().mapToDouble(value));
	}

	private static double median(DoubleStream stream) {
		double[] values = stream.sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/** Runs {@code etl.jar} on the benchmark's servers; fails unless it exits 0. */
	private ChildJvm.Result etl(List<String> jvm, String warehouse, String staging, Path log, String... arguments)
			throws IOException, InterruptedException {
		return etl(new Build(this.jar, jvm, this.build.javaHome()), null, warehouse, staging, log, arguments);
	}

	private ChildJvm.Result etl(Build build, Path launcher, String warehouse, String staging, Path log,
			String... arguments) throws IOException, InterruptedException {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("ETL_INSTORE_URL", this.serverUrl + this.prefix + "instore");
		environment.put("ETL_INSTORE_USER", this.user);
		environment.put("ETL_INSTORE_PASSWORD", this.password);
		environment.put("ETL_WAREHOUSE_URL", this.serverUrl + this.prefix + warehouse);
		environment.put("ETL_WAREHOUSE_USER", this.user);
		environment.put("ETL_WAREHOUSE_PASSWORD", this.password);
		environment.put("ETL_KAFKA_BOOTSTRAP_SERVERS", this.bootstrapServers);
		environment.put("ETL_DATA_DIR", this.work.resolve("data").toString());
		environment.put("ETL_DROP_DIR", this.work.resolve("drop").toString());
		environment.put("ETL_STAGING_URI", this.work.resolve(staging).toString());
		List<String> command = new ArrayList<>(List.of(arguments));
		if (arguments[0].equals("--job=simulate")) {
			command.add("scale=" + this.scale);
			command.add("--etl.simulator.scenario=" + SCENARIO.toUri());
		}
		Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		ChildJvm.Result result = ChildJvm.run(launcher, build.jar(), build.javaHome(), build.jvm(), command,
				environment, log);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " exited " + result.exitCode() + ": see " + log);
		}
		return result;
	}

	/**
	 * Drops the benchmark's database {@code database} and creates it again, empty or as a
	 * copy of {@code template}.
	 */
	private void recreate(String database, String template) throws SQLException {
		try (Connection admin = DriverManager.getConnection(this.serverUrl + "postgres", this.user, this.password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.prefix + database + " WITH (FORCE)");
			// a copy by files, as before PostgreSQL 15, whose default writes the whole
			// copy to the WAL: 14 GB for day 30's warehouse, and the measured run would
			// start with the WAL well on its way to the next checkpoint
			String strategy = (template != null && admin.getMetaData().getDatabaseMajorVersion() >= 15)
					? " STRATEGY = FILE_COPY" : "";
			statement.execute("CREATE DATABASE " + this.prefix + database
					+ ((template != null) ? " TEMPLATE " + this.prefix + template + strategy : ""));
		}
	}

	/** A connection to the benchmark's database {@code instore}, {@code base}, ... */
	private Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(this.serverUrl + this.prefix + database, this.user, this.password);
	}

	private void progress(String message) {
		this.out.printf(Locale.ROOT, "%tT %s (load average %s)%n", System.currentTimeMillis(), message, loadAverage());
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String awaitFile(Path file, Process owner, Duration wait) throws Exception {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!Files.exists(file)) {
			if (!owner.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"the Kafka broker did not start: see " + file.resolveSibling("kafka.log"));
			}
			Thread.sleep(200);
		}
		return Files.readString(file).trim();
	}

	private static void deleteTree(Path root) throws IOException {
		if (Files.exists(root)) {
			try (var paths = Files.walk(root)) {
				for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private static void quietLogging() {
		org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root instanceof ch.qos.logback.classic.Logger logback) {
			logback.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

}
