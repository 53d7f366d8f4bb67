package com.widgetsunlimited.etl.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.widgetsunlimited.etl.job.JobContract;
import com.widgetsunlimited.etl.job.Jobs;
import com.widgetsunlimited.etl.job.ProcessOwner;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a job runs: the first marks every job this process
 * runs as stopping in the job repository, as a stop from another process would; each step
 * notices when it records its next chunk, stops once that chunk is committed, and the job
 * ends STOPPED (exit 5), which the same command resumes. A second signal exits at once,
 * as a kill would (the next run resumes from the last committed chunk all the same).
 * Installed for the job's run only; the JVM's own handling comes back afterwards.
 * <p>
 * Not {@code JobOperator.stop}: from a thread beside the running steps it also writes
 * back its own stale copies of their step executions and contexts; with it, the crash
 * harness found a day whose customer dimension missed a chunk of changes.
 */
final class Interruptions implements AutoCloseable {

	private static final List<String> SIGNALS = List.of("INT", "TERM");

	private final JobRepository jobRepository;

	private final PrintStream err;

	private final AtomicInteger received = new AtomicInteger();

	private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

	private Interruptions(JobRepository jobRepository, PrintStream err) {
		this.jobRepository = jobRepository;
		this.err = err;
	}

	/** Handles SIGINT and SIGTERM until closed. */
	static Interruptions install(JobRepository jobRepository, PrintStream err) {
		Interruptions interruptions = new Interruptions(jobRepository, err);
		for (String name : SIGNALS) {
			Signal signal = new Signal(name);
			interruptions.previous.put(signal, Signal.handle(signal, interruptions::handle));
		}
		return interruptions;
	}

	private void handle(Signal signal) {
		if (this.received.incrementAndGet() > 1) {
			this.err.println("etl: SIG" + signal.getName() + " again: exiting now; the same command resumes from "
					+ "the last committed chunk");
			Runtime.getRuntime().halt(128 + signal.getNumber());
		}
		List<JobExecution> running = running();
		this.err.println("etl: SIG" + signal.getName() + ": stopping " + describe(running)
				+ " once the current chunk is committed (a second signal exits at once)");
		for (JobExecution execution : running) {
			markStopping(execution.getId());
		}
	}

	/**
	 * Marks the execution stopping; read again and retried when the job recorded itself
	 * meanwhile (its version moved on).
	 */
	private void markStopping(long executionId) {
		for (int attempt = 1;; attempt++) {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution == null || !execution.isRunning()) {
				return;
			}
			try {
				execution.setStatus(BatchStatus.STOPPING);
				this.jobRepository.update(execution);
				return;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/** The executions this process runs. */
	private List<JobExecution> running() {
		String self = ProcessOwner.current();
		List<JobExecution> running = new ArrayList<>();
		for (JobContract job : Jobs.all()) {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(job.name())) {
				if (ProcessOwner.owner(execution).map(self::equals).orElse(false)) {
					running.add(execution);
				}
			}
		}
		return running;
	}

	private static String describe(List<JobExecution> running) {
		return running.isEmpty() ? "the job" : String.join(", ",
				running.stream().map((execution) -> execution.getJobInstance().getJobName()).toList());
	}

	@Override
	public void close() {
		this.previous.forEach(Signal::handle);
	}

}
