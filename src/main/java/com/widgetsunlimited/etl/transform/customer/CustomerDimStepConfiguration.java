package com.widgetsunlimited.etl.transform.customer;

import java.time.LocalDate;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.batch.ChunkSteps;
import com.widgetsunlimited.etl.transform.RawRows;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.transform.scd.Member;
import com.widgetsunlimited.etl.transform.scd.ScdWriter;
import com.widgetsunlimited.etl.warehouse.TableStatistics;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.Publication;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code loadCustomerDimStep}: the day's changed customers (and customers whose addresses
 * changed) merged into {@code customer_dim}.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerDimStepConfiguration {

	@Bean
	DimensionTable customerDimTable(WarehouseDatabase warehouse, EtlProperties properties) {
		return new DimensionTable(warehouse, CustomerDimension.DEFAULT.withScdTypes(properties.scdTypes("customer")));
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Member> customerRawReader(WarehouseDatabase warehouse, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return RawRows.reader("customerRawReader", warehouse.dataSource(),
				CustomerDimension.changedCustomers(warehouse.dialect()), properties.dimensionChunkSize(),
				CustomerDimension::member, date, date);
	}

	@Bean
	@StepScope
	ScdWriter customerScdWriter(DimensionTable customerDimTable, @Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new ScdWriter(customerDimTable, date, jobExecutionId, CustomerDimension::refine);
	}

	@Bean
	Step loadCustomerDimStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, WarehouseDatabase warehouse, JdbcCursorItemReader<Member> customerRawReader,
			ScdWriter customerScdWriter) {
		return ChunkSteps.step("loadCustomerDimStep", jobRepository, transactionManager,
				properties.dimensionChunkSize(), customerRawReader, customerScdWriter,
				TableStatistics.of(warehouse, Publication.work("customer_dim")));
	}

}
