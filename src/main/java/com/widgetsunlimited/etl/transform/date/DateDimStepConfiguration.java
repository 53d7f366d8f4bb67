package com.widgetsunlimited.etl.transform.date;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code loadDateDimStep}: upserts a {@code date_dim} row for every date of the job's
 * {@code from}..{@code to} range. Idempotent: a restart or a rerun rewrites the same
 * rows.
 */
@Configuration(proxyBeanMethods = false)
public class DateDimStepConfiguration {

	@Bean
	@StepScope
	DateRangeItemReader dateDimRangeReader(@Value("#{jobParameters['from']}") LocalDate from,
			@Value("#{jobParameters['to']}") LocalDate to) {
		return new DateRangeItemReader(from, to);
	}

	@Bean
	ItemProcessor<LocalDate, DateDimRow> dateDimProcessor(EtlProperties properties) {
		int fiscalYearStartMonth = properties.calendar().fiscalYearStartMonth();
		return (date) -> DateDimRow.of(date, fiscalYearStartMonth);
	}

	@Bean
	@StepScope
	JdbcBatchItemWriter<DateDimRow> dateDimWriter(WarehouseDatabase warehouse,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
			@Value("#{jobParameters['date']}") LocalDate businessDate) {
		return new JdbcBatchItemWriterBuilder<DateDimRow>().dataSource(warehouse.dataSource())
			.sql(warehouse.dialect().upsert(DateDimTable.TABLE, DateDimTable.KEY, DateDimTable.COLUMNS))
			.itemSqlParameterSourceProvider((row) -> DateDimTable.parameters(row, businessDate, jobExecutionId))
			.assertUpdates(false)
			.build();
	}

	/**
	 * {@code loadDateDimForDayStep}: the {@code date_dim} rows a business day's facts
	 * need: the day itself and every date on which a sale changed that day took place
	 * (late events included). Idempotent.
	 */
	@Bean
	Step loadDateDimForDayStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, WarehouseDatabase warehouse) {
		int fiscalYearStartMonth = properties.calendar().fiscalYearStartMonth();
		return new StepBuilder("loadDateDimForDayStep", jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			Long jobExecutionId = chunk.getStepContext().getStepExecution().getJobExecutionId();
			NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(warehouse.dataSource());
			Set<LocalDate> dates = new TreeSet<>(jdbc.query(SALE_DATES, new MapSqlParameterSource("date", date),
					(rs, row) -> rs.getDate(1).toLocalDate()));
			dates.add(date);
			// a date another day's step wrote already stays as it was
			jdbc.batchUpdate(
					warehouse.dialect()
						.upsertIfChanged(DateDimTable.TABLE, DateDimTable.KEY, DateDimTable.COLUMNS,
								List.of("business_date", "job_execution_id")),
					dates.stream()
						.map((day) -> DateDimTable.parameters(DateDimRow.of(day, fiscalYearStartMonth), date,
								jobExecutionId))
						.toArray(MapSqlParameterSource[]::new));
			contribution.incrementWriteCount(dates.size());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/** The dates of the sales that changed on a business date. */
	private static final String SALE_DATES = "SELECT DISTINCT CAST(execution_time AS DATE) FROM raw_ecommerce_order "
			+ "WHERE business_date = :date UNION "
			+ "SELECT DISTINCT CAST(transaction_date AS DATE) FROM raw_instore_store_sales WHERE business_date = :date";

	@Bean
	Step loadDateDimStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, DateRangeItemReader dateDimRangeReader,
			ItemProcessor<LocalDate, DateDimRow> dateDimProcessor, JdbcBatchItemWriter<DateDimRow> dateDimWriter) {
		return new StepBuilder("loadDateDimStep", jobRepository).<LocalDate, DateDimRow>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(dateDimRangeReader)
			.processor(dateDimProcessor)
			.writer(dateDimWriter)
			.build();
	}

}
