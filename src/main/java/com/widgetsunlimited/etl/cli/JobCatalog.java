package com.widgetsunlimited.etl.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The jobs users can run and the parameters each takes: what {@code --help} prints and
 * what the launcher checks a command line against before anything starts. Every entry
 * names a {@code Job} bean of the same name (a test keeps the two in step).
 */
public final class JobCatalog {

	/** What a parameter's value must look like. */
	public enum ParameterType {

		DATE("yyyy-MM-dd"), BOOLEAN("true|false"), INTEGER("number");

		private final String format;

		ParameterType(String format) {
			this.format = format;
		}

		public String format() {
			return this.format;
		}

	}

	/**
	 * One parameter of a job. Identifying parameters tell job instances apart (a date's
	 * run); the others only steer one execution.
	 */
	public record Parameter(String name, ParameterType type, boolean required, boolean identifying,
			String description) {
	}

	/**
	 * A job users can run.
	 *
	 * @param name the job's bean name, as typed after {@code --job=}
	 * @param description one line for {@code --help}
	 * @param parameters what it takes
	 * @param check rules across parameters; throws {@link InvalidArgumentsException}
	 */
	public record JobSpec(String name, String description, List<Parameter> parameters,
			Consumer<Map<String, Object>> check) {

		public Optional<Parameter> parameter(String name) {
			return this.parameters.stream().filter((p) -> p.name().equals(name)).findFirst();
		}

	}

	private static final Parameter DATE = new Parameter("date", ParameterType.DATE, true, true, "the business day");

	private static final Parameter RERUN = new Parameter("rerun", ParameterType.BOOLEAN, false, false,
			"true: process a completed date again, from the inputs its first run recorded");

	private static final List<JobSpec> JOBS = List.of(
			new JobSpec("calendar", "Fill date_dim with calendar and fiscal attributes for a range of dates",
					List.of(new Parameter("from", ParameterType.DATE, true, true, "first date of the range"),
							new Parameter("to", ParameterType.DATE, true, true, "last date of the range, inclusive")),
					JobCatalog::checkDateRange),
			new JobSpec("simulate",
					"The operational systems do one business day: CSV drop, Kafka events, in-store rows",
					List.of(new Parameter("date", ParameterType.DATE, true, true, "the business day"),
							new Parameter("scale", ParameterType.INTEGER, false, false,
									"multiplies the scenario's volumes (default 1)"),
							new Parameter("reset", ParameterType.BOOLEAN, false, true,
									"true: empty the three systems first and start the world over")),
					JobCatalog::checkScale),
			new JobSpec("ingest", "Stage one business day of the three sources as Parquet (CSV drop, Kafka, in-store)",
					List.of(DATE, RERUN), (parameters) -> {
					}),
			new JobSpec("dailyCycle",
					"One business day: stage the three sources, then load the raw layer and the star schema",
					List.of(DATE, RERUN), (parameters) -> {
					}),
			new JobSpec("backfill",
					"dailyCycle of every date of a range, in order: completed dates skipped, stops at the first failure",
					List.of(new Parameter("from", ParameterType.DATE, true, false, "first business day"),
							new Parameter("to", ParameterType.DATE, true, false, "last business day, inclusive")),
					JobCatalog::checkDateRange),
			new JobSpec("demo",
					"Simulated days, each followed by its dailyCycle, with a summary per day and of the warehouse",
					List.of(new Parameter("start", ParameterType.DATE, false, false,
							"first business day (default 2024-01-01)"),
							new Parameter("days", ParameterType.INTEGER, false, false,
									"how many days (default 4, at most 366)"),
							new Parameter("scale", ParameterType.INTEGER, false, false,
									"multiplies the scenario's volumes (default 1)")),
					JobCatalog::checkDemo));

	private JobCatalog() {
	}

	public static List<JobSpec> jobs() {
		return JOBS;
	}

	public static Optional<JobSpec> find(String name) {
		return JOBS.stream().filter((job) -> job.name().equals(name)).findFirst();
	}

	private static void checkScale(Map<String, Object> parameters) {
		Object scale = parameters.get("scale");
		if (scale != null && ((Long) scale < 1 || (Long) scale > 10_000)) {
			throw new InvalidArgumentsException("scale=" + scale + " must be between 1 and 10000");
		}
	}

	private static void checkDemo(Map<String, Object> parameters) {
		checkScale(parameters);
		Object days = parameters.get("days");
		if (days != null && ((Long) days < 1 || (Long) days > 366)) {
			throw new InvalidArgumentsException("days=" + days + " must be between 1 and 366");
		}
	}

	private static void checkDateRange(Map<String, Object> parameters) {
		LocalDate from = (LocalDate) parameters.get("from");
		LocalDate to = (LocalDate) parameters.get("to");
		if (to.isBefore(from)) {
			throw new InvalidArgumentsException("to=" + to + " is before from=" + from);
		}
		if (from.plusYears(200).isBefore(to)) {
			throw new InvalidArgumentsException("from=" + from + " to=" + to + " spans more than 200 years");
		}
	}

}
