package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * etl.jar as a separate process, the way cron or systemd runs it, in a working directory
 * of the test's own and an environment of the test's choosing. The jar is the one
 * {@code package} built (failsafe passes its path as {@code etl.jar}), run through the
 * scheduled runs' launcher {@code jobs/etl} ({@code etl.launcher}; README, "Faster
 * starts"): extracted, with the class data sharing archive that its first job, a one-day
 * demo before the integration tests, left. Run without that phase, the first test's job
 * makes the archive, with the launcher's shell waiting on the JVM.
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

	/**
	 * Starts etl.jar with {@code args} in {@code workDir} through the launcher
	 * {@code jobs/etl}, without waiting for it.
	 */
	public static Process start(Path workDir, Map<String, String> environment, String... args) throws IOException {
		Map<String, String> launcher = new HashMap<>(environment);
		launcher.put("ETL_JAR", builtJar().toString());
		launcher.put("ETL_JAVA_OPTS", jvmOptions());
		launcher.put("JAVA_HOME", System.getProperty("java.home"));
		List<String> command = new ArrayList<>(List.of("/bin/sh", launcher().toString()));
		command.addAll(List.of(args));
		return start(workDir, launcher, command);
	}

	/** Starts the built etl.jar itself, as the README's first command does. */
	public static Process startBuiltJar(Path workDir, Map<String, String> environment, String... args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(List.of(jvmOptions().split("\\s+")));
		command.addAll(List.of("-jar", builtJar().toString()));
		command.addAll(List.of(args));
		return start(workDir, environment, command);
	}

	private static Process start(Path workDir, Map<String, String> environment, List<String> command)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectOutput(workDir.resolve("stdout.log").toFile())
			.redirectError(workDir.resolve("stderr.log").toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("ETL_"));
		builder.environment().putAll(environment);
		return builder.start();
	}

	/** The JVM options of the tests' etl.jar processes. */
	public static String jvmOptions() {
		return System.getProperty("etl.jvm.options", "-Xmx512m").trim();
	}

	private static Path builtJar() {
		String jar = System.getProperty("etl.jar");
		if (jar == null || !Files.exists(Path.of(jar))) {
			throw new IllegalStateException("etl.jar not built: run the integration tests with ./mvnw verify");
		}
		return Path.of(jar);
	}

	/** The scheduled runs' launcher, {@code jobs/etl}. */
	public static Path launcher() {
		return Path.of(System.getProperty("etl.launcher", "jobs/etl")).toAbsolutePath();
	}

	/** Runs etl.jar to the end (at most 5 minutes). */
	public static Result run(Path workDir, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		return finish(start(workDir, environment, args), workDir, args);
	}

	/** Runs the built etl.jar itself to the end (at most 5 minutes). */
	public static Result runBuiltJar(Path workDir, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		return finish(startBuiltJar(workDir, environment, args), workDir, args);
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
