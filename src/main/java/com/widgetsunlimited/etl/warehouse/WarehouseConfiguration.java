package com.widgetsunlimited.etl.warehouse;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The warehouse database, its schema brought up to date before any job runs. */
@Configuration(proxyBeanMethods = false)
public class WarehouseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WarehouseConfiguration.class);

	@Bean
	WarehouseDatabase warehouseDatabase(DataSource warehouseDataSource) {
		WarehouseDialect dialect = WarehouseDialect.of(warehouseDataSource);
		WarehouseDialect.checkSession(warehouseDataSource, dialect);
		var result = WarehouseSchema.migrateOrExplain(warehouseDataSource, dialect);
		if (result.migrationsExecuted > 0) {
			log.info("Warehouse ({}) migrated to schema version {}", dialect.name(), result.targetSchemaVersion);
		}
		return new WarehouseDatabase(warehouseDataSource, dialect);
	}

	@Bean
	WarehouseDialect warehouseDialect(WarehouseDatabase warehouseDatabase) {
		return warehouseDatabase.dialect();
	}

	/**
	 * The warehouse with its schema in place; inject this rather than the raw data
	 * source.
	 */
	public record WarehouseDatabase(DataSource dataSource, WarehouseDialect dialect) {
	}

}
