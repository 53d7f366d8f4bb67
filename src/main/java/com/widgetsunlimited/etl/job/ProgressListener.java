package com.widgetsunlimited.etl.job;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.widgetsunlimited.etl.report.Failures;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a user watching a run sees: a line when each step starts and ends (items read,
 * written, skipped, and the rate), and a summary table of all steps when the job ends,
 * with the reason of each failure.
 */
public class ProgressListener implements JobExecutionListener, StepExecutionListener {

	/** Per thread, what each run that started on it found in the MDC. */
	private final ThreadLocal<Deque<Map<String, String>>> outer = ThreadLocal.withInitial(ArrayDeque::new);

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	@Override
	public void beforeJob(JobExecution execution) {
		name(execution);
		log.info("Job {} (execution {}) started with {}", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getJobParameters());
	}

	@Override
	public void beforeStep(StepExecution step) {
		name(step.getJobExecution());
		boolean restored = step.getExecutionContext()
			.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getKey().contains(".") && !entry.getKey().startsWith("batch."));
		if (restored) {
			// a restart: the readers' and writers' saved positions ("name.key") came back
			log.info("Step {} resumed from its last committed chunk", step.getStepName());
		}
		else {
			log.info("Step {} started", step.getStepName());
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		Duration took = elapsed(step.getStartTime(), step.getEndTime());
		log.info("Step {} {}: read {}, written {}, skipped {} in {} ({} items/s)", step.getStepName(), step.getStatus(),
				step.getReadCount(), step.getWriteCount(), step.getSkipCount(), format(took),
				rate(Math.max(step.getReadCount(), step.getWriteCount()), took));
		unname();
		return step.getExitStatus();
	}

	@Override
	public void afterJob(JobExecution execution) {
		int width = execution.getStepExecutions()
			.stream()
			.mapToInt((step) -> step.getStepName().length())
			.reduce(4, Math::max);
		String name = "  %-" + width + "s";
		StringBuilder table = new StringBuilder();
		table.append(String.format("%n" + name + " %-10s %10s %10s %10s %10s%n", "step", "status", "read", "written",
				"skipped", "seconds"));
		for (StepExecution step : execution.getStepExecutions()) {
			table.append(String.format(Locale.ROOT, name + " %-10s %10d %10d %10d %10.1f%n", step.getStepName(),
					step.getStatus(), step.getReadCount(), step.getWriteCount(), step.getSkipCount(),
					elapsed(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0));
		}
		log.info("Job {} (execution {}) {} in {}{}", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getStatus(), format(elapsed(execution.getStartTime(), execution.getEndTime())), table);
		for (Throwable failure : execution.getAllFailureExceptions()) {
			if (execution.getStatus() == BatchStatus.STOPPED) {
				// a stop on request (a signal): the step says where it stopped
				log.info("Stopped: {}", Failures.describe(failure));
			}
			else {
				log.error("Failure: {}", Failures.describe(failure));
			}
		}
		unname();
	}

	private static Duration elapsed(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return Duration.ZERO;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now());
	}

	private static String format(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static long rate(long items, Duration took) {
		return took.toMillis() == 0 ? items : items * 1000 / took.toMillis();
	}

	/**
	 * Names the run in every log line of this thread until it ends: the job, its business
	 * date and its execution ({@code [dailyCycle 2024-01-02 #5] }), for the console
	 * pattern; and as separate keys for structured logging. Jobs run jobs on the same
	 * thread (the demo's days), so each end restores what its start found.
	 */
	private void name(JobExecution execution) {
		this.outer.get().push(Optional.ofNullable(MDC.getCopyOfContextMap()).orElse(Map.of()));
		LocalDate date = execution.getJobParameters().getLocalDate("date");
		String job = execution.getJobInstance().getJobName();
		MDC.put("etl.job", job);
		MDC.put("etl.execution", String.valueOf(execution.getId()));
		if (date != null) {
			MDC.put("etl.businessDate", date.toString());
		}
		else {
			MDC.remove("etl.businessDate");
		}
		MDC.put("etl.run", "[" + job + ((date != null) ? " " + date : "") + " #" + execution.getId() + "] ");
	}

	private void unname() {
		Deque<Map<String, String>> stack = this.outer.get();
		MDC.setContextMap(stack.isEmpty() ? Map.of() : stack.pop());
	}

}
