package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.report.WarehouseSummary;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code demo [start=...] [days=4] [scale=1]}: the operational systems do each day of
 * business and each day's {@code dailyCycle} follows, then the warehouse's state is
 * printed ({@link DemoDaysStep}).
 */
@Configuration(proxyBeanMethods = false)
public class DemoJobConfiguration {

	@Bean
	Job demo(JobRepository jobRepository, JobOperator jobOperator, Job simulate, Job dailyCycle,
			WarehouseDatabase warehouse) {
		return new JobBuilder("demo", jobRepository)
			.start(new DemoDaysStep(jobRepository, jobOperator, simulate, dailyCycle, new WarehouseSummary(warehouse),
					System.out))
			.build();
	}

}
