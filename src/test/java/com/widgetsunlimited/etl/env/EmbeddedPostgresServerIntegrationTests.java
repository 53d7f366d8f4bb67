package com.widgetsunlimited.etl.env;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.widgetsunlimited.etl.support.EmbeddedPostgresChild;
import com.widgetsunlimited.etl.support.EtlProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL keeps its data across runs and comes back after a killed run.
 */
class EmbeddedPostgresServerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path dataDir;

	@Test
	void dataWrittenByOneRun_isThereForTheNext() {
		try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(this.dataDir.resolve("postgres"), WAIT)) {
			jdbc(first, "instore").execute("CREATE TABLE kept (id INT)");
			jdbc(first, "instore").update("INSERT INTO kept VALUES (42)");
		}
		try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(this.dataDir.resolve("postgres"), WAIT)) {
			assertThat(jdbc(second, "instore").queryForObject("SELECT id FROM kept", Integer.class)).isEqualTo(42);
			assertThat(jdbc(second, "warehouse").queryForObject("SELECT current_setting('fsync')", String.class))
				.isEqualTo("on");
		}
	}

	@Test
	void killedRun_leavesAnOrphanThatTheNextRunStopsAndReplaces() throws Exception {
		// given: a process that started the embedded environment, committed a row, and
		// was killed
		Process child = new ProcessBuilder(EtlProcess.javaBinary(), "-cp", System.getProperty("java.class.path"),
				EmbeddedPostgresChild.class.getName(), this.dataDir.toString(), "committed before the kill")
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null && !line.startsWith("READY")) {
			// skip start-up output
		}
		assertThat(line).as("child started PostgreSQL").startsWith("READY");
		child.destroyForcibly();
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		Path pidFile = this.dataDir.resolve("postgres/postmaster.pid");
		long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("PostgreSQL outlived its JVM")
			.contains(true);

		// when: the next run takes the environment
		try (EnvironmentLock lock = EnvironmentLock.acquire(this.dataDir);
				EmbeddedPostgresServer next = EmbeddedPostgresServer.start(this.dataDir.resolve("postgres"), WAIT)) {

			// then: the orphan is gone, the new server serves the committed data
			assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
			assertThat(jdbc(next, "warehouse").queryForList("SELECT note FROM marker", String.class))
				.isEqualTo(List.of("committed before the kill"));
		}
	}

	@Test
	void stalePidFileOfAGoneServer_doesNotBlockTheStart() throws Exception {
		// given: a cluster, then a postmaster.pid naming a process that does not exist
		try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(this.dataDir.resolve("postgres"), WAIT)) {
			jdbc(first, "warehouse").execute("CREATE TABLE t (id INT)");
		}
		Files.writeString(this.dataDir.resolve("postgres/postmaster.pid"),
				"2147483000\n" + this.dataDir.resolve("postgres") + "\n1700000000\n5432\n");

		// when / then
		try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(this.dataDir.resolve("postgres"), WAIT)) {
			assertThat(jdbc(next, "warehouse").queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isZero();
		}
	}

	@Test
	void portTakenByAnotherServerBeforeOursBoundIt_isNotMistakenForOurs() {
		// given: a server of another environment, already on the port ours is about to
		// use (as when two runs start at once and pick the same free port)
		try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(this.dataDir.resolve("other"), WAIT)) {
			jdbc(other, "warehouse").execute("CREATE TABLE theirs (id INT)");
			PrimitiveIterator.OfInt ports = IntStream.of(other.port(), 0).iterator();

			// when
			try (EmbeddedPostgresServer ours = EmbeddedPostgresServer.start(this.dataDir.resolve("ours"), WAIT,
					ports::nextInt)) {

				// then: ours runs on another port, on its own data
				assertThat(ours.port()).isNotEqualTo(other.port());
				assertThat(Path.of(jdbc(ours, "warehouse").queryForObject("SELECT current_setting('data_directory')",
						String.class)))
					.isEqualTo(this.dataDir.resolve("ours").toAbsolutePath());
				assertThat(jdbc(ours, "warehouse").queryForObject(
						"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'theirs'", Integer.class))
					.isZero();
			}
		}
	}

	private static JdbcTemplate jdbc(EmbeddedPostgresServer server, String database) {
		return new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(database), server.user(), ""));
	}

}
