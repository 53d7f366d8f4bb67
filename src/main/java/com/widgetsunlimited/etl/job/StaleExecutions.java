package com.widgetsunlimited.etl.job;

import java.io.PrintStream;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starting a job whose last execution a process that is gone left marked as running (it
 * was killed, or the machine went down): the execution is marked failed and the job
 * started again, which resumes it. The launcher does this for the job it is asked to run,
 * and so do the jobs that run other jobs ({@code demo}, {@code backfill}), so an
 * interrupted demo or backfill resumes as a direct run would.
 */
public final class StaleExecutions {

	private StaleExecutions() {
	}

	/**
	 * Starts {@code job} with {@code parameters}, first recovering its execution that a
	 * gone process left running; says so on {@code err}, naming the run as
	 * {@code described}.
	 * @throws JobExecutionAlreadyRunningException when a process that still lives runs it
	 */
	public static JobExecution start(JobOperator operator, JobRepository repository, Job job, JobParameters parameters,
			String described, PrintStream err) throws JobExecutionAlreadyRunningException, JobRestartException,
			JobInstanceAlreadyCompleteException, InvalidJobParametersException {
		try {
			return operator.start(job, parameters);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			JobExecution running = repository.getLastJobExecution(job.getName(), parameters);
			if (running == null || !ProcessOwner.isGone(running)) {
				throw ex;
			}
			err.println("etl: " + described + " (execution " + running.getId() + ") was left running by "
					+ ProcessOwner.owner(running).orElse("?") + ", which is gone; marking it failed and resuming");
			operator.recover(running);
			return operator.start(job, parameters);
		}
	}

}
