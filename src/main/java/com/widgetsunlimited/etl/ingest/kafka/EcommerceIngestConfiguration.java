package com.widgetsunlimited.etl.ingest.kafka;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.ingest.IngestedItemWriter;
import com.widgetsunlimited.etl.ingest.IngestSteps;
import com.widgetsunlimited.etl.ingest.RejectCeiling;
import com.widgetsunlimited.etl.ingest.kafka.KafkaSlices.Slice;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.source.EcommerceTopics;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
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
	KafkaSlices kafkaSlices(WarehouseDatabase warehouse, KafkaEndpoint kafkaEndpoint, EtlProperties properties) {
		return new KafkaSlices(new JdbcTemplate(warehouse.dataSource()), kafkaEndpoint,
				properties.ingest().kafkaGrace(), properties.ingest().acceptKafkaGaps());
	}

	@Bean
	@StepScope
	KafkaSliceItemReader ecommerceEventReader(KafkaEndpoint kafkaEndpoint, KafkaSlices kafkaSlices,
			EcommerceTopics ecommerceTopics, @Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		List<Slice> slices = new ArrayList<>();
		for (String topic : ecommerceTopics.of(Entity.byId(entityId))) {
			slices.addAll(kafkaSlices.slices(date, topic));
		}
		return new KafkaSliceItemReader(kafkaEndpoint, slices);
	}

	@Bean
	@StepScope
	ChangeEventParser ecommerceEventParser(@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new ChangeEventParser(Entity.byId(entityId), date);
	}

	@Bean
	Step ingestEcommerceTopicStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, KafkaSliceItemReader ecommerceEventReader, ChangeEventParser ecommerceEventParser,
			IngestedItemWriter ingestedWriter, ParquetStagingWriter stagingWriter, RejectCeiling rejectCeiling) {
		return IngestSteps.worker("ingestEcommerceTopicStep", jobRepository, transactionManager, properties,
				ecommerceEventReader, ecommerceEventParser, ingestedWriter, stagingWriter, rejectCeiling);
	}

	@Bean
	Step ingestEcommerceStep(JobRepository jobRepository, EtlProperties properties, Step ingestEcommerceTopicStep) {
		return IngestSteps.manager("ingestEcommerceStep", jobRepository, properties, Source.ECOMMERCE,
				ingestEcommerceTopicStep);
	}

}
