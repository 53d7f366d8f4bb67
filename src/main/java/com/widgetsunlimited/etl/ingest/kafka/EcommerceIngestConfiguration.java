package com.widgetsunlimited.etl.ingest.kafka;

import java.time.LocalDate;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.ingest.EntityPartitioner;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.ingest.IngestedItemWriter;
import com.widgetsunlimited.etl.ingest.PartitionExecutors;
import com.widgetsunlimited.etl.ingest.RejectCeiling;
import com.widgetsunlimited.etl.ingest.RejectWriter;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceTopics;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ingestEcommerceStep}: stages the day's slice of each e-commerce topic, one
 * partition per topic; events that do not parse go to {@code etl_reject} with topic,
 * partition and offset.
 */
@Configuration(proxyBeanMethods = false)
public class EcommerceIngestConfiguration {

	@Bean
	KafkaSlices kafkaSlices(WarehouseDatabase warehouse, KafkaEndpoint kafkaEndpoint) {
		return new KafkaSlices(new JdbcTemplate(warehouse.dataSource()), kafkaEndpoint);
	}

	@Bean
	@StepScope
	KafkaSliceItemReader ecommerceEventReader(KafkaEndpoint kafkaEndpoint, KafkaSlices kafkaSlices,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new KafkaSliceItemReader(kafkaEndpoint,
				kafkaSlices.slices(date, EcommerceTopics.topic(Entity.byId(entityId))));
	}

	@Bean
	@StepScope
	ChangeEventParser ecommerceEventParser(@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new ChangeEventParser(Entity.byId(entityId), date);
	}

	@Bean
	@StepScope
	ParquetStagingWriter ecommerceStagingWriter(EtlProperties properties,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new ParquetStagingWriter(new StagingLocation(properties.stagingUri()), date, Entity.byId(entityId));
	}

	@Bean
	@StepScope
	IngestedItemWriter ecommerceIngestedWriter(ParquetStagingWriter ecommerceStagingWriter, WarehouseDatabase warehouse,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new IngestedItemWriter(ecommerceStagingWriter, new RejectWriter(warehouse, jobExecutionId));
	}

	@Bean
	Step ingestEcommerceTopicStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, KafkaSliceItemReader ecommerceEventReader, ChangeEventParser ecommerceEventParser,
			IngestedItemWriter ecommerceIngestedWriter, ParquetStagingWriter ecommerceStagingWriter,
			RejectCeiling rejectCeiling) {
		return new StepBuilder("ingestEcommerceTopicStep", jobRepository)
			.<ChangeEvent, Ingested>chunk(properties.ingest().chunkSize())
			.transactionManager(transactionManager)
			.reader(ecommerceEventReader)
			.processor(ecommerceEventParser)
			.writer(ecommerceIngestedWriter)
			.listener(ecommerceStagingWriter)
			.listener(rejectCeiling)
			.build();
	}

	@Bean
	Step ingestEcommerceStep(JobRepository jobRepository, EtlProperties properties, Step ingestEcommerceTopicStep) {
		return new StepBuilder("ingestEcommerceStep", jobRepository)
			.partitioner("ingestEcommerceTopicStep", new EntityPartitioner(Source.ECOMMERCE))
			.step(ingestEcommerceTopicStep)
			.gridSize(Entity.of(Source.ECOMMERCE).size())
			.taskExecutor(PartitionExecutors.limited(properties, "ecommerce-"))
			.build();
	}

}
