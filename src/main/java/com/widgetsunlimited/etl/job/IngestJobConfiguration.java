package com.widgetsunlimited.etl.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * {@code ingest date=...}: the three sources staged in parallel (a split flow); the job
 * completes only when all three did.
 */
@Configuration(proxyBeanMethods = false)
public class IngestJobConfiguration {

	@Bean
	Flow ingestSourcesFlow(Step awaitInventoryDropStep, Step ingestInventoryStep, Step writeInventoryManifestStep,
			Step ingestEcommerceStep, Step writeEcommerceManifestStep, Step ingestInstoreStep,
			Step writeInstoreManifestStep) {
		Flow inventory = new FlowBuilder<Flow>("inventoryFlow").start(awaitInventoryDropStep)
			.next(ingestInventoryStep)
			.next(writeInventoryManifestStep)
			.build();
		Flow ecommerce = new FlowBuilder<Flow>("ecommerceFlow").start(ingestEcommerceStep)
			.next(writeEcommerceManifestStep)
			.build();
		Flow instore = new FlowBuilder<Flow>("instoreFlow").start(ingestInstoreStep)
			.next(writeInstoreManifestStep)
			.build();
		return new FlowBuilder<Flow>("ingestSourcesFlow").split(new SimpleAsyncTaskExecutor("ingest-"))
			.add(inventory, ecommerce, instore)
			.build();
	}

	@Bean
	Job ingest(JobRepository jobRepository, Flow ingestSourcesFlow) {
		return new JobBuilder("ingest", jobRepository).start(ingestSourcesFlow).end().build();
	}

}
