package com.widgetsunlimited.etl.report;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.widgetsunlimited.etl.report.RunReport.DimensionActivity;
import com.widgetsunlimited.etl.report.RunReport.SalesRow;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * What one business day loaded: its dimension activity and its sales per channel, as they
 * stood when its {@code dailyCycle} completed. Later days change the warehouse's rows of
 * earlier ones (a line cancelled, an inferred member made real), so a day described
 * afterwards from the warehouse would not be the day that ran; these figures are kept in
 * the completed execution's context and read from there.
 *
 * @param dimensions per dimension, the versions opened and closed and the members
 * inferred
 * @param sales per channel, the lines loaded and their total
 */
public record DayFigures(List<DimensionActivity> dimensions, List<SalesRow> sales) implements Serializable {

	/** The key of the figures in a {@code dailyCycle}'s execution context. */
	static final String KEY = "etl.dayFigures";

	public DayFigures {
		dimensions = List.copyOf(dimensions);
		sales = List.copyOf(sales);
	}

	/** Keeps these figures in {@code execution}'s context (saved by the caller). */
	void keepIn(JobExecution execution) {
		execution.getExecutionContext().put(KEY, this);
	}

	/**
	 * The figures of {@code date} kept by the last of {@code executions} that completed
	 * it.
	 */
	static Optional<DayFigures> keptFor(LocalDate date, List<JobExecution> executions) {
		return executions.stream()
			.filter((execution) -> execution.getStatus() == BatchStatus.COMPLETED
					&& date.equals(execution.getJobParameters().getLocalDate("date"))
					&& execution.getExecutionContext().get(KEY) instanceof DayFigures)
			.max(Comparator.comparingLong(JobExecution::getId))
			.map((execution) -> (DayFigures) execution.getExecutionContext().get(KEY));
	}

}
