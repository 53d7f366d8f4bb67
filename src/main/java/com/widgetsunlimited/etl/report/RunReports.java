package com.widgetsunlimited.etl.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Writes the HTML run reports next to the staging: every {@code dailyCycle} writes
 * {@code <staging>/<date>/report.html} when it ends, whatever its outcome (as a
 * {@link JobExecutionListener}); the demo writes one report of all its days. A report
 * that cannot be written is logged and never fails the run it describes.
 */
public class RunReports implements JobExecutionListener {

	/** The file name of a day's report in its staging folder. */
	public static final String DAY_REPORT = "report.html";

	private static final Logger log = LoggerFactory.getLogger(RunReports.class);

	private final RunReportReader reader;

	private final RunReportWriter writer;

	private final StagingLocation staging;

	private final JobRepository jobRepository;

	public RunReports(WarehouseDatabase warehouse, StagingLocation staging, JobRepository jobRepository) {
		this.reader = new RunReportReader(warehouse);
		this.writer = new RunReportWriter(staging);
		this.staging = staging;
		this.jobRepository = jobRepository;
	}

	@Override
	public void afterJob(JobExecution execution) {
		LocalDate date = execution.getJobParameters().getLocalDate("date");
		if (date == null) {
			return;
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			keepDayFigures(execution, date);
		}
		// the earlier attempts of the same run (a failure, then a resume) belong in it
		// too
		List<JobExecution> executions = new ArrayList<>(
				this.jobRepository.getJobExecutions(execution.getJobInstance()));
		executions.removeIf((earlier) -> earlier.getId() == execution.getId());
		executions.add(execution);
		write(execution.getJobInstance().getJobName() + " of " + date, List.of(date), executions,
				this.staging.dayFile(date, DAY_REPORT));
	}

	/**
	 * Keeps what the day loaded with its execution, saved before the execution is marked
	 * completed: the demo describes the day from there later.
	 */
	private void keepDayFigures(JobExecution execution, LocalDate date) {
		try {
			new DayFigures(this.reader.dimensions(List.of(date)), this.reader.sales(List.of(date))).keepIn(execution);
			this.jobRepository.updateExecutionContext(execution);
		}
		catch (Exception ex) {
			log.warn("Could not keep the figures of {}: {}", date, ex.toString(), ex);
		}
	}

	/**
	 * The report of several days with the executions that loaded them, written as
	 * {@code <staging>/<name>}.
	 * @return where it was written, or nothing when it could not be
	 */
	public Optional<Path> write(String title, List<LocalDate> dates, List<JobExecution> executions, String name) {
		return write(title, dates, executions, new Path(this.staging.root(), name));
	}

	private Optional<Path> write(String title, List<LocalDate> dates, List<JobExecution> executions, Path target) {
		try {
			this.writer.write(this.reader.read(title, dates, executions), target);
			log.info("Run report: {}", target);
			return Optional.of(target);
		}
		catch (Exception ex) {
			log.warn("Could not write the run report {}: {}", target, ex.toString(), ex);
			return Optional.empty();
		}
	}

}
