package com.widgetsunlimited.etl.report;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.report.RunReport.DimensionActivity;
import com.widgetsunlimited.etl.report.RunReport.SalesRow;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a person wants to see of a business day and of the warehouse, read from the
 * warehouse itself and printed as small text tables: per day what the sources delivered
 * and what became of it ({@code etl_audit}), the dimension versions the day opened and
 * closed, sales by channel; and the state of the dimensions and the fact.
 */
public class WarehouseSummary {

	private static final List<String> DIMENSIONS = RunReportReader.DIMENSIONS;

	private final JdbcTemplate jdbc;

	private final RunReportReader reader;

	public WarehouseSummary(WarehouseDatabase warehouse) {
		this.jdbc = new JdbcTemplate(warehouse.dataSource());
		this.reader = new RunReportReader(warehouse);
	}

	/**
	 * The day's rows per source, dimension activity and sales by channel, as
	 * {@code executions} (its {@code dailyCycle}'s) loaded them.
	 */
	public void printDay(LocalDate date, List<JobExecution> executions, PrintStream out) {
		DayFigures figures = this.reader.dayFigures(date, executions);
		out.printf("%n== Business day %s ==%n", date);
		out.printf("  %-10s %10s %10s %10s %10s%n", "source", "read", "staged", "rejected", "loaded");
		for (Map<String, Object> row : this.jdbc.queryForList("SELECT source, SUM(rows_read) AS r, SUM(rows_staged) "
				+ "AS s, SUM(rows_rejected) AS j, SUM(rows_loaded) AS l FROM etl_audit WHERE business_date = ? "
				+ "GROUP BY source ORDER BY source", date)) {
			out.printf("  %-10s %10s %10s %10s %10s%n", row.get("source"), row.get("r"), row.get("s"), row.get("j"),
					row.get("l"));
		}
		out.printf("  %-10s %14s %14s %14s%n", "dimension", "new versions", "closed", "inferred");
		for (DimensionActivity row : figures.dimensions()) {
			out.printf("  %-10s %14s %14s %14s%n", row.dimension(), row.opened(), row.closed(), row.inferred());
		}
		out.printf("  %-10s %10s %16s%n", "channel", "lines", "sales");
		for (SalesRow row : figures.sales()) {
			out.printf("  %-10s %10s %16s%n", row.channel(), row.lines(), row.sales());
		}
	}

	/**
	 * The dimensions' members and versions, and the fact's sales per date and channel.
	 */
	public void printWarehouse(PrintStream out) {
		out.printf("%n== Warehouse ==%n");
		out.printf("  %-14s %10s %10s %10s %10s%n", "dimension", "members", "versions", "current", "inferred");
		for (String dimension : DIMENSIONS) {
			Map<String, Object> row = this.jdbc.queryForMap("SELECT COUNT(DISTINCT " + dimension + "_id) AS m, "
					+ "COUNT(*) AS v, SUM(CASE WHEN is_current THEN 1 ELSE 0 END) AS c, SUM(CASE WHEN is_inferred "
					+ "THEN 1 ELSE 0 END) AS i FROM " + dimension + "_dim");
			out.printf("  %-14s %10s %10s %10s %10s%n", dimension + "_dim", row.get("m"), row.get("v"),
					number(row.get("c")), number(row.get("i")));
		}
		out.printf("  %-14s %10s%n", "date_dim", this.jdbc.queryForObject("SELECT COUNT(*) FROM date_dim", Long.class));
		out.printf("  %-10s %-8s %10s %16s %10s %10s%n", "sale date", "channel", "lines", "sales", "returns",
				"cancelled");
		for (Map<String, Object> row : this.jdbc.queryForList("SELECT date_key, channel, COUNT(*) AS n, "
				+ "SUM(total_price) AS t, SUM(CASE WHEN transaction_type = 'RETURN' THEN 1 ELSE 0 END) AS r, "
				+ "SUM(CASE WHEN is_cancelled THEN 1 ELSE 0 END) AS c FROM sales_fact WHERE NOT is_deleted "
				+ "GROUP BY date_key, channel ORDER BY date_key, channel")) {
			out.printf("  %-10s %-8s %10s %16s %10s %10s%n", row.get("date_key"), row.get("channel"), row.get("n"),
					row.get("t"), number(row.get("r")), number(row.get("c")));
		}
	}

	private static Object number(Object value) {
		return (value == null) ? 0 : value;
	}

}
