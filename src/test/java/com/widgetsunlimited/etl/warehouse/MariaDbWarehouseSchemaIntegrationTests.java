package com.widgetsunlimited.etl.warehouse;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class MariaDbWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.mariaDb();
	}

	@Override
	protected String expectedDialect() {
		return "mariadb";
	}

}
