package com.widgetsunlimited.etl.operations.instore;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-store database, its schema brought up to date before any job runs. */
@Configuration(proxyBeanMethods = false)
public class InstoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(InstoreConfiguration.class);

	/**
	 * The in-store system's database, migrated; inject this rather than the raw data
	 * source.
	 */
	@Bean
	InstoreDatabase instoreDatabase(@Qualifier("instoreDataSource") DataSource instoreDataSource) {
		var result = InstoreSchema.migrate(instoreDataSource);
		if (result.migrationsExecuted > 0) {
			log.info("In-store database migrated to schema version {}", result.targetSchemaVersion);
		}
		return new InstoreDatabase(instoreDataSource);
	}

	/** The in-store system's database with its schema in place. */
	public record InstoreDatabase(DataSource dataSource) {
	}

}
