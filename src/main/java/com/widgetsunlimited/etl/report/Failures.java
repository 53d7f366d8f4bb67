package com.widgetsunlimited.etl.report;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
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
		execution.getAllFailureExceptions().stream().map(Failures::describe).distinct().forEach(reasons::add);
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
		String line = (description == null) ? "" : description.lines().findFirst().orElse("").strip();
		line = line.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
		if (!line.isEmpty()) {
			reasons.add(prefix + line);
		}
	}

}
