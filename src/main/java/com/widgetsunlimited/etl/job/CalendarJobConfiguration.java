package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.JobContract.ParameterType;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code calendar from=... to=...}: fills {@code date_dim} for a range of dates. */
@Configuration(proxyBeanMethods = false)
public class CalendarJobConfiguration {

	static final JobContract CALENDAR = JobContract
		.of("calendar", "Fill date_dim with calendar and fiscal attributes for a range of dates",
				Parameter.required("from", ParameterType.DATE, true, "first date of the range"),
				Parameter.required("to", ParameterType.DATE, true, "last date of the range, inclusive"))
		.rule(Jobs::dateRange);

	@Bean
	Job calendar(JobRepository jobRepository, Step loadDateDimStep) {
		return new JobBuilder(CALENDAR.name(), jobRepository).validator(CALENDAR).start(loadDateDimStep).build();
	}

}
