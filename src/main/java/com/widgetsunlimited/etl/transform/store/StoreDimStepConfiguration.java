package com.widgetsunlimited.etl.transform.store;

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
 * {@code loadStoreDimStep}: the day's changed stores and store locations merged into
 * {@code store_dim}.
 */
@Configuration(proxyBeanMethods = false)
public class StoreDimStepConfiguration {

	@Bean
	DimensionTable storeDimTable(WarehouseDatabase warehouse, EtlProperties properties) {
		return new DimensionTable(warehouse, StoreDimension.DEFAULT.withScdTypes(properties.scdTypes("store")));
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<Member> storeRawReader(WarehouseDatabase warehouse, EtlProperties properties,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return RawRows.reader("storeRawReader", warehouse.dataSource(), StoreDimension.CHANGED_STORES,
				properties.dimensionChunkSize(), StoreDimension::member, date, date);
	}

	@Bean
	@StepScope
	ScdWriter storeScdWriter(DimensionTable storeDimTable, @Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new ScdWriter(storeDimTable, date, jobExecutionId);
	}

	@Bean
	Step loadStoreDimStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, WarehouseDatabase warehouse, JdbcCursorItemReader<Member> storeRawReader,
			ScdWriter storeScdWriter) {
		return ChunkSteps.step("loadStoreDimStep", jobRepository, transactionManager, properties.dimensionChunkSize(),
				storeRawReader, storeScdWriter, TableStatistics.of(warehouse, Publication.work("store_dim")));
	}

}
