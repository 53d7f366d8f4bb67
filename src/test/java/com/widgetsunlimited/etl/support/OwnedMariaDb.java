package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

import org.springframework.util.FileSystemUtils;

/**
 * A MariaDB server that a test owns and may stop and start again: the machine's own
 * {@code mariadbd} on a data directory of the test's, made by {@code mariadb-install-db},
 * always on the same port, so that etl.jar configured for it finds it again after a
 * restart. Never the shared server other tests use.
 */
public final class OwnedMariaDb implements AutoCloseable {

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private final Path directory;

	private final int port;

	private Process server;

	private OwnedMariaDb(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/** Makes a new data directory and starts a server on it, on a free port. */
	public static OwnedMariaDb startNew() throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("etl-owned-mariadb");
		Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults",
				"--datadir=" + directory.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db",
				"--user=" + System.getProperty("user.name"))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("install.log").toFile())
			.start();
		if (!install.waitFor(2, TimeUnit.MINUTES) || install.exitValue() != 0) {
			throw new IllegalStateException(
					"mariadb-install-db failed: " + Files.readString(directory.resolve("install.log")));
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		OwnedMariaDb mariaDb = new OwnedMariaDb(directory, port);
		mariaDb.start();
		return mariaDb;
	}

	/** Starts the server (again, after {@link #stop()}) on the same data and port. */
	public void start() throws IOException, InterruptedException {
		this.server = new ProcessBuilder(List.of("mariadbd", "--no-defaults",
				"--datadir=" + this.directory.resolve("data"), "--port=" + this.port, "--bind-address=127.0.0.1",
				"--socket=" + this.directory.resolve("mariadb.sock"),
				"--pid-file=" + this.directory.resolve("mariadb.pid"), "--user=" + System.getProperty("user.name"),
				"--skip-log-bin", "--innodb-buffer-pool-size=128M", "--innodb-log-file-size=32M",
				"--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("server.log").toFile()))
			.start();
		long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
		while (true) {
			try (Connection connection = DriverManager.getConnection(serverUrl(), "root", "")) {
				return;
			}
			catch (SQLException ex) {
				if (!this.server.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("The owned MariaDB server did not start: "
							+ Files.readString(this.directory.resolve("server.log")), ex);
				}
				Thread.sleep(200);
			}
		}
	}

	/** Stops the server as its administrator would (its clients' connections end). */
	public void stop() throws InterruptedException {
		if (this.server != null) {
			this.server.destroy();
			if (!this.server.waitFor(1, TimeUnit.MINUTES)) {
				this.server.destroyForcibly().waitFor();
			}
			this.server = null;
		}
	}

	/** A new, empty database on the server, dropped on close while the server runs. */
	public TestDatabase newDatabase() {
		String name = "etl_test_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		return new TestDatabase(serverUrl() + name, "root", "", () -> {
			if (this.server != null) {
				execute("DROP DATABASE IF EXISTS " + name);
			}
		});
	}

	private String serverUrl() {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/";
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(serverUrl(), "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed on the owned MariaDB server", ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

}
