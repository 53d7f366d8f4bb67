package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.mariaDb();
	}

	@Override
	protected String expectedDialect() {
		return "mariadb";
	}

	@Test
	void aWarehouseWhoseSqlModeIsNotStrict_isRefused_namingTheMode() throws SQLException {
		// given: READ COMMITTED, but a server whose default mode truncates what does not
		// fit
		SingleConnectionDataSource lenient = new SingleConnectionDataSource(this.database.url(), this.database.user(),
				this.database.password(), true);
		lenient.getConnection().setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		new JdbcTemplate(lenient).execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");

		// when / then
		try {
			assertThatThrownBy(() -> WarehouseDialect.checkSession(lenient, new MySqlDialect("mariadb")))
				.hasMessageContaining("sql_mode 'NO_ENGINE_SUBSTITUTION' is not strict")
				.hasMessageNotContaining("isolation");
		}
		finally {
			lenient.destroy();
		}
	}

}
