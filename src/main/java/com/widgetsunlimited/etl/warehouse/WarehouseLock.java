package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The claim of one process on loading a warehouse: a lock of the warehouse database
 * itself (PostgreSQL's session advisory lock, MySQL's and MariaDB's named lock), held on
 * a connection of its own. Two processes that load days at the same time would read the
 * same current versions and both close them, or fix overlapping Kafka slices; with the
 * lock, the second is refused before it starts. The database releases the lock when the
 * holder's connection ends, however the holder ends, so a killed run never blocks the
 * next one.
 */
public final class WarehouseLock implements AutoCloseable {

	/** PostgreSQL's advisory locks are per database: one number for all. */
	private static final long POSTGRES_KEY = 0x45544C4C4F4144L;

	/** MySQL's named locks are per server: the name includes the database. */
	private static final String MYSQL_NAME = "CONCAT('etl.load.', DATABASE())";

	private final Connection connection;

	private final boolean postgres;

	private WarehouseLock(Connection connection, boolean postgres) {
		this.connection = connection;
		this.postgres = postgres;
	}

	/**
	 * Takes the lock of {@code warehouse} without waiting.
	 * @return the lock, or empty when another process holds it
	 */
	public static Optional<WarehouseLock> tryAcquire(WarehouseDatabase warehouse) {
		boolean postgres = warehouse.dialect() instanceof PostgresDialect;
		Connection connection = null;
		try {
			connection = warehouse.dataSource().getConnection();
			connection.setAutoCommit(true);
			boolean acquired;
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery(postgres ? "SELECT pg_try_advisory_lock(" + POSTGRES_KEY + ")"
							: "SELECT GET_LOCK(" + MYSQL_NAME + ", 0)")) {
				rs.next();
				acquired = postgres ? rs.getBoolean(1) : rs.getInt(1) == 1;
			}
			if (!acquired) {
				connection.close();
				return Optional.empty();
			}
			return Optional.of(new WarehouseLock(connection, postgres));
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("Cannot lock the warehouse: " + ex.getMessage(), ex);
		}
	}

	/** Releases the lock (ending the process does too). */
	@Override
	public void close() {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(this.postgres ? "SELECT pg_advisory_unlock(" + POSTGRES_KEY + ")"
					: "SELECT RELEASE_LOCK(" + MYSQL_NAME + ")");
		}
		catch (SQLException ex) {
			// the connection is gone, and the lock with it
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// nothing more to release
			}
		}
	}

}
