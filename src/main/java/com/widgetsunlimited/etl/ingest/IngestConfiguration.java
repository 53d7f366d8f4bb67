package com.widgetsunlimited.etl.ingest;

import com.widgetsunlimited.etl.warehouse.RejectWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.source.EcommerceTopics;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the three ingestions share: the reject ceiling, the manifest of each source's
 * staged day.
 */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

	@Bean
	ManifestWriter manifestWriter(EtlProperties properties, WarehouseDatabase warehouse) {
		return new ManifestWriter(new StagingLocation(properties.stagingUri()),
				new JdbcTemplate(warehouse.dataSource()));
	}

	/** The staging writer of the entity a worker step's partition names. */
	@Bean
	@StepScope
	ParquetStagingWriter stagingWriter(EtlProperties properties,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new ParquetStagingWriter(new StagingLocation(properties.stagingUri()), date, Entity.byId(entityId));
	}

	/** Staged rows to the staging writer, rejects to {@code etl_reject}, in one chunk. */
	@Bean
	@StepScope
	IngestedItemWriter ingestedWriter(ParquetStagingWriter stagingWriter, WarehouseDatabase warehouse,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new IngestedItemWriter(stagingWriter, new RejectWriter(warehouse, jobExecutionId));
	}

	@Bean
	RejectCeiling rejectCeiling(EtlProperties properties, WarehouseDatabase warehouse) {
		return new RejectCeiling(properties.ingest().maxRejects(), properties.ingest().maxRejectShare(), warehouse);
	}

	@Bean
	Step writeInventoryManifestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ManifestWriter manifestWriter, InventoryDropFolder inventoryDropFolder) {
		return manifestStep("writeInventoryManifestStep", jobRepository, transactionManager, manifestWriter,
				Source.INVENTORY, (date) -> {
					List<String> files = new ArrayList<>();
					Entity.of(Source.INVENTORY)
						.forEach(
								(entity) -> files.add(inventoryDropFolder.file(entity, date).getFileName().toString()));
					return Map.of("folder", inventoryDropFolder.path().toAbsolutePath().toString(), "files", files,
							"readyMarker", inventoryDropFolder.readyMarker(date).getFileName().toString());
				});
	}

	@Bean
	Step writeEcommerceManifestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ManifestWriter manifestWriter, WarehouseDatabase warehouse, EcommerceTopics ecommerceTopics) {
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		return manifestStep("writeEcommerceManifestStep", jobRepository, transactionManager, manifestWriter,
				Source.ECOMMERCE, (date) -> {
					Map<String, Object> topics = new LinkedHashMap<>();
					for (String topic : ecommerceTopics.all()) {
						topics.put(topic, jdbc.queryForList("SELECT partition_id, start_offset, end_offset "
								+ "FROM etl_kafka_slice WHERE business_date = ? AND topic = ? ORDER BY partition_id",
								date, topic));
					}
					return Map.of("topics", topics);
				});
	}

	@Bean
	Step writeInstoreManifestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ManifestWriter manifestWriter) {
		return manifestStep("writeInstoreManifestStep", jobRepository, transactionManager, manifestWriter,
				Source.INSTORE, (date) -> Map.of("updatedAtFrom", new BusinessDay(date).start().toString(),
						"updatedAtTo", new BusinessDay(date).end().toString()));
	}

	private static Step manifestStep(String name, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, ManifestWriter manifestWriter, Source source,
			java.util.function.Function<LocalDate, Object> window) {
		return new StepBuilder(name, jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			manifestWriter.write(date, source, window.apply(date));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
