package com.widgetsunlimited.etl.ingest.jdbc;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.ingest.BusinessDay;
import com.widgetsunlimited.etl.ingest.IngestedItemWriter;
import com.widgetsunlimited.etl.ingest.IngestSteps;
import com.widgetsunlimited.etl.ingest.RejectCeiling;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.source.InstoreDatabase;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.CompositeItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ingestInstoreStep}: stages the in-store rows whose {@code updated_at} falls in
 * the business day and that the day's recorded transaction snapshot sees, with the rows
 * stamped in the days before (within {@code etl.ingest.late-commit-lookback}) that
 * committed only after the previous date's snapshot ({@link InstoreSnapshots}), one
 * partition per table, read in key order through a cursor with a fetch size (never a
 * whole table in memory), checked, and written in chunks to staging and
 * {@code etl_reject}; then, by the same windows, the rows of the table the database's log
 * of deletions says were deleted, staged as deletes.
 */
@Configuration(proxyBeanMethods = false)
public class InstoreIngestConfiguration {

	@Bean
	InstoreSnapshots instoreSnapshots(WarehouseDatabase warehouse, InstoreDatabase instore) {
		return new InstoreSnapshots(warehouse.dataSource(), instore.dataSource());
	}

	@Bean
	@StepScope
	ItemStreamReader<Row> instoreRowReader(InstoreDatabase instore, InstoreSnapshots instoreSnapshots,
			EtlProperties properties, @Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		Entity entity = Entity.byId(entityId);
		InstoreSnapshots.Window window = instoreSnapshots.window(date);
		Duration lookback = properties.ingest().lateCommitLookback();
		JdbcCursorItemReader<Row> rows = instoreRowReader(instore, window, lookback, entity, date);
		if (!deletionsLogged(instore)) {
			log.warn("The in-store database has no {} table: rows deleted there are not seen (docs/sources.md, "
					+ "In-store deletes)", DELETED_ROWS);
			return rows;
		}
		return new CompositeItemReader<>(List.of(rows, deletedRowReader(instore, window, lookback, entity, date)));
	}

	/**
	 * The reader of {@code entity}'s rows of {@code date} within {@code window}, reading
	 * rows stamped up to {@code lookback} before the day that committed after the
	 * previous date's snapshot.
	 */
	static JdbcCursorItemReader<Row> instoreRowReader(InstoreDatabase instore, InstoreSnapshots.Window window,
			Duration lookback, Entity entity, LocalDate date) {
		List<Object> arguments = new ArrayList<>();
		String condition = inWindow(Entity.UPDATED_AT, window, lookback, date, arguments);
		return new JdbcCursorItemReaderBuilder<Row>().name("instoreRowReader." + entity.id())
			.dataSource(instore.dataSource())
			.sql("SELECT " + String.join(", ", entity.columnNames()) + " FROM " + InstoreDatabase.table(entity) + ", "
					+ NOW_XID + " WHERE " + condition + " ORDER BY " + entity.keyColumn())
			.queryArguments(arguments.toArray())
			.fetchSize(1000)
			.rowMapper(new InstoreRowMapper(entity))
			.build();
	}

	/**
	 * The reader of the rows of {@code entity} deleted on {@code date}, from the
	 * database's log of deletions ({@value #DELETED_ROWS}), read by the same window as
	 * the rows: each as a {@linkplain InstoreRowMapper#deleted deleted row}.
	 */
	static JdbcCursorItemReader<Row> deletedRowReader(InstoreDatabase instore, InstoreSnapshots.Window window,
			Duration lookback, Entity entity, LocalDate date) {
		List<Object> arguments = new ArrayList<>(List.of(entity.id()));
		String condition = inWindow("deleted_at", window, lookback, date, arguments);
		return new JdbcCursorItemReaderBuilder<Row>().name("instoreDeletedRowReader." + entity.id())
			.dataSource(instore.dataSource())
			.sql("SELECT row_id, deleted_at FROM " + DELETED_ROWS + ", " + NOW_XID + " WHERE table_name = ? AND "
					+ condition + " ORDER BY row_id, deleted_at")
			.queryArguments(arguments.toArray())
			.fetchSize(1000)
			.rowMapper((rs, rowNum) -> InstoreRowMapper.deleted(entity, rs.getLong(1),
					rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
			.build();
	}

	/**
	 * The condition that a row of a table stamped by {@code timeColumn} belongs to
	 * {@code date}: its time in the day and its writer visible to the date's snapshot, or
	 * stamped within the lookback before the day and invisible to the previous date's
	 * (committed late); its arguments are added to {@code arguments}.
	 */
	private static String inWindow(String timeColumn, InstoreSnapshots.Window window, Duration lookback, LocalDate date,
			List<Object> arguments) {
		BusinessDay day = new BusinessDay(date);
		arguments.addAll(List.of(window.current(), LocalDateTime.ofInstant(day.start(), ZoneOffset.UTC),
				LocalDateTime.ofInstant(day.end(), ZoneOffset.UTC)));
		String committedLate = "";
		if (window.previous() != null) {
			committedLate = " OR (" + timeColumn + " >= ? AND " + timeColumn + " < ? AND NOT "
					+ "pg_visible_in_snapshot(" + XMIN + ", CAST(? AS pg_snapshot)))";
			arguments.addAll(List.of(LocalDateTime.ofInstant(day.start().minus(lookback), ZoneOffset.UTC),
					LocalDateTime.ofInstant(day.start(), ZoneOffset.UTC), window.previous()));
		}
		return "pg_visible_in_snapshot(" + XMIN + ", CAST(? AS pg_snapshot)) AND ((" + timeColumn + " >= ? AND "
				+ timeColumn + " < ?)" + committedLate + ")";
	}

	private static boolean deletionsLogged(InstoreDatabase instore) {
		return new JdbcTemplate(instore.dataSource()).queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class,
				DELETED_ROWS);
	}

	/**
	 * The in-store database's log of deleted rows (its migration
	 * {@code V3__deleted_rows.sql}): table, key and time of each deletion.
	 */
	static final String DELETED_ROWS = InstoreDatabase.SCHEMA + ".deleted_row";

	private static final Logger log = LoggerFactory.getLogger(InstoreIngestConfiguration.class);

	/** The newest transaction id, for {@link #XMIN}. */
	private static final String NOW_XID = "(SELECT CAST(CAST(pg_snapshot_xmax(pg_current_snapshot()) AS TEXT) AS BIGINT) "
			+ "AS now_xid) n";

	/**
	 * A row's {@code xmin} (the 32-bit id of the transaction that wrote it) as the 64-bit
	 * id that snapshots compare: with the epoch of the newest id, less one where its low
	 * half is past the row's (the counter wrapped since); every live row's id lies within
	 * 2^31 of the newest, which PostgreSQL's wraparound protection guarantees.
	 */
	private static final String XMIN = "CAST(CAST((((n.now_xid >> 32) - CASE WHEN CAST(CAST(xmin AS TEXT) AS BIGINT) "
			+ "> (n.now_xid & 4294967295) THEN 1 ELSE 0 END) << 32) | CAST(CAST(xmin AS TEXT) AS BIGINT) AS TEXT) "
			+ "AS xid8)";

	@Bean
	@StepScope
	InstoreRowValidator instoreRowValidator(InstoreDatabase instore,
			@Value("#{jobParameters['date']}") LocalDate date) {
		Set<Long> stores = new HashSet<>(new JdbcTemplate(instore.dataSource())
			.queryForList("SELECT store_id FROM " + InstoreDatabase.table(Entity.STORE), Long.class));
		return new InstoreRowValidator(date, stores);
	}

	@Bean
	Step ingestInstoreEntityStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, ItemStreamReader<Row> instoreRowReader, InstoreRowValidator instoreRowValidator,
			IngestedItemWriter ingestedWriter, ParquetStagingWriter stagingWriter, RejectCeiling rejectCeiling) {
		return IngestSteps.worker("ingestInstoreEntityStep", jobRepository, transactionManager, properties,
				instoreRowReader, instoreRowValidator, ingestedWriter, stagingWriter, rejectCeiling);
	}

	@Bean
	Step ingestInstoreStep(JobRepository jobRepository, EtlProperties properties, Step ingestInstoreEntityStep) {
		return IngestSteps.manager("ingestInstoreStep", jobRepository, properties, Source.INSTORE,
				ingestInstoreEntityStep);
	}

}
