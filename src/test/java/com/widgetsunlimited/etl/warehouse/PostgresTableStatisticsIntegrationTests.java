package com.widgetsunlimited.etl.warehouse;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a load, {@link TableStatistics} on PostgreSQL: the new business date is known to
 * the planner whatever the share of the table the load changed, and the keys are sampled
 * again only when that share is large.
 */
class PostgresTableStatisticsIntegrationTests {

	private static final LocalDate FIRST_DAY = LocalDate.of(2031, 1, 1);

	private static final int DAYS = 30;

	private static final int ROWS_A_DAY = 10_000;

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private TableStatistics statistics;

	@BeforeEach
	void holdThirtyDays() {
		this.database = TestDatabases.postgresServer();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		this.statistics = TableStatistics.of(new WarehouseDatabase(this.database.dataSource(), new PostgresDialect()),
				"history");
		this.jdbc.execute("CREATE TABLE history (id BIGINT PRIMARY KEY, business_date DATE NOT NULL, note TEXT)");
		load(0, DAYS);
		this.statistics.afterStep(completed(DAYS * ROWS_A_DAY));
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void aFirstLoad_samplesEveryDayAndTheKeys() {
		// then: thirty days, each a thirtieth
		assertThat(mostCommonDays()).hasSize(DAYS);
		assertThat(estimatedRowsOf(FIRST_DAY)).isBetween(ROWS_A_DAY / 2L, ROWS_A_DAY * 2L);
		assertThat(largestSampledKey()).isGreaterThan((DAYS - 1L) * ROWS_A_DAY);
	}

	@Test
	void aSmallShare_refreshesTheBusinessDateAlone_fromASmallSample() {
		// given: day 31, a thirty-first of the table, unknown to the statistics
		LocalDate day31 = FIRST_DAY.plusDays(DAYS);
		load(DAYS, 1);
		assertThat(estimatedRowsOf(day31)).as("before the refresh").isLessThan(100);
		long largestKey = largestSampledKey();

		// when
		this.statistics.afterStep(completed(ROWS_A_DAY));

		// then: the day is known, from the lists of a target of 10, and the keys were
		// not sampled again
		assertThat(estimatedRowsOf(day31)).isBetween(ROWS_A_DAY / 2L, ROWS_A_DAY * 2L);
		assertThat(mostCommonDays()).hasSizeLessThanOrEqualTo(10);
		assertThat(largestSampledKey()).isEqualTo(largestKey);
	}

	@Test
	void aLargeShare_samplesTheKeysAgain() {
		// given: four days at once, more than a tenth of the table
		load(DAYS, 4);

		// when
		this.statistics.afterStep(completed(4 * ROWS_A_DAY));

		// then
		assertThat(largestSampledKey()).isGreaterThan(DAYS * (long) ROWS_A_DAY);
		assertThat(estimatedRowsOf(FIRST_DAY.plusDays(DAYS + 3))).isBetween(ROWS_A_DAY / 2L, ROWS_A_DAY * 2L);
	}

	@Test
	void aFailedStep_refreshesNothing() {
		// given
		load(DAYS, 1);
		StepExecution failed = completed(ROWS_A_DAY);
		failed.setStatus(BatchStatus.FAILED);

		// when
		this.statistics.afterStep(failed);

		// then
		assertThat(estimatedRowsOf(FIRST_DAY.plusDays(DAYS))).isLessThan(100);
	}

	/** Rows of {@code days} days from day {@code firstDay} (0-based), keys in order. */
	private void load(int firstDay, int days) {
		this.jdbc.update(
				"INSERT INTO history SELECT n, ?::date + ((n - 1) / " + ROWS_A_DAY
						+ ")::int, md5(n::text) FROM generate_series(?::bigint, ?::bigint) n",
				FIRST_DAY, firstDay * (long) ROWS_A_DAY + 1, (firstDay + days) * (long) ROWS_A_DAY);
	}

	private static StepExecution completed(long writtenRows) {
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		step.setStatus(BatchStatus.COMPLETED);
		step.setWriteCount(writtenRows);
		return step;
	}

	private long estimatedRowsOf(LocalDate day) {
		List<String> plan = this.jdbc.queryForList("EXPLAIN SELECT * FROM history WHERE business_date = ?",
				String.class, day);
		Matcher rows = Pattern.compile("rows=(\\d+)").matcher(plan.get(0));
		assertThat(rows.find()).as(plan.get(0)).isTrue();
		return Long.parseLong(rows.group(1));
	}

	private List<String> mostCommonDays() {
		String days = this.jdbc.queryForObject("SELECT most_common_vals::text FROM pg_stats "
				+ "WHERE tablename = 'history' AND attname = 'business_date'", String.class);
		return (days != null) ? List.of(days.replaceAll("[{}]", "").split(",")) : List.of();
	}

	private long largestSampledKey() {
		String bounds = this.jdbc.queryForObject(
				"SELECT histogram_bounds::text FROM pg_stats WHERE tablename = 'history' AND attname = 'id'",
				String.class);
		String[] keys = bounds.replaceAll("[{}]", "").split(",");
		return Long.parseLong(keys[keys.length - 1]);
	}

}
