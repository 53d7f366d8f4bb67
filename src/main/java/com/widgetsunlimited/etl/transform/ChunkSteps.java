package com.widgetsunlimited.etl.transform;

import com.widgetsunlimited.etl.env.EtlProperties;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shape of every warehouse load: items read from the raw layer in a fixed order and
 * written chunk by chunk ({@code etl.chunk-size}), each chunk one transaction.
 */
public final class ChunkSteps {

	private ChunkSteps() {
	}

	public static <T> Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, ItemReader<T> reader, ItemWriter<T> writer) {
		return new StepBuilder(name, jobRepository).<T, T>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.build();
	}

}
