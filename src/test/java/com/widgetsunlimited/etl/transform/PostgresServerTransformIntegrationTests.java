package com.widgetsunlimited.etl.transform;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class PostgresServerTransformIntegrationTests extends AbstractTransformIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.postgresServer();
	}

}
