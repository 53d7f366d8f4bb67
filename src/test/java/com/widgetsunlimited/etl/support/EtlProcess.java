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
 * {@code java -jar etl.jar ...} as a separate process, the way cron or systemd runs it,
 * in a working directory of the test's own and an environment of the test's choosing. The
 * jar is the one {@code package} built (failsafe passes its path as {@code etl.jar}),
 * deployed for quick starts the way the README's "Faster starts" shows: extracted, with a
 * class data sharing archive ({@code etl.deployed}, made before the integration tests
 * from the built jar). Where that deployment is missing or older than the built jar (the
 * integration tests run without the phase before them), the built jar itself runs.
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
	 * Starts etl.jar with {@code args} in {@code workDir}, without waiting for it: the
	 * deployment for quick starts when it is there.
	 */
	public static Process start(Path workDir, Map<String, String> environment, String... args) throws IOException {
		return start(workDir, environment, deployedJar(builtJar()), args);
	}

	/** Starts the built etl.jar itself, as the README's first command does. */
	public static Process startBuiltJar(Path workDir, Map<String, String> environment, String... args)
			throws IOException {
		return start(workDir, environment, List.of("-jar", builtJar().toString()), args);
	}

	private static Process start(Path workDir, Map<String, String> environment, List<String> jar, String... args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(List.of(System.getProperty("etl.jvm.options", "-Xmx512m").trim().split("\\s+")));
		command.addAll(jar);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectOutput(workDir.resolve("stdout.log").toFile())
			.redirectError(workDir.resolve("stderr.log").toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("ETL_"));
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static Path builtJar() {
		String jar = System.getProperty("etl.jar");
		if (jar == null || !Files.exists(Path.of(jar))) {
			throw new IllegalStateException("etl.jar not built: run the integration tests with ./mvnw verify");
		}
		return Path.of(jar);
	}

	/**
	 * The options that run the deployment of {@code built} for quick starts, or the built
	 * jar where that deployment is missing or older than it.
	 */
	private static List<String> deployedJar(Path built) throws IOException {
		String deployed = System.getProperty("etl.deployed");
		if (deployed != null) {
			Path jar = Path.of(deployed).resolve(built.getFileName());
			Path archive = Path.of(deployed).resolve("etl.jsa");
			if (Files.exists(archive) && Files.exists(jar)
					&& Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(built)) >= 0) {
				return List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString());
			}
		}
		return List.of("-jar", built.toString());
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
