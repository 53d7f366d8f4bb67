package com.widgetsunlimited.etl.batch;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shape of every warehouse load: items read from the raw layer in a fixed order and
 * written chunk by chunk, each chunk one transaction ({@code etl.chunk-size} items, or
 * {@code etl.dimension-chunk-size} members in a dimension step).
 */
public final class ChunkSteps {

	private ChunkSteps() {
	}

	public static <T> Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			int chunkSize, ItemReader<T> reader, ItemWriter<T> writer) {
		return step(name, jobRepository, transactionManager, chunkSize, reader, writer, null);
	}

	/**
	 * A step with {@code listener}: for instance
	 * {@link com.widgetsunlimited.etl.warehouse.TableStatistics}, which refreshes the
	 * statistics of the tables the step loaded once it completed, so that the steps after
	 * it plan their queries of the day for the rows it wrote.
	 */
	public static <T> Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			int chunkSize, ItemReader<T> reader, ItemWriter<T> writer, StepExecutionListener listener) {
		var builder = new StepBuilder(name, jobRepository).<T, T>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(StepScopedItems.reader(reader))
			.writer(writer);
		if (listener != null) {
			builder.listener(listener);
		}
		return builder.build();
	}

}
