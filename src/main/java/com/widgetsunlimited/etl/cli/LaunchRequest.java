package com.widgetsunlimited.etl.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.widgetsunlimited.etl.job.JobContract;
import com.widgetsunlimited.etl.job.Jobs;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;

/**
 * A command line, checked against the job's {@link JobContract}:
 * {@code --job=NAME key=value ...}, plus any {@code --spring.or.etl.property=value}
 * options, which go to Spring unchanged.
 *
 * @param job the job to run, or {@code null} when only help was asked for
 * @param parameters the job's parameters, typed ({@code LocalDate}, {@code Boolean},
 * {@code Long})
 * @param springArguments {@code --key=value} options other than {@code --job},
 * {@code --help} and {@code --verbose}; for a job that prints a summary, without
 * {@code --verbose}, more that keep the console to warnings and log to a file
 */
public record LaunchRequest(JobContract job, Map<String, Object> parameters, List<String> springArguments) {

	/**
	 * The console of a job that prints its own summary: warnings and errors only, the
	 * whole log in the data directory.
	 */
	static final List<String> QUIET_CONSOLE = List.of("--logging.threshold.console=WARN",
			"--logging.file.name=${etl.data-dir}/logs/etl.log");

	/**
	 * The console of a job asked for {@code json=true}: its output alone, for a machine
	 * to parse; the whole log, warnings too, in the data directory.
	 */
	static final List<String> SILENT_CONSOLE = List.of("--logging.threshold.console=OFF",
			"--logging.file.name=${etl.data-dir}/logs/etl.log");

	/**
	 * Parses and checks {@code args}.
	 * @return the request; {@link #isHelp()} when {@code --help} was given
	 * @throws InvalidArgumentsException naming the first problem found
	 */
	public static LaunchRequest parse(String... args) {
		String jobName = null;
		boolean help = false;
		boolean verbose = false;
		Map<String, String> raw = new LinkedHashMap<>();
		List<String> springArguments = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
			}
			else if (arg.equals("--verbose") || arg.equals("-v")) {
				verbose = true;
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
		JobContract job = Jobs.find(name)
			.orElseThrow(() -> new InvalidArgumentsException("unknown job '" + name + "' (known: "
					+ String.join(", ", Jobs.all().stream().map(JobContract::name).toList()) + ")"));
		if (job.summarizes() && !verbose) {
			springArguments.addAll(0, "true".equals(raw.get("json")) ? SILENT_CONSOLE : QUIET_CONSOLE);
		}
		try {
			return new LaunchRequest(job, job.parse(raw), List.copyOf(springArguments));
		}
		catch (InvalidJobParametersException ex) {
			throw new InvalidArgumentsException(ex.getMessage());
		}
	}

	public boolean isHelp() {
		return this.job == null;
	}

}
