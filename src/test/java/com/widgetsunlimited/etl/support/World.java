package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.widgetsunlimited.etl.env.EmbeddedPostgresServer;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The world of a test that runs etl.jar as a process ({@link Worlds}: a working directory
 * with the embedded environment and staging) and the warehouse its runs load: the
 * embedded PostgreSQL's own {@code warehouse} database, or a database on a server. The
 * in-store database and the broker are always the embedded ones.
 */
public final class World implements AutoCloseable {

	private final Path directory;

	private final TestDatabase warehouse;

	private final Supplier<TestDatabase> databases;

	private World(Path directory, TestDatabase warehouse, Supplier<TestDatabase> databases) {
		this.directory = directory;
		this.warehouse = warehouse;
		this.databases = databases;
	}

	/** A new, empty world whose warehouse is the embedded one. */
	public static World embedded(String prefix) throws IOException {
		return new World(Files.createTempDirectory(prefix), null, null);
	}

	/**
	 * A new, empty world whose warehouse is a new MariaDB database from
	 * {@code databases}, dropped on close; its copies' come from there too.
	 */
	public static World withMariaDbWarehouse(String prefix, Supplier<TestDatabase> databases) throws IOException {
		return new World(Files.createTempDirectory(prefix), databases.get(), databases);
	}

	public Path directory() {
		return this.directory;
	}

	/** Whether the warehouse is the embedded environment's PostgreSQL. */
	public boolean embeddedWarehouse() {
		return this.warehouse == null;
	}

	/** The settings that point etl.jar at the world's warehouse. */
	public Map<String, String> environment() {
		if (this.warehouse == null) {
			return Map.of();
		}
		return Map.of("ETL_WAREHOUSE_URL", this.warehouse.url(), "ETL_WAREHOUSE_USER", this.warehouse.user(),
				"ETL_WAREHOUSE_PASSWORD", this.warehouse.password());
	}

	/**
	 * A copy of the world, whose processes have ended, with a copy of its warehouse: what
	 * one run does to it leaves this world as it was.
	 */
	public World copy(String prefix) throws IOException, InterruptedException {
		Path copy = Worlds.copy(this.directory, prefix);
		if (this.warehouse == null) {
			return new World(copy, null, null);
		}
		return new World(copy, TestDatabases.copyOfMariaDb(this.warehouse, this.databases.get()), this.databases);
	}

	/**
	 * Starts the world's embedded PostgreSQL (its runs must have ended) and opens the
	 * in-store database and the warehouse.
	 */
	public Opened open() {
		EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.directory.resolve("data/postgres"),
				Duration.ofSeconds(60));
		JdbcTemplate instore = jdbc(postgres, "instore");
		JdbcTemplate warehouse = (this.warehouse != null) ? new JdbcTemplate(this.warehouse.dataSource())
				: jdbc(postgres, "warehouse");
		return new Opened(postgres, instore, warehouse);
	}

	/**
	 * A connection to the warehouse while a run of the world has it open: the MariaDB
	 * database, or the embedded PostgreSQL that the run started (its port is the fourth
	 * line of {@code postmaster.pid}); empty while no server runs.
	 */
	public Optional<Connection> connectWhileRunning() {
		try {
			if (this.warehouse != null) {
				return Optional.of(DriverManager.getConnection(this.warehouse.url(), this.warehouse.user(),
						this.warehouse.password()));
			}
			Path pid = this.directory.resolve("data/postgres/postmaster.pid");
			List<String> lines = Files.exists(pid) ? Files.readAllLines(pid) : List.of();
			if (lines.size() < 4 || lines.get(3).isBlank()) {
				return Optional.empty();
			}
			return Optional.of(DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/warehouse?connectTimeout=2", "postgres",
					""));
		}
		catch (IOException | SQLException ex) {
			return Optional.empty();
		}
	}

	private static JdbcTemplate jdbc(EmbeddedPostgresServer server, String database) {
		return new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(database), server.user(), ""));
	}

	@Override
	public void close() {
		if (this.warehouse != null) {
			this.warehouse.close();
		}
	}

	/** A world's databases, open until closed. */
	public record Opened(EmbeddedPostgresServer postgres, JdbcTemplate instore,
			JdbcTemplate warehouse) implements AutoCloseable {

		@Override
		public void close() {
			this.postgres.close();
		}

	}

}
