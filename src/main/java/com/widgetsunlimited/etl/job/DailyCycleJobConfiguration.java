package com.widgetsunlimited.etl.job;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.report.RunMetrics;
import com.widgetsunlimited.etl.report.RunReports;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * {@code dailyCycle date=...}: the three sources staged in parallel, and only when all
 * three completed, the day's staged files loaded into the raw layer and from there into
 * the star schema: the day's dates and the product and store dimensions while the
 * customer dimension loads, then the sales fact (which needs their versions), its web
 * lines and its store sales at the same time. Meanwhile, since it needs only the raw
 * layer, the first part of the audit checks every staged row against it; the rest of the
 * audit follows and fails the job when a guarantee is broken. The dimensions and the fact
 * are written to work tables; only a day whose audit passed is published, last, in one
 * transaction ({@code Publication}). Its HTML run report is written when it ends,
 * whatever the outcome.
 */
@Configuration(proxyBeanMethods = false)
public class DailyCycleJobConfiguration {

	static final JobContract DAILY_CYCLE = JobContract
		.of("dailyCycle", "One business day: stage the three sources, then load the raw layer and the star schema",
				Jobs.DATE, Jobs.RERUN)
		.rule(Jobs.happened("date"));

	@Bean
	RunReports runReports(WarehouseDatabase warehouse, EtlProperties properties, JobRepository jobRepository) {
		return new RunReports(warehouse, new StagingLocation(properties.stagingUri()), jobRepository);
	}

	@Bean
	RunMetrics runMetrics(WarehouseDatabase warehouse, MeterRegistry meterRegistry) {
		return new RunMetrics(warehouse, meterRegistry);
	}

	@Bean
	Job dailyCycle(JobRepository jobRepository, Flow ingestSourcesFlow, Step loadRawLayerStep,
			Step loadDateDimForDayStep, Step loadProductDimStep, Step loadStoreDimStep, Step loadCustomerDimStep,
			Step loadWebSalesFactStep, Step loadStoreSalesFactStep, Step auditRawLayerStep, Step auditDayStep,
			Step publishDayStep, JobExecutionListener unpublishedWorkGuard, RunReports runReports,
			RunMetrics runMetrics) {
		Flow dimensions = split("dimensionsFlow",
				new FlowBuilder<Flow>("productAndStoreDimFlow").start(loadDateDimForDayStep)
					.next(loadProductDimStep)
					.next(loadStoreDimStep)
					.build(),
				flow("customerDimFlow", loadCustomerDimStep));
		Flow starSchema = new FlowBuilder<Flow>("starSchemaFlow").start(dimensions)
			.next(salesFactFlow(loadWebSalesFactStep, loadStoreSalesFactStep))
			.build();
		return new JobBuilder(DAILY_CYCLE.name(), jobRepository).validator(DAILY_CYCLE)
			.listener(unpublishedWorkGuard)
			.listener(runReports)
			.listener(runMetrics)
			.start(ingestSourcesFlow)
			.next(loadRawLayerStep)
			.next(split("loadAndAuditFlow", starSchema, flow("auditRawLayerFlow", auditRawLayerStep)))
			.next(auditDayStep)
			.next(publishDayStep)
			.end()
			.build();
	}

	/**
	 * The web lines and the store sales loaded at the same time: they write disjoint rows
	 * of {@code sales_fact} (their own source system), and a member both infer is
	 * inserted once, by whichever comes first ({@link DimensionTable}).
	 */
	private static Flow salesFactFlow(Step loadWebSalesFactStep, Step loadStoreSalesFactStep) {
		return split("salesFactFlow", flow("webSalesFactFlow", loadWebSalesFactStep),
				flow("storeSalesFactFlow", loadStoreSalesFactStep));
	}

	private static Flow split(String name, Flow first, Flow second) {
		return new FlowBuilder<Flow>(name).split(new SimpleAsyncTaskExecutor(name + "-")).add(first, second).build();
	}

	private static Flow flow(String name, Step step) {
		return new FlowBuilder<Flow>(name).start(step).build();
	}

}
