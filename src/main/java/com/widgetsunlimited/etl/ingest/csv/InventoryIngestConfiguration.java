package com.widgetsunlimited.etl.ingest.csv;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import com.widgetsunlimited.etl.batch.FailFast;
import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.ingest.IngestedItemWriter;
import com.widgetsunlimited.etl.ingest.IngestSteps;
import com.widgetsunlimited.etl.ingest.RejectCeiling;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code awaitInventoryDropStep} then {@code ingestInventoryStep}: waits for the day's
 * drop, then stages its files, one partition per file, in chunks, lines that do not parse
 * going to {@code etl_reject} with file and line.
 */
@Configuration(proxyBeanMethods = false)
public class InventoryIngestConfiguration {

	@Bean
	Step awaitInventoryDropStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			InventoryDropFolder inventoryDropFolder, EtlProperties properties) {
		InventoryDropWait wait = new InventoryDropWait(inventoryDropFolder, properties.ingest().dropWait(),
				Duration.ofSeconds(1));
		return new StepBuilder("awaitInventoryDropStep", jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			StepExecution step = chunk.getStepContext().getStepExecution();
			wait.await(date, () -> {
				Optional<StepExecution> failed = FailFast.failedBeside(step);
				if (failed.isPresent()) {
					throw new FailFast.FailedBesideException(failed.get());
				}
				return (jobRepository.getJobExecution(step.getJobExecutionId()).getStatus() == BatchStatus.STOPPING)
						? Optional.of("the job was asked to stop") : Optional.empty();
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	@StepScope
	CsvDropReader inventoryFileReader(InventoryDropFolder inventoryDropFolder,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		return new CsvDropReader(inventoryDropFolder.file(Entity.byId(entityId), date));
	}

	@Bean
	@StepScope
	CsvLineParser inventoryLineParser(InventoryDropFolder inventoryDropFolder,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		Entity entity = Entity.byId(entityId);
		return new CsvLineParser(entity, date, CsvDropReader.header(inventoryDropFolder.file(entity, date), entity));
	}

	@Bean
	Step ingestInventoryFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, CsvDropReader inventoryFileReader, CsvLineParser inventoryLineParser,
			IngestedItemWriter ingestedWriter, ParquetStagingWriter stagingWriter, RejectCeiling rejectCeiling) {
		return IngestSteps.worker("ingestInventoryFileStep", jobRepository, transactionManager, properties,
				inventoryFileReader, inventoryLineParser, ingestedWriter, stagingWriter, rejectCeiling);
	}

	@Bean
	Step ingestInventoryStep(JobRepository jobRepository, EtlProperties properties, Step ingestInventoryFileStep) {
		return IngestSteps.manager("ingestInventoryStep", jobRepository, properties, Source.INVENTORY,
				ingestInventoryFileStep);
	}

}
