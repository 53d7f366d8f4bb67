package com.widgetsunlimited.etl.warehouse;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

/**
 * The warehouse schema through mysql-connector-j ({@code jdbc:mysql:}), the driver of a
 * MySQL 8 warehouse, against the MariaDB server: migrations, comments and column
 * definitions as that driver reports them.
 */
class MySqlDriverWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.mariaDbThroughTheMySqlDriver();
	}

	@Override
	protected String expectedDialect() {
		return "mariadb";
	}

}
