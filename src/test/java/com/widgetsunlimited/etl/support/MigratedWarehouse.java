package com.widgetsunlimited.etl.support;

import com.widgetsunlimited.etl.env.DataSources;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import com.widgetsunlimited.etl.warehouse.WarehouseSchema;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A test database holding the warehouse schema, reached through a pool set up as the
 * application sets up its own (batches as multi-row statements, the same session
 * options). Closing it closes the pool, then drops the database.
 *
 * @param database the database, dropped on close
 * @param pool the pool of connections to it
 * @param warehouse the pool with the database's dialect
 */
public record MigratedWarehouse(TestDatabase database, HikariDataSource pool,
		WarehouseDatabase warehouse) implements AutoCloseable {

	/** Migrates {@code database} to the warehouse schema. */
	public static MigratedWarehouse of(TestDatabase database) {
		HikariDataSource pool = DataSources.pooled("warehouse", database.url(), database.user(), database.password());
		try {
			WarehouseDialect dialect = WarehouseDialect.of(pool);
			WarehouseDialect.checkSession(pool, dialect);
			WarehouseSchema.migrate(pool, dialect);
			return new MigratedWarehouse(database, pool, new WarehouseDatabase(pool, dialect));
		}
		catch (RuntimeException ex) {
			pool.close();
			database.close();
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			this.pool.close();
		}
		finally {
			this.database.close();
		}
	}

}
