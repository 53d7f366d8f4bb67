package com.widgetsunlimited.etl.transform.date;

import java.time.LocalDate;

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
