package com.widgetsunlimited.etl.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.widgetsunlimited.etl.cli.JobCatalog.JobSpec;
import com.widgetsunlimited.etl.cli.JobCatalog.Parameter;

/**
 * A command line, checked against the {@link JobCatalog}:
 * {@code --job=NAME key=value ...}, plus any {@code --spring.or.etl.property=value}
 * options, which go to Spring unchanged.
 *
 * @param job the job to run, or {@code null} when only help was asked for
 * @param parameters the job's parameters, typed ({@code LocalDate}, {@code Boolean},
 * {@code Long})
 * @param springArguments {@code --key=value} options other than {@code --job} and
 * {@code --help}
 */
public record LaunchRequest(JobSpec job, Map<String, Object> parameters, List<String> springArguments) {

	/**
	 * Parses and checks {@code args}.
	 * @return the request; {@link #isHelp()} when {@code --help} was given
	 * @throws InvalidArgumentsException naming the first problem found
	 */
	public static LaunchRequest parse(String... args) {
		String jobName = null;
		boolean help = false;
		Map<String, String> raw = new LinkedHashMap<>();
		List<String> springArguments = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
			}
			else if (arg.startsWith("--job=")) {
				jobName = arg.substring("--job=".length());
			}
			else if (arg.equals("--job")) {
				throw new InvalidArgumentsException("--job needs a name: --job=NAME");
			}
			else if (arg.startsWith("--") && arg.length() > 2) {
				springArguments.add(arg);
			}
			else if (arg.indexOf('=') > 0) {
				String key = arg.substring(0, arg.indexOf('='));
				if (raw.put(key, arg.substring(arg.indexOf('=') + 1)) != null) {
					throw new InvalidArgumentsException("parameter '" + key + "' is given twice");
				}
			}
			else {
				throw new InvalidArgumentsException("unexpected argument '" + arg + "': job parameters are key=value");
			}
		}
		if (help) {
			return new LaunchRequest(null, Map.of(), springArguments);
		}
		if (jobName == null || jobName.isBlank()) {
			throw new InvalidArgumentsException("no job given: use --job=NAME (--help lists the jobs)");
		}
		String name = jobName;
		JobSpec job = JobCatalog.find(name)
			.orElseThrow(() -> new InvalidArgumentsException("unknown job '" + name + "' (known: "
					+ String.join(", ", JobCatalog.jobs().stream().map(JobSpec::name).toList()) + ")"));
		Map<String, Object> parameters = new LinkedHashMap<>();
		raw.forEach((key, value) -> {
			Parameter parameter = job.parameter(key)
				.orElseThrow(() -> new InvalidArgumentsException(
						"job '" + name + "' takes no parameter '" + key + "'" + takes(job)));
			parameters.put(key, convert(parameter, value));
		});
		for (Parameter parameter : job.parameters()) {
			if (parameter.required() && !parameters.containsKey(parameter.name())) {
				throw new InvalidArgumentsException("job '" + name + "' needs " + parameter.name() + "="
						+ parameter.type().format() + " (" + parameter.description() + ")");
			}
		}
		job.check().accept(Collections.unmodifiableMap(parameters));
		return new LaunchRequest(job, Collections.unmodifiableMap(parameters), List.copyOf(springArguments));
	}

	public boolean isHelp() {
		return this.job == null;
	}

	private static String takes(JobSpec job) {
		return job.parameters().isEmpty() ? ": it takes none"
				: ": it takes " + String.join(", ", job.parameters().stream().map(Parameter::name).toList());
	}

	private static Object convert(Parameter parameter, String value) {
		String problem = parameter.name() + "=" + value + " is not a valid "
				+ parameter.type().name().toLowerCase(Locale.ROOT) + " (expected " + parameter.type().format() + ")";
		switch (parameter.type()) {
			case DATE -> {
				try {
					return LocalDate.parse(value);
				}
				catch (DateTimeParseException ex) {
					throw new InvalidArgumentsException(problem);
				}
			}
			case BOOLEAN -> {
				if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
					return Boolean.parseBoolean(value);
				}
				throw new InvalidArgumentsException(problem);
			}
			case INTEGER -> {
				try {
					return Long.parseLong(value);
				}
				catch (NumberFormatException ex) {
					throw new InvalidArgumentsException(problem);
				}
			}
			default -> throw new IllegalStateException(parameter.type().name());
		}
	}

}
