package com.widgetsunlimited.etl.transform;

import org.junit.jupiter.api.Test;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTransformIntegrationTests extends AbstractTransformIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.postgresServer();
	}

	@Test
	void warehouseSessions_planWithTheRandomPageCostOfSsdOrCachedData_andCompileNoQuery() {
		// the server's default is 4
		assertThat(this.jdbc.queryForObject("SHOW random_page_cost", String.class)).isEqualTo("1.1");
		// the server's default is on
		assertThat(this.jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
	}

}
