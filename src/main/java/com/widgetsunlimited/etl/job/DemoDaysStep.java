package com.widgetsunlimited.etl.job;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.widgetsunlimited.etl.report.Failures;
import com.widgetsunlimited.etl.report.RunReports;
import com.widgetsunlimited.etl.report.WarehouseSummary;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;

/**
 * The demo's one step: for each day, {@code simulate} then {@code dailyCycle} as jobs of
 * their own, launched one after the other (outside any transaction of this step, as a job
 * must be), with the day's summary; then the warehouse's. A day whose job completed
 * before is skipped, a failed one is resumed. Last, the HTML run report of all its days.
 */
class DemoDaysStep extends AbstractStep {

	/** The demo's report of all its days, in the staging root. */
	static final String DEMO_REPORT = "demo-report.html";

	private final JobOperator jobOperator;

	private final Job simulate;

	private final Job dailyCycle;

	private final WarehouseSummary summary;

	private final RunReports reports;

	private final String logFile;

	private final PrintStream out;

	DemoDaysStep(JobRepository jobRepository, JobOperator jobOperator, Job simulate, Job dailyCycle,
			WarehouseSummary summary, RunReports reports, String logFile, PrintStream out) {
		super(jobRepository);
		setName("demoDaysStep");
		this.jobOperator = jobOperator;
		this.simulate = simulate;
		this.dailyCycle = dailyCycle;
		this.summary = summary;
		this.reports = reports;
		this.logFile = logFile;
		this.out = out;
	}

	@Override
	protected void doExecute(StepExecution stepExecution) throws Exception {
		JobParameters parameters = stepExecution.getJobParameters();
		LocalDate start = parameters.getLocalDate("start");
		long days = parameters.getLong("days");
		long scale = parameters.getLong("scale");
		List<LocalDate> dates = new ArrayList<>();
		List<JobExecution> cycles = new ArrayList<>();
		for (int day = 0; day < days; day++) {
			LocalDate date = start.plusDays(day);
			dates.add(date);
			stopIfAsked(stepExecution);
			run(this.simulate,
					new JobParametersBuilder().addLocalDate("date", date)
						.addLong("scale", scale, false)
						.toJobParameters());
			JobParameters cycle = new JobParametersBuilder().addLocalDate("date", date).toJobParameters();
			stopIfAsked(stepExecution);
			run(this.dailyCycle, cycle);
			List<JobExecution> dayCycles = getJobRepository()
				.getJobExecutions(getJobRepository().getJobInstance("dailyCycle", cycle));
			cycles.addAll(dayCycles);
			this.summary.printDay(date, dayCycles, this.out);
			stepExecution.setWriteCount(stepExecution.getWriteCount() + 1);
		}
		this.summary.printWarehouse(this.out);
		this.reports.write("Demo, " + dates.get(0) + " to " + dates.get(dates.size() - 1), dates, cycles, DEMO_REPORT)
			.ifPresent((path) -> this.out.printf("%nRun report of the demo: %s%n", path));
		if (!this.logFile.isEmpty()) {
			this.out.printf("Log of every step: %s (--verbose prints it here instead)%n", this.logFile);
		}
	}

	/** Ends the step as stopped when its job was asked to stop (a signal, say). */
	private void stopIfAsked(StepExecution stepExecution) throws JobInterruptedException {
		JobExecution own = getJobRepository().getJobExecution(stepExecution.getJobExecutionId());
		if (own != null && own.getStatus() == BatchStatus.STOPPING) {
			throw new JobInterruptedException("the demo was asked to stop");
		}
	}

	private void run(Job job, JobParameters parameters) throws Exception {
		JobExecution execution;
		try {
			execution = StaleExecutions.start(this.jobOperator, getJobRepository(), job, parameters,
					job.getName() + " date=" + parameters.getLocalDate("date"), System.err);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			this.out.printf("%s of %s: done before%n", job.getName(), parameters.getLocalDate("date"));
			return;
		}
		if (execution.getStatus() == BatchStatus.STOPPED) {
			throw new JobInterruptedException(job.getName() + " of " + parameters.getLocalDate("date") + " stopped");
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(job.getName() + " of " + parameters.getLocalDate("date") + " ended "
					+ execution.getStatus() + ": " + Failures.of(execution) + " (run the demo again to resume it)");
		}
	}

}
