package com.widgetsunlimited.etl.warehouse;

import java.util.Map;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.env.RewordedMigrations;

import com.widgetsunlimited.etl.warehouse.migration.R__Table_and_column_comments;
import com.widgetsunlimited.etl.warehouse.migration.V1__Spring_Batch_job_repository;
import com.widgetsunlimited.etl.warehouse.migration.V5__Raw_layer;
import com.widgetsunlimited.etl.warehouse.migration.V9__Sales_fact_business_date_block_range_index;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The warehouse's schema (docs/warehouse.md) and the job repository beside it, as Flyway
 * migrations in {@code db/warehouse}: one set for every database, with the few type
 * differences taken from {@link WarehouseDialect#schemaPlaceholders()}.
 */
public final class WarehouseSchema {

	/** Migrations 2 and 3, whose first comment line now points into docs/. */
	private static final RewordedMigrations REWORDED = new RewordedMigrations(
			Map.of("2", new int[] { 1371708513, 1490299830 }, "3", new int[] { 1938071700, -1825258588 }));

	private WarehouseSchema() {
	}

	/** Brings the warehouse behind {@code dataSource} to the newest schema version. */
	public static MigrateResult migrate(DataSource dataSource, WarehouseDialect dialect) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/warehouse")
			.javaMigrations(new V1__Spring_Batch_job_repository(), new V5__Raw_layer(),
					new V9__Sales_fact_business_date_block_range_index(), new R__Table_and_column_comments())
			.placeholders(dialect.schemaPlaceholders())
			.callbacks(REWORDED)
			.load()
			.migrate();
	}

}
