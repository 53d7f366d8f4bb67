package com.widgetsunlimited.etl.job;

import java.time.LocalDate;
import java.util.Map;

import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.JobContract.ParameterType;
import com.widgetsunlimited.etl.report.RunReports;
import com.widgetsunlimited.etl.report.WarehouseSummary;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
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

	static final JobContract BACKFILL = JobContract
		.of("backfill",
				"dailyCycle of every date of a range, in order: completed dates skipped, stops at the first failure",
				Parameter.optional("from", ParameterType.DATE, false, null,
						"first business day; by default the day after the last one loaded (a catch-up)"),
				Parameter.optional("to", ParameterType.DATE, false, null,
						"last business day, inclusive; by default yesterday (UTC)"))
		.rule(Jobs::dateRange)
		.rule(Jobs.happened("to"));

	static final JobContract DEMO = JobContract
		.of("demo", "Simulated days, each followed by its dailyCycle, with a summary per day and of the warehouse",
				Parameter.optional("start", ParameterType.DATE, false, LocalDate.of(2024, 1, 1), "first business day"),
				Parameter.optional("days", ParameterType.INTEGER, false, 4L, "how many days").between(1, 366),
				Jobs.SCALE)
		.rule(DayByDayJobConfiguration::lastDemoDayHappened)
		.summarizing();

	/** The demo's days end by today: each is loaded by a dailyCycle. */
	private static String lastDemoDayHappened(Map<String, Object> values) {
		LocalDate start = (LocalDate) values.get("start");
		Long days = (Long) values.get("days");
		if (start == null || days == null) {
			return null;
		}
		LocalDate last = start.plusDays(days - 1);
		return Jobs.happened("last day").apply(Map.of("last day", last));
	}

	// the days' steps are beans so that every step's listeners (progress, crash drills)
	// reach them too

	@Bean
	Step backfillDaysStep(JobRepository jobRepository, JobOperator jobOperator, Job dailyCycle) {
		return new BackfillDaysStep(jobRepository, jobOperator, dailyCycle, System.out);
	}

	@Bean
	Job backfill(JobRepository jobRepository, Step backfillDaysStep) {
		return new JobBuilder(BACKFILL.name(), jobRepository).validator(BACKFILL).start(backfillDaysStep).build();
	}

	@Bean
	Step demoDaysStep(JobRepository jobRepository, JobOperator jobOperator, Job simulate, Job dailyCycle,
			WarehouseDatabase warehouse, RunReports runReports, @Value("${logging.file.name:}") String logFile) {
		return new DemoDaysStep(jobRepository, jobOperator, simulate, dailyCycle, new WarehouseSummary(warehouse),
				runReports, logFile, System.out);
	}

	@Bean
	Job demo(JobRepository jobRepository, Step demoDaysStep) {
		return new JobBuilder(DEMO.name(), jobRepository).validator(DEMO).start(demoDaysStep).build();
	}

}
