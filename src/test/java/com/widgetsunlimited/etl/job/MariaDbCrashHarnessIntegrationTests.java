package com.widgetsunlimited.etl.job;

import java.util.HashMap;
import java.util.Map;

import com.widgetsunlimited.etl.support.OwnedMariaDb;
import com.widgetsunlimited.etl.support.World;
import org.junit.jupiter.api.AfterAll;

/**
 * The crash harness with the warehouse and the job repository on a MariaDB server of the
 * test's own (the machine's {@code mariadbd} on a data directory of the test's), which
 * the test stops in the middle of the web sales and starts again.
 */
class MariaDbCrashHarnessIntegrationTests extends AbstractCrashHarnessIntegrationTests {

	private OwnedMariaDb server;

	/** Ctrl-C, SIGINT. */
	@Override
	protected String interruption() {
		return "INT";
	}

	@Override
	protected World newWorld() throws Exception {
		this.server = OwnedMariaDb.startNew();
		return World.withMariaDbWarehouse("etl-crash-base", this.server::newDatabase);
	}

	@Override
	protected WarehouseServer warehouseServer(World world) {
		return new WarehouseServer() {

			@Override
			public Map<String, String> environment() {
				Map<String, String> environment = new HashMap<>(world.environment());
				environment.put("ETL_WAREHOUSE_CONNECTION_TIMEOUT", "3s");
				return environment;
			}

			@Override
			public void stop() throws Exception {
				MariaDbCrashHarnessIntegrationTests.this.server.stop();
			}

			@Override
			public void start() throws Exception {
				MariaDbCrashHarnessIntegrationTests.this.server.start();
			}

			@Override
			public void close() {
				// the server serves the other worlds' warehouses until the class ends
			}

		};
	}

	@AfterAll
	void stopTheServer() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
	}

}
