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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

	private TestDatabase instoreDatabase;

	private MigratedWarehouse warehouse;

	private InstoreDatabase instore;

	private InstoreSnapshots snapshots;

	private JdbcTemplate jdbc;

	@BeforeEach
	void migrateAnInstoreDatabase_andAWarehouse() {
		this.instoreDatabase = TestDatabases.postgresServer();
		this.warehouse = MigratedWarehouse.of(TestDatabases.postgresServer());
		InstoreSchema.migrate(this.instoreDatabase.dataSource());
		this.instore = new InstoreDatabase(this.instoreDatabase.dataSource());
		this.snapshots = new InstoreSnapshots(this.warehouse.pool(), this.instore.dataSource());
		this.jdbc = new JdbcTemplate(this.instore.dataSource());
	}

	@AfterEach
	void dropThem() {
		this.warehouse.close();
		this.instoreDatabase.close();
	}

	@Test
	void aTransactionOpenAcrossTheWindowsEnd_committedAfterWithAnOldUpdatedAt_isReadByTheNextDay_andOnlyThere()
			throws Exception {
		this.jdbc.update(STORE, 1, "2024-01-01 09:00", "2024-01-01 09:00");
		List<Long> day1;
		List<Long> day2;
		try (Connection open = this.instoreDatabase.dataSource().getConnection()) {
			// given: a transaction stamps store 2 at 10:00 on day 1 and stays open
			open.setAutoCommit(false);
			try (Statement statement = open.createStatement()) {
				statement.executeUpdate("INSERT INTO instore.store (store_id, name, manager_name, inserted_at, "
						+ "updated_at) VALUES (2, 'Late', 'Ada', '2024-01-01 10:00', '2024-01-01 10:00')");
			}

			// when: day 1 is extracted while it is open; it commits afterwards
			day1 = read(this.instore, this.snapshots, DAY_1);
			open.commit();
		}
		this.jdbc.update(STORE, 3, "2024-01-02 08:00", "2024-01-02 08:00");
		day2 = read(this.instore, this.snapshots, DAY_2);

		// then: day 2 reads the late row and its own; each day read again reads the
		// same
		assertThat(day1).containsExactly(1L);
		assertThat(day2).containsExactly(2L, 3L);
		assertThat(read(this.instore, this.snapshots, DAY_1)).containsExactly(1L);
		assertThat(read(this.instore, this.snapshots, DAY_2)).containsExactly(2L, 3L);
		// a row stamped in day 2 that commits after day 2 was read waits for day 3,
		// rather than changing what day 2 reads
		this.jdbc.update(STORE, 4, "2024-01-02 23:00", "2024-01-02 23:00");
		assertThat(read(this.instore, this.snapshots, DAY_2)).containsExactly(2L, 3L);
		assertThat(read(this.instore, this.snapshots, DAY_2.plusDays(1))).containsExactly(4L);
	}

	@Test
	void aRowDeletedInTheShop_isLoggedByItsTrigger_andReadAsADeleteByTheDayOfItsDeletion_orTheNextWhenLate()
			throws Exception {
		for (long store = 1; store <= 3; store++) {
			this.jdbc.update(STORE, store, "2024-01-01 09:00", "2024-01-01 09:00");
		}
		String delete = "WITH t AS (SELECT set_config('instore.deleted_at', ?, TRUE)) DELETE FROM instore.store "
				+ "WHERE store_id = ? AND EXISTS (SELECT 1 FROM t)";
		List<Row> day2;
		try (Connection open = this.instoreDatabase.dataSource().getConnection()) {
			// given: store 1 deleted at 10:00 on day 2; store 2 deleted at 11:00 by a
			// transaction still open when day 2 is read; store 3 deleted with no time
			// set (a shop's own delete)
			this.jdbc.update(delete, "2024-01-02 10:00:00", 1L);
			open.setAutoCommit(false);
			try (var statement = open.prepareStatement(delete)) {
				statement.setString(1, "2024-01-02 11:00:00");
				statement.setLong(2, 2L);
				statement.executeUpdate();
			}
			this.jdbc.update("DELETE FROM instore.store WHERE store_id = 3");

			// when
			day2 = deleted(this.instore, this.snapshots, DAY_2);
			open.commit();
		}

		// then: each day reads the deletions its snapshot sees, as deletes of the key
		// at the time of the deletion
		assertThat(day2).singleElement().satisfies((row) -> {
			assertThat(row.key()).isEqualTo(1L);
			assertThat(row.complete()).isFalse();
			assertThat(row.timestamp("updated_at")).isEqualTo(java.time.Instant.parse("2024-01-02T10:00:00Z"));
			assertThat(row.string("name")).isNull();
		});
		assertThat(deleted(this.instore, this.snapshots, DAY_2.plusDays(1))).extracting(Row::key).containsExactly(2L);
		assertThat(deleted(this.instore, this.snapshots, DAY_2)).extracting(Row::key).containsExactly(1L);
		assertThat(this.jdbc.queryForObject(
				"SELECT deleted_at > CAST(clock_timestamp() AT TIME ZONE 'UTC' AS TIMESTAMP) - INTERVAL '1 hour' FROM "
						+ "instore.deleted_row WHERE row_id = 3",
				Boolean.class))
			.as("a delete with no time set is logged at the clock's")
			.isTrue();
	}

	private static List<Row> deleted(InstoreDatabase instore, InstoreSnapshots snapshots, LocalDate date)
			throws Exception {
		return readAll(InstoreIngestConfiguration.deletedRowReader(instore, snapshots.window(date), Duration.ofDays(1),
				Entity.STORE, date));
	}

	private static List<Long> read(InstoreDatabase instore, InstoreSnapshots snapshots, LocalDate date)
			throws Exception {
		return readAll(InstoreIngestConfiguration.instoreRowReader(instore, snapshots.window(date), Duration.ofDays(1),
				Entity.STORE, date))
			.stream()
			.map(Row::key)
			.toList();
	}

	private static List<Row> readAll(JdbcCursorItemReader<Row> reader) throws Exception {
		reader.open(new ExecutionContext());
		List<Row> rows = new ArrayList<>();
		try {
			for (Row row = reader.read(); row != null; row = reader.read()) {
				rows.add(row);
			}
		}
		finally {
			reader.close();
		}
		return rows;
	}

}
