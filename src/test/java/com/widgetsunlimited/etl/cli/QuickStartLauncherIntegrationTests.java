package com.widgetsunlimited.etl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.widgetsunlimited.etl.support.EtlProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/etl}, the launcher of the scheduled runs (README, "Faster starts"), on a
 * copy of the built etl.jar in a folder of its own, on the JDK that runs the tests: it
 * extracts a jar it has not seen, keeps the archive (JDK 25 and later: the ahead-of-time
 * cache; before: the class data sharing archive) of the first job that exits 0 and only
 * of such a job, maps it in the runs after, and starts over for a new jar.
 */
class QuickStartLauncherIntegrationTests {

	/** Whether the JVM keeps an ahead-of-time cache rather than a dynamic archive. */
	private static final boolean AOT = Runtime.version().feature() >= 25;

	@TempDir
	Path folder;

	@Test
	void firstJobThatSucceeds_leavesTheArchive_whichTheNextRunsMap_andANewJarIsExtractedAgain() throws Exception {
		// given: etl.jar as an install folder holds it
		Path jar = this.folder.resolve("etl.jar");
		Files.copy(Path.of(System.getProperty("etl.jar")), jar);

		// when: the help and a job that fails
		Run help = launch(jar, "", "--help");
		Run failed = launch(jar, "", "--job=dailyCycel", "date=2024-01-01");

		// then: exit codes and output as etl.jar's, the jar extracted once, no archive
		assertThat(help.exitCode()).isZero();
		assertThat(help.output()).contains("Usage: java -jar etl.jar --job=NAME");
		assertThat(failed.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(failed.output()).contains("etl: unknown job 'dailyCycel'");
		Path extracted = onlyEntry(this.folder.resolve(".etl-jar"));
		assertThat(extracted.resolve("etl.jar")).isRegularFile();
		assertThat(extracted.resolve("lib")).isDirectory();
		assertThat(archives(extracted)).isEmpty();

		// when: the first job that exits 0
		Run trained = launch(jar, "", "--job=simulate", "date=2024-01-01");

		// then: its archive, without the leftovers of making it or its warnings
		assertThat(trained.exitCode()).as(trained.output()).isZero();
		assertThat(trained.output()).doesNotContain("[cds]").doesNotContain("[warning]");
		assertThat(archives(extracted)).hasSize(1)
			.allMatch((archive) -> archive.getFileName().toString().endsWith(AOT ? ".aot" : ".jsa"));

		// when: the next run, with sharing required and every class load logged
		Path classLoads = this.folder.resolve("class-load.log");
		Run next = launch(jar, (AOT ? "-XX:AOTMode=on" : "-Xshare:on") + " -Xlog:class+load=info:file=" + classLoads,
				"--job=simulate", "date=2024-01-02");

		// then: most of its classes came from the archive (a dynamic one is the top layer
		// over the JDK's), the rest from the jars, and the JVM did not warn
		assertThat(next.exitCode()).as(next.output()).isZero();
		assertThat(next.output()).doesNotContain("[warning]");
		List<String> loads = Files.readAllLines(classLoads);
		String archived = AOT ? "source: shared objects file" : "source: shared objects file (top)";
		long fromArchive = loads.stream().filter((line) -> line.contains(archived)).count();
		assertThat(fromArchive).isGreaterThan(5000).isGreaterThan(loads.size() / 2);

		// when: a new etl.jar is put in its place
		Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
		Run upgraded = launch(jar, "", "--help");

		// then: it is extracted anew and the old extraction, with its archive, is gone
		assertThat(upgraded.exitCode()).isZero();
		Path again = onlyEntry(this.folder.resolve(".etl-jar"));
		assertThat(again).isNotEqualTo(extracted);
		assertThat(archives(again)).isEmpty();
	}

	private record Run(int exitCode, String output) {
	}

	private Run launch(Path jar, String jvmOptions, String... args) throws IOException, InterruptedException {
		Path work = Files.createDirectories(this.folder.resolve("work"));
		List<String> command = new ArrayList<>(List.of("/bin/sh", EtlProcess.launcher().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("ETL_"));
		builder.environment().put("ETL_JAR", jar.toString());
		builder.environment().put("ETL_JAVA_OPTS", (EtlProcess.jvmOptions() + " " + jvmOptions).trim());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("jobs/etl " + String.join(" ", args)).isTrue();
		return new Run(process.exitValue(), output);
	}

	private static Path onlyEntry(Path folder) throws IOException {
		try (Stream<Path> entries = Files.list(folder)) {
			List<Path> all = entries.toList();
			assertThat(all).as("what " + folder + " holds").hasSize(1);
			return all.get(0);
		}
	}

	/**
	 * What the extraction holds besides etl.jar and lib/: archives and their leftovers.
	 */
	private static List<Path> archives(Path extracted) throws IOException {
		try (Stream<Path> entries = Files.list(extracted)) {
			return entries.filter((entry) -> !entry.getFileName().toString().equals("etl.jar"))
				.filter((entry) -> !entry.getFileName().toString().equals("lib"))
				.toList();
		}
	}

}
