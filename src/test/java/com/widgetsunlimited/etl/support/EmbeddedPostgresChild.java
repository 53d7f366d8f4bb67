package com.widgetsunlimited.etl.support;

import java.nio.file.Path;
import java.time.Duration;

import com.widgetsunlimited.etl.env.EmbeddedPostgresServer;
import com.widgetsunlimited.etl.env.EnvironmentLock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A process that takes the embedded environment the way etl.jar does, writes a marker row
 * and then waits to be killed. Tests kill it with SIGKILL to leave what a crashed run
 * leaves.
 */
public final class EmbeddedPostgresChild {

	private EmbeddedPostgresChild() {
	}

	public static void main(String[] args) throws Exception {
		Path dataDir = Path.of(args[0]);
		EnvironmentLock.acquire(dataDir);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
				Duration.ofSeconds(60));
		JdbcTemplate jdbc = new JdbcTemplate(
				new DriverManagerDataSource(server.jdbcUrl("warehouse"), server.user(), ""));
		jdbc.execute("CREATE TABLE IF NOT EXISTS marker (note TEXT)");
		jdbc.update("INSERT INTO marker VALUES (?)", args[1]);
		System.out.println("READY " + server.port());
		System.out.flush();
		Thread.sleep(300_000);
	}

}
