package com.widgetsunlimited.etl.job;

import java.io.PrintStream;

import com.widgetsunlimited.etl.warehouse.WarehouseLock;

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
 * was killed, or the machine or container went down): the execution is marked failed and
 * the job started again, which resumes it. A process is known gone when it ran on this
 * host and its pid is free, or, for a job that loads the warehouse, when this process
 * holds the warehouse's lock: no other process, on any host, loads it then. The launcher
 * does this for the job it is asked to run, and so do the jobs that run other jobs
 * ({@code demo}, {@code backfill}), so an interrupted demo or backfill resumes as a
 * direct run would.
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
			if (running == null) {
				throw ex;
			}
			if (ProcessOwner.isGone(running)) {
				err.println("etl: " + described + " (execution " + running.getId() + ") was left running by "
						+ ProcessOwner.owner(running).orElse("?") + ", which is gone; marking it failed and resuming");
			}
			else if (Jobs.LOADING.contains(job.getName()) && WarehouseLock.isHeldHere()
					&& !ProcessOwner.owner(running).map(ProcessOwner.current()::equals).orElse(false)) {
				// the process that loads this warehouse is this one: the other is gone,
				// on
				// whatever host it ran (a container's name dies with it)
				err.println("etl: " + described + " (execution " + running.getId() + ") was left running by "
						+ ProcessOwner.owner(running).orElse("?")
						+ ", which no longer loads this warehouse (its lock is free); marking it failed and resuming");
			}
			else {
				throw ex;
			}
			operator.recover(running);
			return operator.start(job, parameters);
		}
	}

}
