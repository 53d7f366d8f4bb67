package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.ingest.jdbc.InstoreRerunDecider;
import com.widgetsunlimited.etl.staging.StagingLocation;

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
 * completes only when all three did. A rerun keeps the in-store files the date's first
 * run staged ({@link InstoreRerunDecider}).
 */
@Configuration(proxyBeanMethods = false)
public class IngestJobConfiguration {

	static final JobContract INGEST = JobContract
		.of("ingest", "Stage one business day of the three sources as Parquet (CSV drop, Kafka, in-store)", Jobs.DATE,
				Jobs.RERUN)
		.rule(Jobs.happened("date"));

	@Bean
	Flow ingestSourcesFlow(Step awaitInventoryDropStep, Step ingestInventoryStep, Step writeInventoryManifestStep,
			Step ingestEcommerceStep, Step writeEcommerceManifestStep, Step ingestInstoreStep,
			Step writeInstoreManifestStep, InstoreRerunDecider instoreRerunDecider) {
		Flow inventory = new FlowBuilder<Flow>("inventoryFlow").start(awaitInventoryDropStep)
			.next(ingestInventoryStep)
			.next(writeInventoryManifestStep)
			.build();
		Flow ecommerce = new FlowBuilder<Flow>("ecommerceFlow").start(ingestEcommerceStep)
			.next(writeEcommerceManifestStep)
			.build();
		Flow instore = new FlowBuilder<Flow>("instoreFlow").start(instoreRerunDecider)
			.on(InstoreRerunDecider.KEEP)
			.end()
			.from(instoreRerunDecider)
			.on("*")
			.to(ingestInstoreStep)
			.next(writeInstoreManifestStep)
			.build();
		return new FlowBuilder<Flow>("ingestSourcesFlow").split(new SimpleAsyncTaskExecutor("ingest-"))
			.add(inventory, ecommerce, instore)
			.build();
	}

	@Bean
	InstoreRerunDecider instoreRerunDecider(EtlProperties properties) {
		return new InstoreRerunDecider(new StagingLocation(properties.stagingUri()));
	}

	@Bean
	Job ingest(JobRepository jobRepository, Flow ingestSourcesFlow) {
		return new JobBuilder(INGEST.name(), jobRepository).validator(INGEST).start(ingestSourcesFlow).end().build();
	}

}
