package com.widgetsunlimited.etl.ingest.csv;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class PostgresHostileDropStepIntegrationTests extends AbstractHostileDropStepIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.postgresServer();
	}

}
