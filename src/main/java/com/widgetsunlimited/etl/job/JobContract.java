package com.widgetsunlimited.etl.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * What a job takes, declared once beside the job: its parameters with their types,
 * defaults and ranges, and the rules across them. The job checks every launch against it
 * (it is the job's {@link JobParametersValidator}); the launcher reads a command line
 * with it ({@link #parse}) and completes it with the defaults ({@link #withDefaults});
 * {@code --help} prints it ({@link Jobs}).
 *
 * @param name the job's bean name, as typed after {@code --job=}
 * @param description one line for {@code --help}
 * @param parameters what it takes, in the order {@code --help} lists them
 * @param rules checks across parameters: each answers the problem, or null
 * @param summarizes whether the job prints a summary for people, so that its console
 * shows that and warnings only (the log goes to its file)
 */
public record JobContract(String name, String description, List<Parameter> parameters,
		List<Function<Map<String, Object>, String>> rules, boolean summarizes) implements JobParametersValidator {

	/** The earliest date a parameter takes. */
	public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);

	/**
	 * The latest date a parameter takes: the day before the current versions' expiration
	 * date, 9999-12-31.
	 */
	public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 30);

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
	 *
	 * @param defaultValue the value when not given, or null
	 * @param min the smallest value of an integer
	 * @param max the largest value of an integer
	 */
	public record Parameter(String name, ParameterType type, boolean required, boolean identifying, Object defaultValue,
			long min, long max, String description) {

		/** A parameter every launch must give. */
		public static Parameter required(String name, ParameterType type, boolean identifying, String description) {
			return new Parameter(name, type, true, identifying, null, Long.MIN_VALUE, Long.MAX_VALUE, description);
		}

		/**
		 * A parameter that may be left out, then taking {@code defaultValue} (or none).
		 */
		public static Parameter optional(String name, ParameterType type, boolean identifying, Object defaultValue,
				String description) {
			return new Parameter(name, type, false, identifying, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE,
					description);
		}

		/** This integer parameter, held between {@code min} and {@code max}. */
		public Parameter between(long min, long max) {
			return new Parameter(this.name, this.type, this.required, this.identifying, this.defaultValue, min, max,
					this.description);
		}

		/** The line of {@code --help}'s text after the parameter's name and format. */
		public String help() {
			List<String> notes = new ArrayList<>();
			if (this.defaultValue != null) {
				notes.add("default " + this.defaultValue);
			}
			else if (!this.required) {
				notes.add("optional");
			}
			if (this.min != Long.MIN_VALUE || this.max != Long.MAX_VALUE) {
				notes.add(this.min + " to " + this.max);
			}
			return this.description + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
		}

		Object convert(String value) throws InvalidJobParametersException {
			String problem = this.name + "=" + value + " is not a valid " + this.type.name().toLowerCase(Locale.ROOT)
					+ " (expected " + this.type.format() + ")";
			try {
				return switch (this.type) {
					case DATE -> LocalDate.parse(value);
					case INTEGER -> Long.parseLong(value);
					case BOOLEAN -> {
						if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
							throw new InvalidJobParametersException(problem);
						}
						yield Boolean.parseBoolean(value);
					}
				};
			}
			catch (DateTimeParseException | NumberFormatException ex) {
				throw new InvalidJobParametersException(problem);
			}
		}

		String problemWith(Object value) {
			if (value instanceof LocalDate date && (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE))) {
				return this.name + "=" + date + " is not a business day: dates lie between " + FIRST_DATE + " and "
						+ LAST_DATE;
			}
			Class<?> expected = switch (this.type) {
				case DATE -> LocalDate.class;
				case INTEGER -> Long.class;
				case BOOLEAN -> Boolean.class;
			};
			if (!expected.isInstance(value)) {
				return this.name + "=" + value + " is not a " + this.type.name().toLowerCase(Locale.ROOT);
			}
			if (value instanceof Long number && (number < this.min || number > this.max)) {
				return this.name + "=" + number + " must be between " + this.min + " and " + this.max;
			}
			return null;
		}

	}

	public JobContract {
		parameters = List.copyOf(parameters);
		rules = List.copyOf(rules);
	}

	/** A contract without rules across its parameters. */
	public static JobContract of(String name, String description, Parameter... parameters) {
		return new JobContract(name, description, List.of(parameters), List.of(), false);
	}

	/** This contract for a job that prints a summary for people. */
	public JobContract summarizing() {
		return new JobContract(this.name, this.description, this.parameters, this.rules, true);
	}

	/** This contract with {@code rule} added. */
	public JobContract rule(Function<Map<String, Object>, String> rule) {
		List<Function<Map<String, Object>, String>> all = new ArrayList<>(this.rules);
		all.add(rule);
		return new JobContract(this.name, this.description, this.parameters, all, this.summarizes);
	}

	public Optional<Parameter> parameter(String name) {
		return this.parameters.stream().filter((parameter) -> parameter.name().equals(name)).findFirst();
	}

	/**
	 * The typed values of {@code raw} ({@code LocalDate}, {@code Boolean}, {@code Long}),
	 * checked: every one known, well-formed and in range, every required one there, the
	 * rules kept.
	 */
	public Map<String, Object> parse(Map<String, String> raw) throws InvalidJobParametersException {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : raw.entrySet()) {
			Parameter parameter = parameter(entry.getKey()).orElseThrow(() -> new InvalidJobParametersException(
					"job '" + this.name + "' takes no parameter '" + entry.getKey() + "'" + takes()));
			values.put(entry.getKey(), parameter.convert(entry.getValue()));
		}
		check(withDefaults(values));
		return Collections.unmodifiableMap(values);
	}

	/** {@code values} with the default of every parameter left out that has one. */
	public Map<String, Object> withDefaults(Map<String, Object> values) {
		Map<String, Object> completed = new LinkedHashMap<>(values);
		for (Parameter parameter : this.parameters) {
			if (parameter.defaultValue() != null) {
				completed.putIfAbsent(parameter.name(), parameter.defaultValue());
			}
		}
		return Collections.unmodifiableMap(completed);
	}

	/** {@code values} as job parameters, identifying as the contract says. */
	public JobParameters jobParameters(Map<String, Object> values) {
		JobParametersBuilder builder = new JobParametersBuilder();
		values.forEach((key, value) -> {
			boolean identifying = parameter(key).map(Parameter::identifying).orElse(true);
			if (value instanceof LocalDate date) {
				builder.addLocalDate(key, date, identifying);
			}
			else if (value instanceof Long number) {
				builder.addLong(key, number, identifying);
			}
			else if (value instanceof Boolean bool) {
				builder.addString(key, bool.toString(), identifying);
			}
			else {
				builder.addString(key, String.valueOf(value), identifying);
			}
		});
		return builder.toJobParameters();
	}

	/**
	 * Whether no parameter tells this job's instances apart (each launch is a new one).
	 */
	public boolean runsAnewEachTime() {
		return this.parameters.stream().noneMatch(Parameter::identifying);
	}

	/**
	 * Checks a launch: the contract's own parameters as {@link #parse} does (others, such
	 * as the launcher's run number, pass), and every parameter with a default given, as
	 * {@link #withDefaults} gives it.
	 */
	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Parameter parameter : this.parameters) {
			var given = (parameters != null) ? parameters.getParameter(parameter.name()) : null;
			if (given == null) {
				if (parameter.defaultValue() != null) {
					throw new InvalidJobParametersException("job '" + this.name + "' was launched without "
							+ parameter.name() + ": launch it with the contract's defaults");
				}
				continue;
			}
			Object value = given.value();
			values.put(parameter.name(), (parameter.type() == ParameterType.BOOLEAN && value instanceof String text)
					? parameter.convert(text) : value);
		}
		check(values);
	}

	private void check(Map<String, Object> values) throws InvalidJobParametersException {
		for (Parameter parameter : this.parameters) {
			Object value = values.get(parameter.name());
			if (value == null) {
				if (parameter.required()) {
					throw new InvalidJobParametersException("job '" + this.name + "' needs " + parameter.name() + "="
							+ parameter.type().format() + " (" + parameter.description() + ")");
				}
				continue;
			}
			String problem = parameter.problemWith(value);
			if (problem != null) {
				throw new InvalidJobParametersException(problem);
			}
		}
		Map<String, Object> view = Collections.unmodifiableMap(values);
		for (Function<Map<String, Object>, String> rule : this.rules) {
			String problem = rule.apply(view);
			if (problem != null) {
				throw new InvalidJobParametersException(problem);
			}
		}
	}

	private String takes() {
		return this.parameters.isEmpty() ? ": it takes none"
				: ": it takes " + String.join(", ", this.parameters.stream().map(Parameter::name).toList());
	}

}
