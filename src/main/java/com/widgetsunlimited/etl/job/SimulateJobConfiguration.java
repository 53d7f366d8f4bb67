package com.widgetsunlimited.etl.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code simulate date=...}: the operational systems do one day of business. */
@Configuration(proxyBeanMethods = false)
public class SimulateJobConfiguration {

	@Bean
	Job simulate(JobRepository jobRepository, Step simulateDayStep) {
		return new JobBuilder("simulate", jobRepository).start(simulateDayStep).build();
	}

}
