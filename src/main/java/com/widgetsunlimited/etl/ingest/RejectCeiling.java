package com.widgetsunlimited.etl.ingest;

import java.time.LocalDate;

import java.util.Locale;
import java.util.Map;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.EntityPartitioner;
import com.widgetsunlimited.etl.warehouse.RejectWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Fails an ingestion step whose input is clearly broken: more rejects than
 * {@code etl.ingest.max-rejects}, or a larger share of the input than
 * {@code etl.ingest.max-reject-share}, so that a bad day does not quietly load almost
 * nothing. A step that trips it starts over when run again: its rejects are removed from
 * {@code etl_reject} and its place in the input forgotten, so that after the input is
 * fixed, the command the failure prints re-reads it from the start and only the real
 * rejects remain.
 */
public class RejectCeiling implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RejectCeiling.class);

	static final String STAGED = "ingested.staged";

	static final String REJECTED = "ingested.rejected";

	/** Marks the context of a step that tripped the ceiling: its next run starts over. */
	static final String START_OVER = "ingested.startOver";

	private final long maxRejects;

	private final double maxShare;

	private final WarehouseDatabase warehouse;

	/**
	 * @param maxRejects the most rejects a step may have; negative for no limit
	 * @param maxShare the largest share (0 to 1) of a step's rows that may be rejected
	 */
	public RejectCeiling(long maxRejects, double maxShare) {
		this(maxRejects, maxShare, null);
	}

	/**
	 * @param maxRejects the most rejects a step may have; negative for no limit
	 * @param maxShare the largest share (0 to 1) of a step's rows that may be rejected
	 * @param warehouse where the rejects are, replaced when a step starts over
	 */
	public RejectCeiling(long maxRejects, double maxShare, WarehouseDatabase warehouse) {
		this.maxRejects = maxRejects;
		this.maxShare = maxShare;
		this.warehouse = warehouse;
	}

	/**
	 * A step that tripped the ceiling before starts over: the rejects of its date and
	 * entity are removed before it reads its input again from the start.
	 */
	@Override
	public void beforeStep(StepExecution step) {
		if (!step.getExecutionContext().containsKey(START_OVER)) {
			return;
		}
		String entity = step.getExecutionContext().getString(EntityPartitioner.ENTITY, null);
		LocalDate date = step.getJobParameters().getLocalDate("date");
		if (this.warehouse != null && entity != null && date != null) {
			int removed = RejectWriter.removeRejects(this.warehouse, date, Entity.byId(entity));
			log.info("Step {} starts over after its reject ceiling: {} rejects of its earlier attempt removed",
					step.getStepName(), removed);
		}
		step.getExecutionContext().remove(START_OVER);
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
		String message = step.getStepName() + ": " + problem + startOver(step);
		step.setStatus(BatchStatus.FAILED);
		step.addFailureException(new IllegalStateException(message));
		return ExitStatus.FAILED.addExitDescription(message);
	}

	/**
	 * Forgets the step's place in the input (its execution context but the entity it
	 * ingests, saved after this listener) and marks it to start over.
	 * @return what the message says about the rejects
	 */
	private String startOver(StepExecution step) {
		String entity = step.getExecutionContext().getString(EntityPartitioner.ENTITY, null);
		if (this.warehouse == null || entity == null) {
			return "; the rejects are in etl_reject";
		}
		for (String key : step.getExecutionContext().entrySet().stream().map(Map.Entry::getKey).toList()) {
			if (!key.equals(EntityPartitioner.ENTITY) && !key.equals(EntityPartitioner.RANK)) {
				step.getExecutionContext().remove(key);
			}
		}
		step.getExecutionContext().putString(START_OVER, "true");
		return "; the rejects are in etl_reject; fix the " + Entity.byId(entity).source().id()
				+ " input and run the same command again: it is read again from the start, and its rejects "
				+ "replace these";
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
