package com.widgetsunlimited.etl.transform.sales;

import java.time.LocalDate;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.batch.ChunkSteps;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.warehouse.TableStatistics;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.Publication;

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
 * finds when it looks up what its query missed. How the lines get there is the
 * {@link SalesFactLoader}'s: on PostgreSQL each step first merges, in one statement, the
 * lines its query resolves completely ({@link SalesFactMerge}), and writes the rest in
 * chunks; elsewhere, or with {@code etl.sales-fact.set-based=false}, every line goes in
 * chunks.
 */
@Configuration(proxyBeanMethods = false)
public class SalesFactStepConfiguration {

	/**
	 * The set-based loader on a warehouse that can merge in one statement, unless
	 * {@code etl.sales-fact.set-based=false}; the chunked one elsewhere.
	 */
	@Bean
	SalesFactLoader salesFactLoader(WarehouseDatabase warehouse, EtlProperties properties) {
		return SalesFactLoader.of(warehouse, properties.salesFact().setBased());
	}

	@Bean
	@StepScope
	SaleLineReader webSalesRawReader(SalesFactLoader salesFactLoader, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return salesFactLoader.web("webSalesRawReader", properties.chunkSize(), date, jobExecutionId);
	}

	@Bean
	@StepScope
	SaleLineReader storeSalesRawReader(SalesFactLoader salesFactLoader, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return salesFactLoader.store("storeSalesRawReader", properties.chunkSize(), date, jobExecutionId);
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
			EtlProperties properties, WarehouseDatabase warehouse, SaleLineReader webSalesRawReader,
			SalesFactWriter salesFactWriter) {
		return ChunkSteps.step("loadWebSalesFactStep", jobRepository, transactionManager, properties.chunkSize(),
				webSalesRawReader, salesFactWriter, factStatistics(warehouse));
	}

	@Bean
	Step loadStoreSalesFactStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, WarehouseDatabase warehouse, SaleLineReader storeSalesRawReader,
			SalesFactWriter salesFactWriter) {
		return ChunkSteps.step("loadStoreSalesFactStep", jobRepository, transactionManager, properties.chunkSize(),
				storeSalesRawReader, salesFactWriter, factStatistics(warehouse));
	}

	/**
	 * {@code sales_fact}'s statistics refreshed after each channel's step: users' queries
	 * of the day's sales are planned for the rows it added, which the database's own
	 * background analysis does not learn once the fact holds more than ten days (the
	 * day's own queries reach the fact by its key). Each channel's step refreshes them,
	 * since either may end last.
	 */
	private static TableStatistics factStatistics(WarehouseDatabase warehouse) {
		return TableStatistics.of(warehouse, Publication.work("sales_fact"));
	}

}
