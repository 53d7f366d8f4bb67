package com.widgetsunlimited.etl.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.env.EmbeddedPostgresServer;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

class EmbeddedPostgresWarehouseSchemaIntegrationTests extends AbstractWarehouseSchemaIntegrationTests {

	private Path dataDirectory;

	private EmbeddedPostgresServer server;

	@Override
	protected DataSource openDatabase() throws Exception {
		this.dataDirectory = Files.createTempDirectory("etl-embedded-pg");
		this.server = EmbeddedPostgresServer.start(this.dataDirectory.resolve("postgres"), Duration.ofSeconds(60));
		return new DriverManagerDataSource(this.server.jdbcUrl("warehouse"), this.server.user(), "");
	}

	@Override
	protected void closeDatabase() throws Exception {
		this.server.close();
		FileSystemUtils.deleteRecursively(this.dataDirectory);
	}

	@Override
	protected String expectedDialect() {
		return "postgresql";
	}

}
