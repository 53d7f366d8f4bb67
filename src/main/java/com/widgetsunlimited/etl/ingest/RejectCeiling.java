package com.widgetsunlimited.etl.ingest;

import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Fails an ingestion step whose input is clearly broken: more rejects than
 * {@code etl.ingest.max-rejects}, or a larger share of the input than
 * {@code etl.ingest.max-reject-share}, so that a bad day does not quietly load almost
 * nothing. The rejects stay recorded; fixing the input and running again re-reads it.
 */
public class RejectCeiling implements StepExecutionListener {

	static final String STAGED = "ingested.staged";

	static final String REJECTED = "ingested.rejected";

	private final long maxRejects;

	private final double maxShare;

	/**
	 * @param maxRejects the most rejects a step may have; negative for no limit
	 * @param maxShare the largest share (0 to 1) of a step's rows that may be rejected
	 */
	public RejectCeiling(long maxRejects, double maxShare) {
		this.maxRejects = maxRejects;
		this.maxShare = maxShare;
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		if (step.getStatus() != BatchStatus.COMPLETED) {
			return step.getExitStatus();
		}
		long staged = step.getExecutionContext().getLong(STAGED, 0L);
		long rejected = step.getExecutionContext().getLong(REJECTED, 0L);
		String problem = problem(staged, rejected);
		if (problem == null) {
			return step.getExitStatus();
		}
		String message = step.getStepName() + ": " + problem + "; the rejects are in etl_reject";
		step.setStatus(BatchStatus.FAILED);
		step.addFailureException(new IllegalStateException(message));
		return ExitStatus.FAILED.addExitDescription(message);
	}

	/**
	 * Why {@code rejected} of {@code staged + rejected} rows is too many, or
	 * {@code null}.
	 */
	String problem(long staged, long rejected) {
		long total = staged + rejected;
		if (this.maxRejects >= 0 && rejected > this.maxRejects) {
			return rejected + " of " + total + " rows rejected, more than the ceiling of " + this.maxRejects;
		}
		if (total > 0 && (double) rejected / total > this.maxShare) {
			return String.format(Locale.ROOT, "%d of %d rows rejected (%.1f%%), more than the ceiling of %.1f%%",
					rejected, total, 100.0 * rejected / total, 100.0 * this.maxShare);
		}
		return null;
	}

}
