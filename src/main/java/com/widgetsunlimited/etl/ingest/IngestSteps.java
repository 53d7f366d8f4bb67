package com.widgetsunlimited.etl.ingest;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.batch.StepScopedItems;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.staging.EntityPartitioner;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shape every source's ingestion shares: a worker step that reads one entity in
 * chunks, turns each record into a staged row or a reject as it reads it
 * ({@link ProcessedItemReader}), writes both in the chunk's transaction and completes the
 * staged file; and a manager step that runs one worker per entity.
 */
public final class IngestSteps {

	private IngestSteps() {
	}

	/** The worker step {@code name} for one entity (its partition's context names it). */
	public static <I> Step worker(String name, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, EtlProperties properties, ItemReader<I> reader,
			ItemProcessor<I, Ingested> processor, IngestedItemWriter ingestedWriter, ParquetStagingWriter stagingWriter,
			RejectCeiling rejectCeiling) {
		return new StepBuilder(name, jobRepository).<Ingested, Ingested>chunk(properties.ingest().chunkSize())
			.transactionManager(transactionManager)
			.reader(new ProcessedItemReader<>(StepScopedItems.reader(reader), StepScopedItems.processor(processor)))
			.writer(ingestedWriter)
			.listener(stagingWriter)
			.listener(rejectCeiling)
			.build();
	}

	/** The manager step {@code name}: one {@code worker} per entity of {@code source}. */
	public static Step manager(String name, JobRepository jobRepository, EtlProperties properties, Source source,
			Step worker) {
		EntityPartitioner partitioner = new EntityPartitioner(Entity.of(source));
		return new StepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
			.splitter(partitioner.splitter(jobRepository, worker.getName()))
			.partitionHandler(EntityPartitioner.handler(worker, partitionExecutor(properties, source.id() + "-"),
					Entity.of(source).size()))
			.build();
	}

	/**
	 * The threads that run a source's partitions: at most {@code etl.ingest.parallelism}
	 * at once.
	 */
	private static TaskExecutor partitionExecutor(EtlProperties properties, String threadNamePrefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(threadNamePrefix);
		executor.setConcurrencyLimit(properties.ingest().parallelism());
		return executor;
	}

}
