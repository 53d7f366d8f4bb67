package com.widgetsunlimited.etl.transform.raw;

import java.time.LocalDate;
import java.util.List;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.EntityPartitioner;
import com.widgetsunlimited.etl.staging.StagingItemReader;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.batch.ChunkSteps;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.TableStatistics;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code loadRawLayerStep}: every staged file of the day upserted into its
 * {@code raw_<source>_<entity>} table, one partition per entity
 * ({@code loadRawTableStep:<source>:<entity>}), in file order and in chunks. Idempotent:
 * a restart or a rerun writes the same states again, and an older state never replaces a
 * newer one.
 */
@Configuration(proxyBeanMethods = false)
public class RawLayerStepConfiguration {

	@Bean
	@StepScope
	StagingItemReader rawStagingReader(EtlProperties properties,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new StagingItemReader(new StagingLocation(properties.stagingUri()), date, Entity.byId(entityId));
	}

	@Bean
	@StepScope
	RawLayerWriter rawLayerWriter(WarehouseDatabase warehouse,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new RawLayerWriter(warehouse, new RawTable(Entity.byId(entityId)), date, jobExecutionId);
	}

	@Bean
	Step loadRawTableStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, WarehouseDatabase warehouse, StagingItemReader rawStagingReader,
			RawLayerWriter rawLayerWriter) {
		return ChunkSteps.step("loadRawTableStep", jobRepository, transactionManager, properties.chunkSize(),
				rawStagingReader, rawLayerWriter, new TableStatistics(warehouse, (stepExecution) -> List
					.of(new RawTable(Entity.byId(stepExecution.getExecutionContext().getString("entity"))).name())));
	}

	@Bean
	Step loadRawLayerStep(JobRepository jobRepository, EtlProperties properties, Step loadRawTableStep) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("raw-");
		executor.setConcurrencyLimit(properties.ingest().parallelism());
		EntityPartitioner partitioner = new EntityPartitioner(List.of(Entity.values()));
		return new StepBuilder("loadRawLayerStep", jobRepository).partitioner(loadRawTableStep.getName(), partitioner)
			.splitter(partitioner.splitter(jobRepository, loadRawTableStep.getName()))
			.partitionHandler(EntityPartitioner.handler(loadRawTableStep, executor, Entity.values().length))
			.build();
	}

}
