package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.widgetsunlimited.etl.env.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server that a test owns and may stop and start again: the embedded
 * binaries on a data directory of the test's, always on the same port, so that etl.jar
 * configured for it finds it again after a restart. Never the shared server other tests
 * use.
 */
public final class OwnedPostgres implements AutoCloseable {

	private final Path dataDirectory;

	private final int port;

	private EmbeddedPostgres server;

	private OwnedPostgres(Path dataDirectory, int port) {
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	/**
	 * Starts a server on {@code dataDirectory} (an existing cluster, whose server a
	 * killed etl.jar may have left running: that one is stopped first) on a free port.
	 */
	public static OwnedPostgres start(Path dataDirectory) throws IOException {
		EmbeddedPostgresServer.stopOrphan(dataDirectory);
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			OwnedPostgres postgres = new OwnedPostgres(dataDirectory, socket.getLocalPort());
			socket.close();
			postgres.start();
			return postgres;
		}
	}

	/** Starts the server again, on the same data and port. */
	public void start() throws IOException {
		Path log = this.dataDirectory.resolveSibling("owned-postgres.log");
		this.server = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(this.port)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setPGStartupWait(Duration.ofSeconds(60))
			.setOutputRedirector(Redirect.appendTo(log.toFile()))
			.setErrorRedirector(Redirect.appendTo(log.toFile()))
			.start();
	}

	/** Stops the server (its clients' connections end). */
	public void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	/** The settings that point etl.jar's warehouse and in-store database at it. */
	public Map<String, String> environment() {
		String url = "jdbc:postgresql://127.0.0.1:" + this.port + "/";
		// a server that goes away fails the run after 3 s, not the default 30 s
		return Map.of("ETL_WAREHOUSE_URL", url + "warehouse", "ETL_WAREHOUSE_USER", "postgres",
				"ETL_WAREHOUSE_PASSWORD", "", "ETL_WAREHOUSE_CONNECTION_TIMEOUT", "3s", "ETL_INSTORE_URL",
				url + "instore", "ETL_INSTORE_USER", "postgres", "ETL_INSTORE_PASSWORD", "",
				"ETL_INSTORE_CONNECTION_TIMEOUT", "3s");
	}

	public DriverManagerDataSource dataSource(String database) {
		return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database, "postgres", "");
	}

	@Override
	public void close() throws IOException {
		stop();
	}

}
