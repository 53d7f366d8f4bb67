package com.widgetsunlimited.etl.warehouse.migration;

import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Spring Batch's JDBC job repository from the script that ships in
 * spring-batch-core for this database, so that the schema and the library always match
 * and Flyway records when it was applied. A Spring Batch upgrade that changes the schema
 * gets its own migration that runs the library's migration script the same way.
 */
public class V1__Spring_Batch_job_repository extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		WarehouseDialect dialect = WarehouseDialect.of(context.getConnection().getMetaData());
		ScriptUtils.executeSqlScript(context.getConnection(), new ClassPathResource(dialect.batchSchemaScript()));
	}

}
