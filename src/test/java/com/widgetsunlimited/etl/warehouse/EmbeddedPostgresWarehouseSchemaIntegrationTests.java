package com.widgetsunlimited.etl.warehouse;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class EmbeddedPostgresWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	@Override
	protected TestDatabase openDatabase() throws Exception {
		return TestDatabases.embeddedPostgres("warehouse");
	}

	@Override
	protected String expectedDialect() {
		return "postgresql";
	}

}
