package com.widgetsunlimited.etl.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM options the benchmark measures are the ones a scheduled run uses
 * ({@code config.sh}) and the README recommends.
 */
class RecommendedJvmOptionsTests {

	@Test
	void theBenchmarksDefaultJvmOptions_areConfigShs_andTheReadmes() throws Exception {
		Process shell = new ProcessBuilder("/bin/sh", "-c",
				"unset ETL_JAVA_OPTS; . ./config.sh && echo \"$ETL_JAVA_OPTS\"")
			.redirectErrorStream(true)
			.start();
		String configured = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();

		assertThat(configured).isEqualTo(Benchmark.DEFAULT_JAVA_OPTS);
		assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8).replaceAll("\\s+", " "))
			.contains("`" + Benchmark.DEFAULT_JAVA_OPTS + "`");
	}

}
