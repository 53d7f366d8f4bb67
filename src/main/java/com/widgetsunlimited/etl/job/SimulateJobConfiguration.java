package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.JobContract.ParameterType;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code simulate date=...}: the operational systems do one day of business. */
@Configuration(proxyBeanMethods = false)
public class SimulateJobConfiguration {

	static final JobContract SIMULATE = JobContract.of("simulate",
			"The operational systems do one business day: CSV drop, Kafka events, in-store rows", Jobs.DATE, Jobs.SCALE,
			Parameter.optional("reset", ParameterType.BOOLEAN, true, null,
					"true: empty the three systems first and start the world over"));

	@Bean
	Job simulate(JobRepository jobRepository, Step simulateDayStep) {
		return new JobBuilder(SIMULATE.name(), jobRepository).validator(SIMULATE).start(simulateDayStep).build();
	}

}
