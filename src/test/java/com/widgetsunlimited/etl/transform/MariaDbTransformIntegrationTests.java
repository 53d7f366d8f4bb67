package com.widgetsunlimited.etl.transform;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class MariaDbTransformIntegrationTests extends AbstractTransformIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.mariaDb();
	}

}
