package com.widgetsunlimited.etl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedules in {@code jobs/}: the systemd units are what systemd accepts, and the
 * command line that the service and the crontab line run is one the launcher accepts: a
 * catch-up, whose range the launcher fills in.
 */
class SchedulingTests {

	private static final Path JOBS = Path.of("jobs");

	/**
	 * What follows the launcher {@code ./etl} in a schedule's command line, up to the
	 * quote.
	 */
	private static final Pattern ARGUMENTS = Pattern.compile("exec \\./etl ([^']*)'");

	@Test
	void systemdUnits_areAcceptedWithoutAWarning() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
				"systemd-analyze is not installed here");
		Process verify = new ProcessBuilder("systemd-analyze", "verify", "etl-daily-cycle.service",
				"etl-daily-cycle.timer")
			.directory(JOBS.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(verify.exitValue()).as(output).isZero();
		assertThat(output).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "etl-daily-cycle.service", "etl-daily-cycle.cron" })
	void theScheduledCommand_isACatchUp_thatTheLauncherAccepts(String schedule) throws Exception {
		// given: the schedule's arguments
		Matcher matcher = ARGUMENTS.matcher(Files.readString(JOBS.resolve(schedule), StandardCharsets.UTF_8));
		assertThat(matcher.find()).as(schedule + " runs ./etl --job=...").isTrue();

		// when
		LaunchRequest request = LaunchRequest.parse(matcher.group(1).split(" "));

		// then: a backfill without a range, which the launcher fills in from the last day
		// loaded through yesterday
		assertThat(request.job().name()).isEqualTo("backfill");
		assertThat(request.parameters()).doesNotContainKeys("from", "to");
	}

	@ParameterizedTest
	@ValueSource(strings = { "etl-daily-cycle.service", "etl-daily-cycle.cron" })
	void theScheduledJvm_runsWithTheOptionsOfConfigSh(String schedule) throws Exception {
		String line = Files.readString(JOBS.resolve(schedule), StandardCharsets.UTF_8);
		// systemd writes the shell's $ as $$ (it would expand $NAME itself)
		String shellLine = schedule.endsWith(".service") ? line.replace("$$", "$") : line;

		// jobs/etl passes ETL_JAVA_OPTS to the JVM
		assertThat(shellLine).contains(". ./config.sh && exec ./etl ");
		assertThat(Files.readString(JOBS.resolve("etl"), StandardCharsets.UTF_8))
			.contains("exec \"$java\" ${ETL_JAVA_OPTS:-} \"$use$archive\"");
		assertThat(shell("unset ETL_JAVA_OPTS; . ./config.sh && echo \"$ETL_JAVA_OPTS\"")).startsWith("-Xmx256m ");
	}

	private static String shell(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("/bin/sh", "-c", command).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(command).isZero();
		return output;
	}

}
