package com.widgetsunlimited.etl.report;

import java.util.ArrayList;
import java.util.List;

import com.widgetsunlimited.etl.batch.FailFast.FailedBesideException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a job execution failed, in words a person can act on: the messages of its failures
 * with their causes, not their stack traces.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The reasons of {@code execution}'s failure: the messages of the exceptions it holds
	 * (an execution of this process), else the first line of each failed step's exit
	 * description (an execution read back from the job repository), else the job's. Empty
	 * when nothing failed.
	 */
	public static String of(JobExecution execution) {
		List<String> reasons = new ArrayList<>();
		causes(execution).stream().map(Failures::describe).distinct().forEach(reasons::add);
		if (reasons.isEmpty()) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStatus().isUnsuccessful()) {
					firstLine(step.getStepName() + ": ", step.getExitStatus().getExitDescription(), reasons);
				}
			}
		}
		if (reasons.isEmpty() && execution.getStatus().isUnsuccessful()) {
			firstLine("", execution.getExitStatus().getExitDescription(), reasons);
		}
		return String.join("; ", reasons);
	}

	/**
	 * The exceptions that say why {@code execution} failed, the job's first: all it holds
	 * but the bare {@link JobExecutionException}s that only say that something within
	 * failed (a partitioned step's "Partition handler returned an unsuccessful step") and
	 * the interruptions of steps stopped because of another's failure, unless nothing
	 * else is there.
	 */
	public static List<Throwable> causes(JobExecution execution) {
		List<Throwable> all = execution.getAllFailureExceptions().stream().map(Failures::unwrapSuppressed).toList();
		List<Throwable> telling = all.stream()
			.filter((failure) -> (failure.getClass() != JobExecutionException.class || failure.getCause() != null)
					&& !(failure instanceof JobInterruptedException) && !(failure instanceof FailedBesideException))
			.toList();
		return telling.isEmpty() ? all : telling;
	}

	/**
	 * The first exception {@code failure} suppressed, when it has no cause of its own: a
	 * composite's "Failed to close 1 delegate(s) due to exceptions" says no more than
	 * that.
	 */
	private static Throwable unwrapSuppressed(Throwable failure) {
		Throwable telling = failure;
		while (telling.getCause() == null && telling.getSuppressed().length > 0) {
			telling = telling.getSuppressed()[0];
		}
		return telling;
	}

	/** A failure's message followed by those of its causes: {@code a <- b <- c}. */
	public static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
		for (Throwable cause = failure.getCause(); cause != null
				&& cause != cause.getCause(); cause = cause.getCause()) {
			text.append(" <- ").append(cause.getMessage());
		}
		return text.toString();
	}

	/**
	 * The first line of an exit description, which Spring Batch fills with a stack trace
	 * ({@code com.example.SomeException: message}), without the class name.
	 */
	private static void firstLine(String prefix, String description, List<String> reasons) {
		String line = firstLine(description);
		if (!line.isEmpty()) {
			reasons.add(prefix + line);
		}
	}

	/**
	 * The first line of an exit description, without the exception's class name; empty
	 * for none.
	 */
	public static String firstLine(String description) {
		String line = (description == null) ? "" : description.lines().findFirst().orElse("").strip();
		return line.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
	}

}
