package com.widgetsunlimited.etl.report;

import java.time.LocalDate;

import com.widgetsunlimited.etl.warehouse.Publication;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code dailyCycle}'s own figures as Micrometer meters, beside Spring Batch's job,
 * step and item timers: per source the rows its audit counted loaded ({@value #LOADED})
 * and rejected ({@value #REJECTED}), and whether the run published the day
 * ({@value #PUBLISHED}, 1 or 0), tagged with the job and the business date. A configured
 * registry pushes them when the process ends (docs/architecture.md, "Metrics"). Figures
 * that cannot be read are logged and never fail the run.
 */
public class RunMetrics implements JobExecutionListener {

	public static final String LOADED = "etl.rows.loaded";

	public static final String REJECTED = "etl.rows.rejected";

	public static final String PUBLISHED = "etl.day.published";

	private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

	private final JdbcTemplate warehouse;

	private final MeterRegistry registry;

	public RunMetrics(WarehouseDatabase warehouse, MeterRegistry registry) {
		this.warehouse = new JdbcTemplate(warehouse.dataSource());
		this.registry = registry;
	}

	@Override
	public void afterJob(JobExecution execution) {
		LocalDate date = execution.getJobParameters().getLocalDate("date");
		if (date == null) {
			return;
		}
		Tags tags = Tags.of("job", execution.getJobInstance().getJobName(), "business.date", date.toString());
		try {
			this.warehouse.query("SELECT source, SUM(rows_loaded), SUM(rows_rejected) FROM etl_audit "
					+ "WHERE business_date = ? GROUP BY source", (rs) -> {
						Tags source = tags.and("source", rs.getString(1));
						Counter.builder(LOADED)
							.description("rows the day's audit counted loaded")
							.tags(source)
							.register(this.registry)
							.increment(rs.getLong(2));
						Counter.builder(REJECTED)
							.description("rows the day's audit counted rejected")
							.tags(source)
							.register(this.registry)
							.increment(rs.getLong(3));
					}, date);
			Integer published = this.warehouse.queryForObject(
					"SELECT COUNT(*) FROM " + Publication.LOG + " WHERE job_execution_id = ?", Integer.class,
					execution.getId());
			double value = (published != null && published > 0) ? 1 : 0;
			Gauge.builder(PUBLISHED, () -> value)
				.description("1 when the run published its day")
				.tags(tags)
				.register(this.registry);
		}
		catch (DataAccessException ex) {
			log.warn("Could not record the metrics of {}: {}", date, ex.getMessage());
		}
	}

}
