package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.report.RunReports;
import com.widgetsunlimited.etl.report.WarehouseSummary;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jobs that run other jobs, one business day after another: {@code demo [start=...]
 * [days=4] [scale=1]}, where the operational systems do each day of business and each
 * day's {@code dailyCycle} follows, then the warehouse's state is printed
 * ({@link DemoDaysStep}); and {@code backfill from=... to=...}, the {@code dailyCycle} of
 * each date of a range ({@link BackfillDaysStep}).
 */
@Configuration(proxyBeanMethods = false)
public class DayByDayJobConfiguration {

	@Bean
	Job backfill(JobRepository jobRepository, JobOperator jobOperator, Job dailyCycle) {
		return new JobBuilder("backfill", jobRepository)
			.start(new BackfillDaysStep(jobRepository, jobOperator, dailyCycle, System.out))
			.build();
	}

	@Bean
	Job demo(JobRepository jobRepository, JobOperator jobOperator, Job simulate, Job dailyCycle,
			WarehouseDatabase warehouse, RunReports runReports) {
		return new JobBuilder("demo", jobRepository)
			.start(new DemoDaysStep(jobRepository, jobOperator, simulate, dailyCycle, new WarehouseSummary(warehouse),
					runReports, System.out))
			.build();
	}

}
