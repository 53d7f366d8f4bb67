package com.widgetsunlimited.etl.warehouse;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class PostgresServerWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.postgresServer();
	}

	@Override
	protected String expectedDialect() {
		return "postgresql";
	}

}
