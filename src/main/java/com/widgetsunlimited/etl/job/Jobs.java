package com.widgetsunlimited.etl.job;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.JobContract.ParameterType;

/**
 * The jobs users run, each by the contract its configuration declares, in the order
 * {@code --help} lists them. Every one names a {@code Job} bean of the same name that
 * checks its launches against that contract.
 */
public final class Jobs {

	/**
	 * The jobs that load days into the warehouse: one process at a time per warehouse,
	 * the one that holds its lock.
	 */
	public static final Set<String> LOADING = Set.of("ingest", "dailyCycle", "backfill", "demo", "abandon");

	/** The business day of a job that processes one. */
	static final Parameter DATE = Parameter.required("date", ParameterType.DATE, true, "the business day");

	/** Processing a completed date again: see the launcher's reruns. */
	static final Parameter RERUN = Parameter.optional("rerun", ParameterType.BOOLEAN, false, null,
			"true: process a completed date again, from the inputs its first run recorded");

	/** The multiplier of the simulated scenario's volumes. */
	static final Parameter SCALE = Parameter
		.optional("scale", ParameterType.INTEGER, false, 1L, "multiplies the scenario's volumes")
		.between(1, 10_000);

	private Jobs() {
	}

	/**
	 * Every job's contract. (Not kept in a field of this class: the configurations'
	 * contracts use its parameters, and whichever class loads first would see the other's
	 * fields unset.)
	 */
	public static List<JobContract> all() {
		return List.of(CalendarJobConfiguration.CALENDAR, SimulateJobConfiguration.SIMULATE,
				IngestJobConfiguration.INGEST, DailyCycleJobConfiguration.DAILY_CYCLE,
				DayByDayJobConfiguration.BACKFILL, DayByDayJobConfiguration.DEMO, StatusJobConfiguration.STATUS,
				AbandonJobConfiguration.ABANDON);
	}

	public static Optional<JobContract> find(String name) {
		return all().stream().filter((job) -> job.name().equals(name)).findFirst();
	}

	/**
	 * The rule that the day named by {@code parameter} has happened: a day after today
	 * (UTC) has no sources yet, and loading it would record its Kafka events ahead of the
	 * days before it.
	 */
	static Function<Map<String, Object>, String> happened(String parameter) {
		return (values) -> {
			LocalDate date = (LocalDate) values.get(parameter);
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			return (date != null && date.isAfter(today)) ? parameter + "=" + date + " is after today (" + today
					+ ", UTC): a business day is loaded once it has happened" : null;
		};
	}

	/** The rule of a range {@code from}..{@code to}: in order, and at most 200 years. */
	static String dateRange(Map<String, Object> values) {
		LocalDate from = (LocalDate) values.get("from");
		LocalDate to = (LocalDate) values.get("to");
		if (from == null || to == null) {
			return null;
		}
		if (to.isBefore(from)) {
			return "to=" + to + " is before from=" + from;
		}
		if (from.plusYears(200).isBefore(to)) {
			return "from=" + from + " to=" + to + " spans more than 200 years";
		}
		return null;
	}

}
