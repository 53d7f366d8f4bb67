package com.widgetsunlimited.etl.report;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * What a run report shows of one or more business days: the job runs and their steps, the
 * rejects, the reconciliation of the audit, the sales and the dimensions' activity, and
 * the charts drawn from them.
 *
 * @param title the report's heading
 * @param dates the business days it covers
 * @param generatedAt when it was written (UTC)
 * @param runs the {@code dailyCycle} executions of those days, oldest first
 * @param steps their step executions
 * @param rejects the days' rejects, grouped by source, entity and kind of reason
 * @param reconciliation the days' {@code etl_audit} rows
 * @param sales the fact's lines loaded per business day and channel
 * @param dimensions the versions each day opened, closed and inferred per dimension
 */
public record RunReport(String title, List<LocalDate> dates, LocalDateTime generatedAt, List<Run> runs,
		List<StepRow> steps, List<RejectGroup> rejects, List<AuditRow> reconciliation, List<SalesRow> sales,
		List<DimensionActivity> dimensions) {

	/** Whether every run completed and every audit row balances. */
	public boolean allGood() {
		return !this.runs.isEmpty() && this.runs.get(this.runs.size() - 1).status().equals("COMPLETED")
				&& this.reconciliation.stream().allMatch(AuditRow::balanced);
	}

	/** The steps of the jobs, without the workers of partitioned steps. */
	public List<StepRow> jobSteps() {
		return this.steps.stream().filter((step) -> !step.partition()).toList();
	}

	/** The workers of partitioned steps, by name. */
	public List<StepRow> partitions() {
		return this.steps.stream()
			.filter(StepRow::partition)
			.sorted(Comparator.comparing(StepRow::date).thenComparing(StepRow::name))
			.toList();
	}

	/** The number of rejected rows. */
	public long rejectedRows() {
		return this.rejects.stream().mapToLong(RejectGroup::count).sum();
	}

	/** The number of audit rows that do not balance. */
	public long unbalancedRows() {
		return this.reconciliation.stream().filter((row) -> !row.balanced()).count();
	}

	/** One job execution, with why it failed when it did. */
	public record Run(LocalDate date, long instanceId, long executionId, String status, String exitCode, String failure,
			LocalDateTime start, double seconds) {
	}

	/** One step execution. */
	public record StepRow(LocalDate date, long executionId, String name, String status, LocalDateTime start,
			double seconds, long read, long written, long filtered, long skipped, long commits) {

		/** Rows per second, the larger of read and written over the step's time. */
		public long rowsPerSecond() {
			return (this.seconds <= 0) ? 0 : Math.round(Math.max(this.read, this.written) / this.seconds);
		}

		/**
		 * Whether this is a worker of a partitioned step (its name carries the
		 * partition).
		 */
		public boolean partition() {
			return this.name.contains(":");
		}

	}

	/** Rejects of one source and entity that failed for the same kind of reason. */
	public record RejectGroup(LocalDate date, String source, String entity, String kind, long count,
			List<RejectExample> examples) {
	}

	/** One rejected row: where it came from and why. */
	public record RejectExample(String origin, String reason) {
	}

	/** One {@code etl_audit} row and whether it balances. */
	public record AuditRow(LocalDate date, String source, String entity, long read, long staged, long rejected,
			long loaded, BigDecimal sourceAmount, BigDecimal loadedAmount) {

		/**
		 * Every staged row is in the raw layer, and the loaded money equals the source's.
		 */
		public boolean balanced() {
			boolean amounts = (this.sourceAmount == null) ? this.loadedAmount == null
					: this.loadedAmount != null && this.sourceAmount.compareTo(this.loadedAmount) == 0;
			return this.staged == this.loaded && amounts;
		}

	}

	/** Sales lines a business day loaded in one channel. */
	public record SalesRow(LocalDate date, String channel, long lines, BigDecimal sales, long returns,
			long cancelled) implements Serializable {
	}

	/** What a business day did to one dimension. */
	public record DimensionActivity(LocalDate date, String dimension, long opened, long closed,
			long inferred) implements Serializable {
	}

}
