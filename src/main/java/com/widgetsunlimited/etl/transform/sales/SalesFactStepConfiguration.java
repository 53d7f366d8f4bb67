package com.widgetsunlimited.etl.transform.sales;

import java.time.LocalDate;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.transform.ChunkSteps;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code loadWebSalesFactStep} and {@code loadStoreSalesFactStep}: the day's changed web
 * order lines and store sales upserted into {@code sales_fact}. They run after the
 * dimensions, so that both see every member of the day, and at the same time as each
 * other: a member one of them infers that the other's query did not see yet, the other
 * finds when it looks up what its query missed. On PostgreSQL each first merges, in one
 * statement, the lines its query resolves completely ({@link SalesFactMerge}), and writes
 * the rest in chunks; {@code etl.sales-fact.set-based=false} writes every line in chunks.
 */
@Configuration(proxyBeanMethods = false)
public class SalesFactStepConfiguration {

	@Bean
	@StepScope
	SaleLineReader webSalesRawReader(WarehouseDatabase warehouse, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
			@Value("${etl.sales-fact.set-based:true}") boolean setBased) {
		return SaleLineReader.web("webSalesRawReader", warehouse, properties.chunkSize(), date, jobExecutionId,
				setBased);
	}

	@Bean
	@StepScope
	SaleLineReader storeSalesRawReader(WarehouseDatabase warehouse, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
			@Value("${etl.sales-fact.set-based:true}") boolean setBased) {
		return SaleLineReader.store("storeSalesRawReader", warehouse, properties.chunkSize(), date, jobExecutionId,
				setBased);
	}

	@Bean
	@StepScope
	SalesFactWriter salesFactWriter(WarehouseDatabase warehouse, DimensionTable customerDimTable,
			DimensionTable productDimTable, DimensionTable storeDimTable,
			@Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new SalesFactWriter(warehouse, customerDimTable, productDimTable, storeDimTable, date, jobExecutionId);
	}

	@Bean
	Step loadWebSalesFactStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, SaleLineReader webSalesRawReader, SalesFactWriter salesFactWriter) {
		return ChunkSteps.step("loadWebSalesFactStep", jobRepository, transactionManager, properties.chunkSize(),
				webSalesRawReader, salesFactWriter);
	}

	@Bean
	Step loadStoreSalesFactStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, SaleLineReader storeSalesRawReader, SalesFactWriter salesFactWriter) {
		return ChunkSteps.step("loadStoreSalesFactStep", jobRepository, transactionManager, properties.chunkSize(),
				storeSalesRawReader, salesFactWriter);
	}

}
