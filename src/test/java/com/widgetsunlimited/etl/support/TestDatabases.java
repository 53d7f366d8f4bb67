package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.env.EmbeddedPostgresServer;
import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Fresh, empty databases on the real servers the integration tests need: PostgreSQL on
 * 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 (override with
 * ETL_TEST_POSTGRES_URL/_USER/_PASSWORD and ETL_TEST_MARIADB_URL/_USER/_PASSWORD). In CI
 * ({@code CI=true}) a missing server fails the test; elsewhere the test is skipped with a
 * message saying how to start the server.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * A new database on the PostgreSQL server, dropped on {@link TestDatabase#close()}.
	 */
	public static TestDatabase postgresServer() {
		String server = env("ETL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
		String user = env("ETL_TEST_POSTGRES_USER", "postgres");
		String password = env("ETL_TEST_POSTGRES_PASSWORD", "");
		String name = uniqueName();
		execute(server + "postgres", user, password, "CREATE DATABASE " + name, "PostgreSQL");
		return new TestDatabase(server + name, user, password, () -> execute(server + "postgres", user, password,
				"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "PostgreSQL"));
	}

	/** A new database on the MariaDB server, dropped on {@link TestDatabase#close()}. */
	public static TestDatabase mariaDb() {
		String server = env("ETL_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
		String user = env("ETL_TEST_MARIADB_USER", "root");
		String password = env("ETL_TEST_MARIADB_PASSWORD", "");
		String name = uniqueName();
		execute(server, user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4", "MariaDB");
		return new TestDatabase(server + name, user, password,
				() -> execute(server, user, password, "DROP DATABASE IF EXISTS " + name, "MariaDB"));
	}

	/**
	 * A new database on the MariaDB server reached through MySQL's own driver
	 * (mysql-connector-j, {@code jdbc:mysql:}), the path a MySQL 8 warehouse takes: no
	 * MySQL server can be installed here, and MariaDB speaks MySQL's protocol.
	 */
	public static TestDatabase mariaDbThroughTheMySqlDriver() {
		TestDatabase database = mariaDb();
		// the driver reports tables' comments from information_schema only when asked
		return new TestDatabase(
				database.url().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:") + "?useInformationSchema=true",
				database.user(), database.password(), database.drop());
	}

	/**
	 * {@code copy}, a new database on the MariaDB server of {@code original}, filled with
	 * a copy of it (made with the server's own {@code mariadb-dump}: tables, rows and the
	 * job repository's sequences).
	 */
	public static TestDatabase copyOfMariaDb(TestDatabase original, TestDatabase copy)
			throws IOException, InterruptedException {
		java.net.URI server = java.net.URI.create(original.url().substring("jdbc:".length()));
		List<String> client = List.of("--host=" + server.getHost(), "--port=" + server.getPort(),
				"--user=" + original.user(), "--password=" + original.password());
		List<String> dump = new ArrayList<>(List.of("mariadb-dump"));
		dump.addAll(client);
		dump.addAll(List.of("--single-transaction", "--skip-triggers", server.getPath().substring(1)));
		List<String> load = new ArrayList<>(List.of("mariadb"));
		load.addAll(client);
		load.add(copy.url().substring(copy.url().lastIndexOf('/') + 1));
		Path file = Files.createTempFile("etl-mariadb-dump", ".sql");
		try {
			run(new ProcessBuilder(dump).redirectOutput(file.toFile()));
			run(new ProcessBuilder(load).redirectInput(file.toFile()));
		}
		catch (IOException | RuntimeException ex) {
			copy.close();
			throw ex;
		}
		finally {
			Files.deleteIfExists(file);
		}
		return copy;
	}

	private static void run(ProcessBuilder command) throws IOException, InterruptedException {
		Path errors = Files.createTempFile("etl-mariadb-client", ".log");
		try {
			Process process = command.redirectError(errors.toFile()).start();
			if (process.waitFor() != 0) {
				throw new IllegalStateException(
						String.join(" ", command.command()) + " failed: " + Files.readString(errors));
			}
		}
		finally {
			Files.deleteIfExists(errors);
		}
	}

	/**
	 * A database of a new embedded PostgreSQL server in a temporary data directory;
	 * closing it stops the server and deletes the directory.
	 */
	public static TestDatabase embeddedPostgres(String database) throws IOException {
		Path dataDirectory = Files.createTempDirectory("etl-embedded-pg");
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"),
				Duration.ofSeconds(60));
		return new TestDatabase(server.jdbcUrl(database), server.user(), "", () -> {
			server.close();
			FileSystemUtils.deleteRecursively(dataDirectory.toFile());
		});
	}

	/** Whether the tests run in CI, where every server must be there. */
	public static boolean inCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	private static String uniqueName() {
		return "etl_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
	}

	private static void execute(String url, String user, String password, String sql, String server) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			String message = server + " is not reachable at " + url + " (" + ex.getMessage() + "). Start it with "
					+ "`bash .ci/services` (see README, Development).";
			if (inCi()) {
				throw new AssertionError(message, ex);
			}
			Assumptions.abort(message);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/** A database of a test, with the settings that point etl.jar at it. */
	public record TestDatabase(String url, String user, String password, Runnable drop) implements AutoCloseable {

		public DataSource dataSource() {
			return new DriverManagerDataSource(this.url, this.user, this.password);
		}

		@Override
		public void close() {
			this.drop.run();
		}

	}

}
