package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.report.RunReports;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

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
 * {@code dailyCycle date=...}: the three sources staged in parallel, and only when all
 * three completed, the day's staged files loaded into the raw layer and from there into
 * the star schema: the day's dates, the dimensions, then the sales fact (which needs
 * their versions), its web lines and its store sales at the same time; last the audit,
 * which fails the job when a guarantee is broken. Its HTML run report is written when it
 * ends, whatever the outcome.
 */
@Configuration(proxyBeanMethods = false)
public class DailyCycleJobConfiguration {

	@Bean
	RunReports runReports(WarehouseDatabase warehouse, EtlProperties properties, JobRepository jobRepository) {
		return new RunReports(warehouse, new StagingLocation(properties.stagingUri()), jobRepository);
	}

	@Bean
	Job dailyCycle(JobRepository jobRepository, Flow ingestSourcesFlow, Step loadRawLayerStep,
			Step loadDateDimForDayStep, Step loadProductDimStep, Step loadStoreDimStep, Step loadCustomerDimStep,
			Step loadWebSalesFactStep, Step loadStoreSalesFactStep, Step auditDayStep, RunReports runReports) {
		return new JobBuilder("dailyCycle", jobRepository).listener(runReports)
			.start(ingestSourcesFlow)
			.next(loadRawLayerStep)
			.next(loadDateDimForDayStep)
			.next(loadProductDimStep)
			.next(loadStoreDimStep)
			.next(loadCustomerDimStep)
			.next(salesFactFlow(loadWebSalesFactStep, loadStoreSalesFactStep))
			.next(auditDayStep)
			.end()
			.build();
	}

	/**
	 * The web lines and the store sales loaded at the same time: they write disjoint rows
	 * of {@code sales_fact} (their own source system), and a member both infer is
	 * inserted once, by whichever comes first ({@link DimensionTable}).
	 */
	private static Flow salesFactFlow(Step loadWebSalesFactStep, Step loadStoreSalesFactStep) {
		return new FlowBuilder<Flow>("salesFactFlow").split(new SimpleAsyncTaskExecutor("facts-"))
			.add(new FlowBuilder<Flow>("webSalesFactFlow").start(loadWebSalesFactStep).build(),
					new FlowBuilder<Flow>("storeSalesFactFlow").start(loadStoreSalesFactStep).build())
			.build();
	}

}
