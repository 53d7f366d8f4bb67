package com.widgetsunlimited.etl.transform.scd;

import com.widgetsunlimited.etl.env.EtlProperties;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shape of every dimension load: member states read from the raw layer in natural key
 * order, merged by the {@link ScdWriter} chunk by chunk.
 */
public final class DimensionSteps {

	private DimensionSteps() {
	}

	public static Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, ItemReader<Member> reader, ScdWriter writer) {
		return new StepBuilder(name, jobRepository).<Member, Member>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.build();
	}

}
