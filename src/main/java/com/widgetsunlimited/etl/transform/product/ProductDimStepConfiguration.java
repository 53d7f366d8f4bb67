package com.widgetsunlimited.etl.transform.product;

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
 * {@code loadProductDimStep}: the day's changed products (and products whose supplier
 * changed) merged into {@code product_dim}.
 */
@Configuration(proxyBeanMethods = false)
public class ProductDimStepConfiguration {

	@Bean
	DimensionTable productDimTable(WarehouseDatabase warehouse, EtlProperties properties) {
		return new DimensionTable(warehouse, ProductDimension.DEFAULT.withScdTypes(properties.scdTypes("product")));
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Member> productRawReader(WarehouseDatabase warehouse, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return RawRows.reader("productRawReader", warehouse.dataSource(), ProductDimension.CHANGED_PRODUCTS,
				properties.dimensionChunkSize(), ProductDimension::member, date, date);
	}

	@Bean
	@StepScope
	ScdWriter productScdWriter(DimensionTable productDimTable, @Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new ScdWriter(productDimTable, date, jobExecutionId);
	}

	@Bean
	Step loadProductDimStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, WarehouseDatabase warehouse, JdbcCursorItemReader<Member> productRawReader,
			ScdWriter productScdWriter) {
		return ChunkSteps.step("loadProductDimStep", jobRepository, transactionManager, properties.dimensionChunkSize(),
				productRawReader, productScdWriter, TableStatistics.of(warehouse, Publication.work("product_dim")));
	}

}
