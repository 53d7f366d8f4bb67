package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar etl.jar ...} as a separate process, the way cron or systemd runs it:
 * the jar that {@code package} built (failsafe passes its path as {@code etl.jar}), a
 * working directory of the test's own, and an environment of the test's choosing.
 */
public final class EtlProcess {

	private EtlProcess() {
	}

	/** The outcome of one run. */
	public record Result(int exitCode, String stdout, String stderr) {

		public String output() {
			return this.stdout + this.stderr;
		}

	}

	/** Starts etl.jar with {@code args} in {@code workDir}, without waiting for it. */
	public static Process start(Path workDir, Map<String, String> environment, String... args) throws IOException {
		String jar = System.getProperty("etl.jar");
		if (jar == null || !Files.exists(Path.of(jar))) {
			throw new IllegalStateException("etl.jar not built: run the integration tests with ./mvnw verify");
		}
		// the tests' runs are small: a quick start matters more than peak compiled speed,
		// and a serial collector leaves the second core to the other test fork
		List<String> command = new ArrayList<>(
				List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectOutput(workDir.resolve("stdout.log").toFile())
			.redirectError(workDir.resolve("stderr.log").toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("ETL_"));
		builder.environment().putAll(environment);
		return builder.start();
	}

	/** Runs etl.jar to the end (at most 5 minutes). */
	public static Result run(Path workDir, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		return finish(start(workDir, environment, args), workDir, args);
	}

	/**
	 * Waits for a process {@link #start started} in {@code workDir} to end (at most 5
	 * minutes) and returns its outcome.
	 */
	public static Result finish(Process process, Path workDir, String... args)
			throws IOException, InterruptedException {
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("etl.jar " + String.join(" ", args) + " did not finish in 5 minutes");
		}
		return new Result(process.exitValue(), read(workDir.resolve("stdout.log")),
				read(workDir.resolve("stderr.log")));
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	/** The java binary of the JVM running the tests. */
	public static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
