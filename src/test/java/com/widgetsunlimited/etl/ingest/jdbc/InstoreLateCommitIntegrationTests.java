package com.widgetsunlimited.etl.ingest.jdbc;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.source.InstoreDatabase;
import com.widgetsunlimited.etl.operations.instore.InstoreSchema;
import com.widgetsunlimited.etl.support.MigratedWarehouse;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-store extraction on a real PostgreSQL server misses no committed change: a row
 * whose transaction stamped it inside day 1 but committed after day 1 was extracted is
 * read by day 2; a restart or rerun of either day reads the same rows again.
 */
class InstoreLateCommitIntegrationTests {

	static final LocalDate DAY_1 = LocalDate.of(2024, 1, 1);

	static final LocalDate DAY_2 = DAY_1.plusDays(1);

	static final String STORE = "INSERT INTO instore.store (store_id, name, manager_name, inserted_at, updated_at) "
			+ "VALUES (?, 'Store', 'Grace Hopper', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))";

	@Test
	void aTransactionOpenAcrossTheWindowsEnd_committedAfterWithAnOldUpdatedAt_isReadByTheNextDay_andOnlyThere()
			throws Exception {
		try (TestDatabase instoreDatabase = TestDatabases.postgresServer();
				MigratedWarehouse warehouse = MigratedWarehouse.of(TestDatabases.postgresServer())) {
			InstoreSchema.migrate(instoreDatabase.dataSource());
			InstoreDatabase instore = new InstoreDatabase(instoreDatabase.dataSource());
			InstoreSnapshots snapshots = new InstoreSnapshots(warehouse.pool(), instore.dataSource());
			JdbcTemplate jdbc = new JdbcTemplate(instore.dataSource());
			jdbc.update(STORE, 1, "2024-01-01 09:00", "2024-01-01 09:00");
			List<Long> day1;
			List<Long> day2;
			try (Connection open = instoreDatabase.dataSource().getConnection()) {
				// given: a transaction stamps store 2 at 10:00 on day 1 and stays open
				open.setAutoCommit(false);
				try (Statement statement = open.createStatement()) {
					statement.executeUpdate("INSERT INTO instore.store (store_id, name, manager_name, inserted_at, "
							+ "updated_at) VALUES (2, 'Late', 'Ada', '2024-01-01 10:00', '2024-01-01 10:00')");
				}

				// when: day 1 is extracted while it is open; it commits afterwards
				day1 = read(instore, snapshots, DAY_1);
				open.commit();
			}
			jdbc.update(STORE, 3, "2024-01-02 08:00", "2024-01-02 08:00");
			day2 = read(instore, snapshots, DAY_2);

			// then: day 2 reads the late row and its own; each day read again reads the
			// same
			assertThat(day1).containsExactly(1L);
			assertThat(day2).containsExactly(2L, 3L);
			assertThat(read(instore, snapshots, DAY_1)).containsExactly(1L);
			assertThat(read(instore, snapshots, DAY_2)).containsExactly(2L, 3L);
			// a row stamped in day 2 that commits after day 2 was read waits for day 3,
			// rather than changing what day 2 reads
			jdbc.update(STORE, 4, "2024-01-02 23:00", "2024-01-02 23:00");
			assertThat(read(instore, snapshots, DAY_2)).containsExactly(2L, 3L);
			assertThat(read(instore, snapshots, DAY_2.plusDays(1))).containsExactly(4L);
		}
	}

	private static List<Long> read(InstoreDatabase instore, InstoreSnapshots snapshots, LocalDate date)
			throws Exception {
		JdbcCursorItemReader<Row> reader = InstoreIngestConfiguration.instoreRowReader(instore, snapshots.window(date),
				Duration.ofDays(1), Entity.STORE, date);
		reader.open(new ExecutionContext());
		List<Long> keys = new ArrayList<>();
		try {
			for (Row row = reader.read(); row != null; row = reader.read()) {
				keys.add(row.key());
			}
		}
		finally {
			reader.close();
		}
		return keys;
	}

}
