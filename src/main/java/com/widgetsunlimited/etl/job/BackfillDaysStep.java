package com.widgetsunlimited.etl.job;

import java.io.PrintStream;
import java.time.LocalDate;

import com.widgetsunlimited.etl.report.Failures;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;

/**
 * The backfill's one step: {@code dailyCycle} of every date from {@code from} to
 * {@code to}, in order, each a job instance of its own (launched outside any transaction
 * of this step, as a job must be). A date that completed before is skipped; the first
 * date that fails stops the backfill, which says which date failed and the command that
 * resumes from there.
 */
class BackfillDaysStep extends AbstractStep {

	private final JobOperator jobOperator;

	private final Job dailyCycle;

	private final PrintStream out;

	BackfillDaysStep(JobRepository jobRepository, JobOperator jobOperator, Job dailyCycle, PrintStream out) {
		super(jobRepository);
		setName("backfillDaysStep");
		this.jobOperator = jobOperator;
		this.dailyCycle = dailyCycle;
		this.out = out;
	}

	@Override
	protected void doExecute(StepExecution stepExecution) throws Exception {
		JobParameters parameters = stepExecution.getJobParameters();
		LocalDate from = parameters.getLocalDate("from");
		LocalDate to = parameters.getLocalDate("to");
		for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
			JobExecution execution;
			try {
				execution = StaleExecutions.start(this.jobOperator, getJobRepository(), this.dailyCycle,
						new JobParametersBuilder().addLocalDate("date", date).toJobParameters(),
						"dailyCycle date=" + date, System.err);
			}
			catch (JobInstanceAlreadyCompleteException ex) {
				this.out.printf("Backfill: dailyCycle of %s had completed before, skipped%n", date);
				continue;
			}
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				String resume = "java -jar etl.jar --job=backfill from=" + date + " to=" + to;
				this.out.printf(
						"Backfill stopped at %s: its dailyCycle ended %s. Fix the cause, then resume with: %s%n", date,
						execution.getStatus(), resume);
				throw new IllegalStateException("the dailyCycle of " + date + " ended " + execution.getStatus() + " ("
						+ Failures.of(execution) + "); resume with: " + resume);
			}
			this.out.printf("Backfill: dailyCycle of %s completed%n", date);
			stepExecution.setWriteCount(stepExecution.getWriteCount() + 1);
		}
	}

}
