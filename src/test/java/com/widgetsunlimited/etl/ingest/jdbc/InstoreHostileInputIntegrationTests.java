package com.widgetsunlimited.etl.ingest.jdbc;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.source.InstoreDatabase;
import com.widgetsunlimited.etl.operations.instore.InstoreSchema;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile in-store rows on a real PostgreSQL server: each is staged verbatim or rejected
 * with its table, key and reason; text that is not UTF-8, or holds NUL, cannot even be
 * written there.
 */
class InstoreHostileInputIntegrationTests {

	static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	static final String SQL = "'; DROP TABLE instore.store_sales; -- O'Brien \\ \"x\" \\\"";

	@Test
	void hostileRows_areStagedVerbatimOrRejectedWithTableKeyAndReason_andBadTextCannotBeWritten() throws Exception {
		try (TestDatabase database = TestDatabases.postgresServer()) {
			// given
			DataSource dataSource = database.dataSource();
			InstoreSchema.migrate(dataSource);
			JdbcTemplate instore = new JdbcTemplate(dataSource);
			instore.update("INSERT INTO instore.store (store_id, name, manager_name, inserted_at, updated_at) "
					+ "VALUES (1, ?, ?, '2024-01-01 09:00', '2024-01-01 09:00')", SQL, SQL);
			String sale = "INSERT INTO instore.store_sales (store_sales_id, store_id, product_id, quantity, unit_price, "
					+ "total_price, transaction_type, transaction_date, inserted_at, updated_at) "
					+ "VALUES (?, ?, 5, ?, 2.50, 5.00, 'SALE', CAST(? AS TIMESTAMP), '2024-01-01 10:00', '2024-01-01 10:00')";
			instore.update(sale, 10, 1, 2, "2024-01-01 10:00");
			instore.update(sale, 11, 1, 2, "99999-01-01 10:00");
			instore.update(sale, 12, 1, -2, "2024-01-01 10:00");
			instore.update(sale, 13, 99, 1, "2024-01-01 10:00");

			// then: PostgreSQL refuses text that is not UTF-8 or holds NUL
			assertThatThrownBy(() -> instore.update(
					"UPDATE instore.store SET name = convert_from('\\xc328'::bytea, " + "'UTF8') WHERE store_id = 1"))
				.hasMessageContaining("invalid byte sequence for encoding \"UTF8\"");
			assertThatThrownBy(() -> instore.update("UPDATE instore.store SET name = ? WHERE store_id = 1", "a\u0000b"))
				.hasMessageContaining("0x00");

			// when
			List<Ingested> stores = ingest(dataSource, Entity.STORE);
			List<Ingested> sales = ingest(dataSource, Entity.STORE_SALES);

			// then
			assertThat(stores).singleElement().satisfies((store) -> {
				assertThat(store.staged().row().string("name")).isEqualTo(SQL);
				assertThat(store.staged().row().string("manager_name")).isEqualTo(SQL);
			});
			assertThat(sales).hasSize(4);
			assertThat(sales.get(0).staged().row().key()).isEqualTo(10L);
			assertThat(sales.subList(1, 4)).extracting((item) -> item.reject().origin())
				.containsExactly("instore.store_sales:11", "instore.store_sales:12", "instore.store_sales:13");
			assertThat(sales.subList(1, 4)).extracting((item) -> item.reject().reason())
				.containsExactly("transaction_date is in year 99999, outside the years 1 to 9999 the warehouse stores",
						"quantity is -2: a sale, return or stock movement moves at least one item",
						"store 99 does not exist in instore.store");
			assertThat(instore.queryForObject("SELECT COUNT(*) FROM instore.store_sales", Integer.class)).isEqualTo(4);
		}
	}

	private static List<Ingested> ingest(DataSource dataSource, Entity entity) throws Exception {
		String snapshot = new JdbcTemplate(dataSource).queryForObject("SELECT CAST(pg_current_snapshot() AS TEXT)",
				String.class);
		JdbcCursorItemReader<Row> reader = InstoreIngestConfiguration.instoreRowReader(new InstoreDatabase(dataSource),
				new InstoreSnapshots.Window(snapshot, null), Duration.ofDays(1), entity, DAY);
		InstoreRowValidator validator = new InstoreRowValidator(DAY, Set.of(1L));
		reader.open(new ExecutionContext());
		List<Ingested> ingested = new ArrayList<>();
		try {
			for (Row row = reader.read(); row != null; row = reader.read()) {
				ingested.add(validator.process(row));
			}
		}
		finally {
			reader.close();
		}
		return ingested;
	}

}
