package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.env.InvalidSettingException;
import com.widgetsunlimited.etl.env.RewordedMigrations;

import com.widgetsunlimited.etl.warehouse.migration.R__Table_and_column_comments;
import com.widgetsunlimited.etl.warehouse.migration.V1__Spring_Batch_job_repository;
import com.widgetsunlimited.etl.warehouse.migration.V5__Raw_layer;
import com.widgetsunlimited.etl.warehouse.migration.V9__Sales_fact_business_date_block_range_index;
import com.widgetsunlimited.etl.warehouse.migration.V12__Work_tables_and_publications;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
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
					new V9__Sales_fact_business_date_block_range_index(), new V12__Work_tables_and_publications(),
					new R__Table_and_column_comments())
			.placeholders(dialect.schemaPlaceholders())
			.callbacks(REWORDED)
			.load()
			.migrate();
	}

	/**
	 * {@link #migrate}, with what the user can do when the database cannot take the
	 * warehouse: one that holds another application's tables and no migration history of
	 * ours (Flyway would advise {@code baseline()}, which would skip creating the
	 * warehouse), or a user without the privilege to create tables. Both are settings to
	 * fix, not outages.
	 * @throws InvalidSettingException naming the setting, in either case
	 */
	public static MigrateResult migrateOrExplain(DataSource dataSource, WarehouseDialect dialect) {
		try {
			return migrate(dataSource, dialect);
		}
		catch (FlywayException ex) {
			String[] server = server(dataSource);
			if (String.valueOf(ex.getMessage()).contains("but no schema history table")) {
				throw new InvalidSettingException("etl.warehouse.url", server[0],
						"the database holds tables of another application and no history of this warehouse's "
								+ "migrations: give the warehouse a database (MySQL, MariaDB) or schema (PostgreSQL) "
								+ "of its own",
						ex);
			}
			for (Throwable cause = ex; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
				if (cause instanceof SQLException sql && ("42501".equals(sql.getSQLState())
						|| (sql.getSQLState() != null && sql.getSQLState().equals("42000")
								&& String.valueOf(sql.getMessage()).contains("denied")))) {
					throw new InvalidSettingException("etl.warehouse.user", server[1],
							"may not create the warehouse's tables in " + server[0] + ": "
									+ sql.getMessage().lines().findFirst().orElse("")
									+ " (grant the user every privilege on the warehouse's database or schema)",
							ex);
				}
			}
			throw ex;
		}
	}

	/** The URL and user of {@code dataSource}'s connections. */
	private static String[] server(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return new String[] { connection.getMetaData().getURL(), connection.getMetaData().getUserName() };
		}
		catch (SQLException ex) {
			return new String[] { "?", "?" };
		}
	}

}
