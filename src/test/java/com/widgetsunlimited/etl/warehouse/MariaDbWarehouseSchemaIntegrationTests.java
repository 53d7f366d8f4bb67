package com.widgetsunlimited.etl.warehouse;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

class MariaDbWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	private TestDatabase database;

	@Override
	protected DataSource openDatabase() {
		this.database = TestDatabases.mariaDb();
		return this.database.dataSource();
	}

	@Override
	protected void closeDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Override
	protected String expectedDialect() {
		return "mariadb";
	}

}
