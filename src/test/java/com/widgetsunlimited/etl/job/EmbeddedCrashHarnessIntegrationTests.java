package com.widgetsunlimited.etl.job;

import java.util.Map;

import com.widgetsunlimited.etl.support.OwnedPostgres;
import com.widgetsunlimited.etl.support.World;

/**
 * The crash harness on the embedded environment's own warehouse; its server stopped in
 * the middle of the web sales is the world's PostgreSQL itself, in-store database and
 * all, started by the test.
 */
class EmbeddedCrashHarnessIntegrationTests extends AbstractCrashHarnessIntegrationTests {

	/** SIGTERM, as a container or systemd stops it. */
	@Override
	protected String interruption() {
		return "TERM";
	}

	@Override
	protected World newWorld() throws Exception {
		return World.embedded("etl-crash-base");
	}

	@Override
	protected WarehouseServer warehouseServer(World world) throws Exception {
		OwnedPostgres server = OwnedPostgres.start(world.directory().resolve("data/postgres"));
		return new WarehouseServer() {

			@Override
			public Map<String, String> environment() {
				return server.environment();
			}

			@Override
			public void stop() throws Exception {
				server.stop();
			}

			@Override
			public void start() throws Exception {
				server.start();
			}

			@Override
			public void close() throws Exception {
				server.close();
			}

		};
	}

}
