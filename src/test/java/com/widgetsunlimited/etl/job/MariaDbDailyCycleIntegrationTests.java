package com.widgetsunlimited.etl.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.World;

/**
 * The daily cycle's end-to-end scenarios with the warehouse and the job repository on the
 * MariaDB server (the MySQL family's dialect); beside the demo, the same demo on the
 * embedded environment's PostgreSQL warehouse, which must print the same days and
 * warehouse line for line.
 */
class MariaDbDailyCycleIntegrationTests extends AbstractDailyCycleIntegrationTests {

	@Override
	protected World newWorld() throws Exception {
		return World.withMariaDbWarehouse("etl-daily-cycle-mariadb", TestDatabases::mariaDb);
	}

	@Override
	protected String warehouseSchemas() {
		return "table_schema = DATABASE()";
	}

	@Override
	protected Result besideTheDemo(Callable<Result> demo) throws Exception {
		Path embedded = Files.createTempDirectory("etl-demo-embedded");
		Process onPostgres = EtlProcess.start(embedded, Map.of(), "--job=demo");
		demo.call();
		return EtlProcess.finish(onPostgres, embedded, "--job=demo");
	}

}
