package com.widgetsunlimited.etl.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code calendar from=... to=...}: fills {@code date_dim} for a range of dates. */
@Configuration(proxyBeanMethods = false)
public class CalendarJobConfiguration {

	@Bean
	Job calendar(JobRepository jobRepository, Step loadDateDimStep) {
		return new JobBuilder("calendar", jobRepository).start(loadDateDimStep).build();
	}

}
