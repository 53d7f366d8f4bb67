package com.widgetsunlimited.etl.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows and seconds of each step of the newest {@code dailyCycle} execution, from the job
 * repository's step executions.
 */
final class StepTimes {

	private StepTimes() {
	}

	/** One step: items written and seconds from start to end. */
	record Step(long rows, double seconds) {
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
			steps.put("dailyCycle", new Step(0, seconds(rs.getTimestamp(2), rs.getTimestamp(3))));
		}
		try (PreparedStatement query = warehouse
			.prepareStatement("SELECT step_name, write_count, start_time, end_time FROM batch_step_execution "
					+ "WHERE job_execution_id = ? ORDER BY step_execution_id");) {
			query.setLong(1, execution);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					steps.put(rs.getString(1),
							new Step(rs.getLong(2), seconds(rs.getTimestamp(3), rs.getTimestamp(4))));
				}
			}
		}
		return steps;
	}

	private static double seconds(Timestamp start, Timestamp end) {
		return (end == null || start == null) ? Double.NaN : (end.getTime() - start.getTime()) / 1000.0;
	}

}
