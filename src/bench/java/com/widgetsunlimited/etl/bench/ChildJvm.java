package com.widgetsunlimited.etl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of {@code etl.jar} in a JVM of its own, watched while it runs: its wall time, the
 * peak resident memory of the process (the kernel's high-water mark {@code VmHWM},
 * sampled until it exits), the JVM's peak heap (the largest heap in use before a
 * collection, from its GC log), and its CPU time, whole and by group of threads, with a
 * timeline of its CPU and the PostgreSQL server's ({@link PhaseCpu}).
 */
final class ChildJvm {

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private ChildJvm() {
	}

	/** What a finished run measured. */
	record Result(int exitCode, double seconds, long peakRssKb, long peakHeapMb, long heapCommittedMb,
			double cpuSeconds, Map<String, Double> threadCpuSeconds, List<PhaseCpu.Sample> cpuTimeline) {
	}

	/**
	 * Runs {@code java <jvmOptions> -jar jar <arguments>}, {@code java} of the JDK in
	 * {@code javaHome}, with {@code environment} added, its output appended to
	 * {@code log}; through {@code launcher} ({@code jobs/etl}: the jar extracted, with a
	 * class data sharing archive or ahead-of-time cache) unless it is null. The launcher
	 * replaces itself with the JVM, except on the run that makes its archive, whose
	 * figures are then the launcher's shell's.
	 */
	static Result run(Path launcher, Path jar, String javaHome, List<String> jvmOptions, List<String> arguments,
			Map<String, String> environment, Path log) throws IOException, InterruptedException {
		Path gcLog = log.resolveSibling(log.getFileName() + ".gc");
		Files.deleteIfExists(gcLog);
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-Xlog:gc:file=" + gcLog);
		List<String> command = new ArrayList<>();
		if (launcher == null) {
			command.add(Path.of(javaHome, "bin", "java").toString());
			command.addAll(options);
			command.addAll(List.of("-jar", jar.toString()));
		}
		else {
			command.addAll(List.of("/bin/sh", launcher.toString()));
		}
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// glibc's per-thread malloc arenas would add tens of MB of resident memory
		builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
		builder.environment().putAll(environment);
		if (launcher != null) {
			builder.environment().put("ETL_JAR", jar.toString());
			builder.environment().put("ETL_JAVA_OPTS", String.join(" ", options));
			builder.environment().put("JAVA_HOME", javaHome);
		}
		long started = System.nanoTime();
		Process process = builder.start();
		Path status = Path.of("/proc", Long.toString(process.pid()), "status");
		long peakRss = 0;
		double cpuSeconds = Double.NaN;
		ThreadCpu threads = new ThreadCpu(process.pid());
		List<PhaseCpu.Sample> timeline = new ArrayList<>();
		for (int tick = 0; !process.waitFor(100, TimeUnit.MILLISECONDS); tick++) {
			peakRss = Math.max(peakRss, highWaterMarkKb(status));
			// the last sample misses at most the last tenth of a second of the exit
			cpuSeconds = cpuSeconds(process.toHandle()).orElse(cpuSeconds);
			if (tick % 5 == 0) {
				// every thread's stat file, half a second apart: cheap enough not to
				// weigh on the run
				threads.sample();
				timeline.add(new PhaseCpu.Sample(System.currentTimeMillis(), cpuSeconds,
						ServerCpu.postgresSeconds().orElse(Double.NaN), threads.secondsByGroup()));
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long peakHeap = 0;
		long committed = 0;
		if (Files.exists(gcLog)) {
			for (String line : Files.readAllLines(gcLog)) {
				Matcher matcher = GC_LINE.matcher(line);
				if (matcher.find()) {
					peakHeap = Math.max(peakHeap, Long.parseLong(matcher.group(1)));
					committed = Math.max(committed, Long.parseLong(matcher.group(3)));
				}
			}
		}
		timeline.add(new PhaseCpu.Sample(System.currentTimeMillis(), cpuSeconds,
				ServerCpu.postgresSeconds().orElse(Double.NaN), threads.secondsByGroup()));
		return new Result(process.exitValue(), seconds, peakRss, peakHeap, committed, cpuSeconds,
				threads.secondsByGroup(), List.copyOf(timeline));
	}

	/** The CPU seconds (user and system) {@code process} has used so far, if known. */
	static OptionalDouble cpuSeconds(ProcessHandle process) {
		return process.info()
			.totalCpuDuration()
			.map((cpu) -> OptionalDouble.of(cpu.toNanos() / 1e9))
			.orElse(OptionalDouble.empty());
	}

	/**
	 * Starts {@code mainClass} of the benchmark's own class path in a JVM of its own.
	 */
	static Process start(List<String> jvmOptions, String mainClass, List<String> arguments, Path log)
			throws IOException {
		// as etl.jar's manifest does with -jar: the libraries' native code loads without
		// a warning on JDK 24 and later (JEP 472)
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(arguments);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
	}

	private static long highWaterMarkKb(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process has just exited
		}
		return 0;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
