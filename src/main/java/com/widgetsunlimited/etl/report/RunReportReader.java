package com.widgetsunlimited.etl.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.widgetsunlimited.etl.report.RunReport.AuditRow;
import com.widgetsunlimited.etl.report.RunReport.DimensionActivity;
import com.widgetsunlimited.etl.report.RunReport.RejectExample;
import com.widgetsunlimited.etl.report.RunReport.RejectGroup;
import com.widgetsunlimited.etl.report.RunReport.Run;
import com.widgetsunlimited.etl.report.RunReport.SalesRow;
import com.widgetsunlimited.etl.report.RunReport.StepRow;
import com.widgetsunlimited.etl.warehouse.PayloadMasking;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads what a {@link RunReport} shows from the warehouse ({@code etl_reject},
 * {@code etl_audit}, {@code sales_fact}, the dimensions) and from the job executions it
 * is given. Every query is bounded by the report's business days.
 */
public class RunReportReader {

	/** The dimensions whose versions the report counts. */
	public static final List<String> DIMENSIONS = List.of("customer", "product", "store");

	private static final int EXAMPLES = 3;

	private static final Pattern QUOTED = Pattern.compile("'[^']*'");

	private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.,:-]*");

	private final NamedParameterJdbcTemplate jdbc;

	public RunReportReader(WarehouseDatabase warehouse) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse.dataSource());
	}

	/**
	 * The report of {@code dates}, with the job executions that loaded them (each
	 * carrying a {@code date} parameter).
	 */
	public RunReport read(String title, List<LocalDate> dates, List<JobExecution> executions) {
		List<JobExecution> ordered = executions.stream().sorted(Comparator.comparingLong(JobExecution::getId)).toList();
		List<Run> runs = new ArrayList<>();
		List<StepRow> steps = new ArrayList<>();
		for (JobExecution execution : ordered) {
			LocalDate date = execution.getJobParameters().getLocalDate("date");
			runs.add(new Run(date, execution.getJobInstance().getInstanceId(), execution.getId(),
					execution.getStatus().name(), execution.getExitStatus().getExitCode(),
					abbreviate(Failures.of(execution), 2000), seconds(execution.getStartTime()),
					seconds(execution.getStartTime(), execution.getEndTime())));
			execution.getStepExecutions()
				.stream()
				.sorted(Comparator.comparing(StepExecution::getId))
				.map((step) -> new StepRow(date, execution.getId(), step.getStepName(), step.getStatus().name(),
						seconds(step.getStartTime()), seconds(step.getStartTime(), step.getEndTime()),
						step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount(),
						step.getCommitCount()))
				.forEach(steps::add);
		}
		return new RunReport(title, List.copyOf(dates),
				LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), runs, steps, rejects(dates),
				reconciliation(dates), sales(dates), dimensions(dates));
	}

	/**
	 * What {@code date} loaded: the figures its completed {@code dailyCycle} among
	 * {@code executions} kept, else as the warehouse holds them now.
	 */
	public DayFigures dayFigures(LocalDate date, List<JobExecution> executions) {
		return DayFigures.keptFor(date, executions)
			.orElseGet(() -> new DayFigures(dimensions(List.of(date)), sales(List.of(date))));
	}

	/** The fact's lines loaded on {@code dates}, per day and channel. */
	List<SalesRow> sales(List<LocalDate> dates) {
		return this.jdbc.query(
				"SELECT business_date, channel, COUNT(*) AS n, SUM(total_price) AS t, "
						+ "SUM(CASE WHEN transaction_type = 'RETURN' THEN 1 ELSE 0 END) AS r, "
						+ "SUM(CASE WHEN is_cancelled THEN 1 ELSE 0 END) AS c FROM sales_fact "
						+ "WHERE business_date IN (:dates) AND NOT is_deleted GROUP BY business_date, channel "
						+ "ORDER BY business_date, channel",
				datesParameter(dates),
				(rs, i) -> new SalesRow(rs.getObject("business_date", LocalDate.class), rs.getString("channel"),
						rs.getLong("n"), rs.getBigDecimal("t"), rs.getLong("r"), rs.getLong("c")));
	}

	/**
	 * Per day and dimension: the versions that became effective that day, those closed
	 * the day before (a change), and the inferred members the day created.
	 */
	List<DimensionActivity> dimensions(List<LocalDate> dates) {
		List<DimensionActivity> activity = new ArrayList<>();
		for (LocalDate date : dates) {
			for (String dimension : DIMENSIONS) {
				Map<String, Object> row = this.jdbc.queryForMap("SELECT SUM(CASE WHEN effective_date = :date THEN 1 "
						+ "ELSE 0 END) AS opened, SUM(CASE WHEN expiration_date = :before THEN 1 ELSE 0 END) AS closed, "
						+ "SUM(CASE WHEN is_inferred AND business_date = :date THEN 1 ELSE 0 END) AS inferred FROM "
						+ dimension + "_dim WHERE effective_date = :date OR expiration_date = :before OR business_date "
						+ "= :date", new MapSqlParameterSource("date", date).addValue("before", date.minusDays(1)));
				activity.add(new DimensionActivity(date, dimension, count(row.get("opened")), count(row.get("closed")),
						count(row.get("inferred"))));
			}
		}
		return activity;
	}

	private List<AuditRow> reconciliation(List<LocalDate> dates) {
		return this.jdbc.query(
				"SELECT business_date, source, entity, rows_read, rows_staged, rows_rejected, "
						+ "rows_loaded, source_amount, loaded_amount FROM etl_audit WHERE business_date IN (:dates) "
						+ "ORDER BY business_date, source, entity",
				datesParameter(dates),
				(rs, i) -> new AuditRow(rs.getObject("business_date", LocalDate.class), rs.getString("source"),
						rs.getString("entity"), rs.getLong("rows_read"), rs.getLong("rows_staged"),
						rs.getLong("rows_rejected"), rs.getLong("rows_loaded"), rs.getBigDecimal("source_amount"),
						rs.getBigDecimal("loaded_amount")));
	}

	private List<RejectGroup> rejects(List<LocalDate> dates) {
		record Key(LocalDate date, String source, String entity, String kind) {
		}
		Map<Key, List<RejectExample>> examples = new LinkedHashMap<>();
		Map<Key, Long> counts = new LinkedHashMap<>();
		this.jdbc.query(
				"SELECT business_date, source, entity, origin, reason FROM etl_reject "
						+ "WHERE business_date IN (:dates) ORDER BY business_date, source, entity, reject_id",
				datesParameter(dates), (rs) -> {
					String reason = PayloadMasking.mask(rs.getString("reason"));
					Key key = new Key(rs.getObject("business_date", LocalDate.class), rs.getString("source"),
							rs.getString("entity"), kind(reason));
					counts.merge(key, 1L, Long::sum);
					List<RejectExample> some = examples.computeIfAbsent(key, (k) -> new ArrayList<>());
					if (some.size() < EXAMPLES) {
						some.add(new RejectExample(PayloadMasking.mask(rs.getString("origin")), reason));
					}
				});
		return counts.entrySet()
			.stream()
			.map((entry) -> new RejectGroup(entry.getKey().date(), entry.getKey().source(), entry.getKey().entity(),
					entry.getKey().kind(), entry.getValue(), examples.get(entry.getKey())))
			.toList();
	}

	/**
	 * A reason without the values it quotes, so that rejects of the same kind group
	 * together: {@code quantity '-3' is negative} becomes {@code quantity '…' is
	 * negative}.
	 */
	static String kind(String reason) {
		String kind = QUOTED.matcher(reason).replaceAll("'…'");
		kind = NUMBER.matcher(kind).replaceAll("#");
		return abbreviate(kind, 160);
	}

	private static MapSqlParameterSource datesParameter(List<LocalDate> dates) {
		return new MapSqlParameterSource("dates", dates);
	}

	private static long count(Object value) {
		return (value == null) ? 0 : ((Number) value).longValue();
	}

	private static LocalDateTime seconds(LocalDateTime time) {
		return (time == null) ? null : time.truncatedTo(ChronoUnit.SECONDS);
	}

	private static double seconds(LocalDateTime start, LocalDateTime end) {
		return (start == null || end == null) ? 0 : Duration.between(start, end).toMillis() / 1000.0;
	}

	private static String abbreviate(String text, int length) {
		return (text == null || text.length() <= length) ? text : text.substring(0, length - 1) + "…";
	}

}
