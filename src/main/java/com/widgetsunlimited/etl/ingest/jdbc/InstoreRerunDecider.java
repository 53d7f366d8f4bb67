package com.widgetsunlimited.etl.ingest.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

import com.widgetsunlimited.etl.ingest.ManifestWriter;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.staging.StagingLocation;

/**
 * Whether a run stages the day's in-store rows or keeps what the date's first run staged.
 * The in-store database holds only the current state of each row: a row updated again on
 * a later day has left the earlier day's {@code updated_at} window, so reading the window
 * again would stage less than the first run did. A rerun ({@code run} parameter) of a
 * date whose in-store staging completed (its manifest exists) therefore keeps those files
 * as the record of the day's input: {@value #KEEP}; otherwise {@value #STAGE}.
 */
public class InstoreRerunDecider implements JobExecutionDecider {

	/** Stage the day's in-store rows. */
	public static final String STAGE = "STAGE";

	/** Keep the in-store files the date's first run staged. */
	public static final String KEEP = "KEEP_STAGED";

	private static final Logger log = LoggerFactory.getLogger(InstoreRerunDecider.class);

	private final StagingLocation staging;

	public InstoreRerunDecider(StagingLocation staging) {
		this.staging = staging;
	}

	@Override
	public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
		LocalDate date = jobExecution.getJobParameters().getLocalDate("date");
		if (jobExecution.getJobParameters().getLong("run") == null) {
			return new FlowExecutionStatus(STAGE);
		}
		try (FileSystem fs = this.staging.fileSystem()) {
			if (!fs.exists(new org.apache.hadoop.fs.Path(this.staging.sourceFolder(date, Source.INSTORE),
					ManifestWriter.FILE))) {
				return new FlowExecutionStatus(STAGE);
			}
			List<String> lost = ManifestWriter.lostFiles(this.staging, date, Source.INSTORE);
			if (!lost.isEmpty()) {
				log.warn("Rerun of {}: the in-store files its first run staged are not all there ({}); reading the "
						+ "day's in-store rows again from the database, which keeps only current rows: rows changed "
						+ "since the first run are staged as they are now", date, String.join(", ", lost));
				return new FlowExecutionStatus(STAGE);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the staging of " + date, ex);
		}
		log.info("Rerun of {}: the in-store rows are those its first run staged (the in-store database keeps "
				+ "only current rows, some may have changed since)", date);
		return new FlowExecutionStatus(KEEP);
	}

}
