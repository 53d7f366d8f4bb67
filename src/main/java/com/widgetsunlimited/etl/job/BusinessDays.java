package com.widgetsunlimited.etl.job;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.widgetsunlimited.etl.operations.simulator.OperationsSimulator;
import com.widgetsunlimited.etl.warehouse.Publication;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which business day a new run of {@code dailyCycle} or {@code ingest} may load, checked
 * before anything of the run is recorded. Days load in order: each day's e-commerce
 * events continue where the previous day's ended, so a new day before the last one loaded
 * could never be read, and a run that recorded a day ahead of the others would block
 * every day before it. In a simulated world, a day it has not simulated yet has no
 * sources. (Dates after today are refused by the jobs' contracts.)
 */
@Component
public class BusinessDays {

	/** The jobs whose days load in order. */
	public static final List<String> JOBS = List.of("dailyCycle", "ingest");

	private final JdbcTemplate warehouse;

	private final OperationsSimulator simulator;

	private final Publication publication;

	BusinessDays(WarehouseDatabase warehouse, OperationsSimulator simulator, Publication publication) {
		this.warehouse = new JdbcTemplate(warehouse.dataSource());
		this.simulator = simulator;
		this.publication = publication;
	}

	/**
	 * Why a new run of {@code job} for {@code date} must not start, or empty: nothing
	 * when the date has a run of that job already (it is resumed or skipped), or when it
	 * is a rerun, unless the warehouse holds another date's unpublished work.
	 */
	public Optional<String> refusal(String job, LocalDate date, boolean rerun) {
		if (job.equals("dailyCycle")) {
			Optional<String> unpublished = this.publication.otherDatesWork(date);
			if (unpublished.isPresent()) {
				return unpublished;
			}
		}
		if (rerun || hasRun(job, date)) {
			return Optional.empty();
		}
		Optional<LocalDate> last = lastLoaded();
		if (last.isPresent() && date.isBefore(last.get())) {
			return Optional.of(date + " is before " + last.get() + ", the last business day loaded: days load in "
					+ "order, each continuing where the previous one's Kafka events ended (rerun=true processes a "
					+ "day loaded before again)");
		}
		Optional<LocalDate> present = this.simulator.present();
		if (present.isPresent() && date.isAfter(present.get())) {
			return Optional.of("the simulated world is at " + present.get() + ", so " + date
					+ " has no sources yet: run --job=simulate date=" + date + " first (or --job=demo)");
		}
		return Optional.empty();
	}

	/** The last day a run of {@code dailyCycle} or {@code ingest} completed. */
	Optional<LocalDate> lastLoaded() {
		return lastCompleted(JOBS);
	}

	/**
	 * The first day a catch-up loads: the day after the last one a {@code dailyCycle}
	 * completed; empty when none did.
	 */
	public Optional<LocalDate> catchUpFrom() {
		return lastCompleted(List.of("dailyCycle")).map((last) -> last.plusDays(1));
	}

	/**
	 * The last day a catch-up loads: yesterday (UTC), or the simulated world's present
	 * when it is earlier (a later day has no sources).
	 */
	public LocalDate catchUpTo() {
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		return this.simulator.present().filter((present) -> present.isBefore(yesterday)).orElse(yesterday);
	}

	private Optional<LocalDate> lastCompleted(List<String> jobs) {
		String last = this.warehouse.queryForObject(
				"SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p "
						+ "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
						+ "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME IN ('"
						+ String.join("', '", jobs) + "') AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = 'date'",
				String.class);
		return Optional.ofNullable(last).map(LocalDate::parse);
	}

	private boolean hasRun(String job, LocalDate date) {
		Integer runs = this.warehouse.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS p "
						+ "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
						+ "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
						+ "WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = 'date' AND p.PARAMETER_VALUE = ?",
				Integer.class, job, date.toString());
		return runs != null && runs > 0;
	}

}
