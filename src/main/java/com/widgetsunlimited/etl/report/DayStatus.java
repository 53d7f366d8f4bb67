package com.widgetsunlimited.etl.report;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.widgetsunlimited.etl.warehouse.Publication;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per business day, its last {@code dailyCycle} run as the job repository and the audit
 * hold it: the answer to "what ran last night, and did it load?".
 *
 * @param date the business day
 * @param execution the last run's job execution
 * @param status its status ({@code COMPLETED}, {@code FAILED}, {@code STOPPED}, ...)
 * @param steps how many step executions it had
 * @param rowsLoaded the rows the day's audit counted in the raw layer
 * @param rowsRejected the rows the day's audit counted rejected
 * @param ended when it ended; {@code null} while it runs
 * @param failure the first line of why it failed; empty when it did not
 * @param publishedBy the run whose publication of the day analysts see (the last run's
 * own, or an earlier one's when the last did not publish); {@code null} when none
 */
public record DayStatus(LocalDate date, long execution, String status, long steps, long rowsLoaded, long rowsRejected,
		LocalDateTime ended, String failure, Long publishedBy) {

	/** Every business day a {@code dailyCycle} ran for, in date order. */
	public static List<DayStatus> read(WarehouseDatabase warehouse) {
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		Map<LocalDate, long[]> audited = new TreeMap<>();
		jdbc.query("SELECT business_date, SUM(rows_loaded), SUM(rows_rejected) FROM etl_audit GROUP BY business_date",
				(rs) -> {
					audited.put(rs.getDate(1).toLocalDate(), new long[] { rs.getLong(2), rs.getLong(3) });
				});
		Map<LocalDate, Long> published = new TreeMap<>();
		jdbc.query("SELECT business_date, MAX(job_execution_id) FROM " + Publication.LOG + " GROUP BY business_date",
				(rs) -> {
					published.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
				});
		Map<LocalDate, DayStatus> days = new TreeMap<>();
		jdbc.query("SELECT p.PARAMETER_VALUE, e.JOB_EXECUTION_ID, e.STATUS, e.END_TIME, e.EXIT_MESSAGE, "
				+ "(SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) "
				+ "FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
				+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
				+ "WHERE i.JOB_NAME = 'dailyCycle' AND p.PARAMETER_NAME = 'date' ORDER BY e.JOB_EXECUTION_ID", (rs) -> {
					LocalDate date = LocalDate.parse(rs.getString(1));
					long[] counts = audited.getOrDefault(date, new long[2]);
					Timestamp ended = rs.getTimestamp(4);
					String status = rs.getString(3);
					days.put(date,
							new DayStatus(date, rs.getLong(2), status, rs.getLong(6), counts[0], counts[1],
									(ended != null) ? ended.toLocalDateTime() : null,
									"COMPLETED".equals(status) ? "" : Failures.firstLine(rs.getString(5)),
									published.get(date)));
				});
		List<DayStatus> read = new ArrayList<>();
		for (DayStatus day : days.values()) {
			read.add(day.failure().isEmpty() && !day.status().equals("COMPLETED") ? day.withStepFailure(jdbc) : day);
		}
		return read;
	}

	/**
	 * This day with the failure of its first failed step, when the job's says nothing.
	 */
	private DayStatus withStepFailure(JdbcTemplate jdbc) {
		List<String> failures = jdbc
			.queryForList("SELECT STEP_NAME, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE "
					+ "JOB_EXECUTION_ID = ? AND STATUS = 'FAILED' ORDER BY STEP_EXECUTION_ID", this.execution)
			.stream()
			.map((row) -> row.get("STEP_NAME") + ": " + Failures.firstLine((String) row.get("EXIT_MESSAGE")))
			.toList();
		return failures.isEmpty() ? this : new DayStatus(this.date, this.execution, this.status, this.steps,
				this.rowsLoaded, this.rowsRejected, this.ended, failures.get(0), this.publishedBy);
	}

	/** This day as JSON-ready values. */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("businessDate", this.date.toString());
		map.put("execution", this.execution);
		map.put("status", this.status);
		map.put("steps", this.steps);
		map.put("rowsLoaded", this.rowsLoaded);
		map.put("rowsRejected", this.rowsRejected);
		map.put("ended", (this.ended != null) ? this.ended.toString() : null);
		map.put("failure", this.failure.isEmpty() ? null : this.failure);
		map.put("published", this.publishedBy != null);
		map.put("publishedBy", this.publishedBy);
		return map;
	}

}
