package com.widgetsunlimited.etl.operations.instore;

import java.util.Map;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.env.RewordedMigrations;

import com.widgetsunlimited.etl.source.InstoreDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The in-store system's schema {@code instore} (docs/sources.md) as Flyway migrations in
 * {@code db/instore}, with its own history table inside that schema. Deliberately
 * permissive (no foreign keys, no checks on quantities): the real stores write rows that
 * break the business rules, and the pipeline must see them to reject them.
 */
public final class InstoreSchema {

	/** Migration 1, whose first comment line now points into docs/. */
	private static final RewordedMigrations REWORDED = new RewordedMigrations(
			Map.of("1", new int[] { 1277596843, -113941927 }));

	private InstoreSchema() {
	}

	/**
	 * Brings the in-store database behind {@code dataSource} to the newest schema
	 * version.
	 */
	public static MigrateResult migrate(DataSource dataSource) {
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas(InstoreDatabase.SCHEMA)
			.createSchemas(true)
			.locations("classpath:db/instore")
			.callbacks(REWORDED)
			.load()
			.migrate();
	}

}
