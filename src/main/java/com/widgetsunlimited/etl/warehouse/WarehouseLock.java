package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

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

	/** The locks this process holds. */
	private static final AtomicInteger HELD_HERE = new AtomicInteger();

	private final Connection connection;

	private final WarehouseDialect dialect;

	private WarehouseLock(Connection connection, WarehouseDialect dialect) {
		this.connection = connection;
		this.dialect = dialect;
	}

	/**
	 * Takes the lock of {@code warehouse} without waiting.
	 * @return the lock, or empty when another process holds it
	 */
	public static Optional<WarehouseLock> tryAcquire(WarehouseDatabase warehouse) {
		WarehouseDialect dialect = warehouse.dialect();
		Connection connection = null;
		try {
			connection = warehouse.dataSource().getConnection();
			connection.setAutoCommit(true);
			boolean acquired;
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery(dialect.tryLockWarehouse())) {
				rs.next();
				acquired = rs.getBoolean(1);
			}
			if (!acquired) {
				connection.close();
				return Optional.empty();
			}
			HELD_HERE.incrementAndGet();
			return Optional.of(new WarehouseLock(connection, dialect));
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("Cannot lock the warehouse: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether this process holds a warehouse's lock: then no other process, on any host,
	 * loads that warehouse, and a load it left marked running is stale.
	 */
	public static boolean isHeldHere() {
		return HELD_HERE.get() > 0;
	}

	/** Releases the lock (ending the process does too). */
	@Override
	public void close() {
		HELD_HERE.decrementAndGet();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(this.dialect.unlockWarehouse());
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
