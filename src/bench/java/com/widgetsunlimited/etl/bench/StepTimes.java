package com.widgetsunlimited.etl.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows and seconds of each step of the newest {@code dailyCycle} execution, from the job
 * repository's step executions.
 */
final class StepTimes {

	private StepTimes() {
	}

	/**
	 * One step: items written and seconds from start to end, and when it started and
	 * ended (null where not known).
	 */
	record Step(long rows, double seconds, Instant start, Instant end) {

		Step(long rows, double seconds) {
			this(rows, seconds, null, null);
		}

	}

	/**
	 * The newest {@code dailyCycle} execution's steps by name, plus {@code dailyCycle}
	 * itself (its wall time; rows: everything the ingestion staged).
	 */
	static Map<String, Step> newestDailyCycle(Connection warehouse) throws SQLException {
		Map<String, Step> steps = new LinkedHashMap<>();
		long execution;
		try (PreparedStatement query = warehouse
			.prepareStatement("SELECT e.job_execution_id, e.start_time, e.end_time FROM batch_job_execution e "
					+ "JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id "
					+ "WHERE i.job_name = 'dailyCycle' ORDER BY e.job_execution_id DESC LIMIT 1");
				ResultSet rs = query.executeQuery()) {
			if (!rs.next()) {
				throw new IllegalStateException("no dailyCycle execution in the warehouse");
			}
			execution = rs.getLong(1);
			steps.put("dailyCycle", step(0, rs.getTimestamp(2), rs.getTimestamp(3)));
		}
		try (PreparedStatement query = warehouse
			.prepareStatement("SELECT step_name, write_count, start_time, end_time FROM batch_step_execution "
					+ "WHERE job_execution_id = ? ORDER BY step_execution_id");) {
			query.setLong(1, execution);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					steps.put(rs.getString(1), step(rs.getLong(2), rs.getTimestamp(3), rs.getTimestamp(4)));
				}
			}
		}
		return steps;
	}

	/**
	 * A step from its times as the job repository keeps them: the wall-clock times of the
	 * cycle's JVM, read in this JVM's time zone, which on the same machine is the same.
	 */
	private static Step step(long rows, Timestamp start, Timestamp end) {
		if (start == null || end == null) {
			return new Step(rows, Double.NaN);
		}
		return new Step(rows, (end.getTime() - start.getTime()) / 1000.0, start.toInstant(), end.toInstant());
	}

}
