package com.widgetsunlimited.etl.cli;

import java.io.PrintStream;
import java.sql.SQLException;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.env.EnvironmentLock.EnvironmentInUseException;
import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.env.InvalidSettingException;
import com.widgetsunlimited.etl.env.ServerUnavailableException;
import org.apache.commons.text.similarity.LevenshteinDistance;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.validation.FieldError;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar etl.jar --job=NAME key=value ...}: checks the command line against the
 * job's contract before anything is started or written, then starts the application, runs
 * the job and turns the outcome into an {@link ExitCode}.
 */
public final class Launcher {

	private final Class<?> application;

	private final PrintStream out;

	private final PrintStream err;

	public Launcher(Class<?> application, PrintStream out, PrintStream err) {
		this.application = application;
		this.out = out;
		this.err = err;
	}

	/** Runs the command line {@code args}; returns the process exit status. */
	public int run(String... args) {
		keepCaseMappingOutOfTheLocale();
		if (args.length == 0) {
			this.out.print(Help.text());
			return ExitCode.INVALID_ARGUMENTS.code();
		}
		LaunchRequest request;
		try {
			request = LaunchRequest.parse(args);
		}
		catch (InvalidArgumentsException ex) {
			this.err.println("etl: " + ex.getMessage());
			return ExitCode.INVALID_ARGUMENTS.code();
		}
		if (request.isHelp()) {
			this.out.print(Help.text());
			return ExitCode.COMPLETED.code();
		}
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(this.application).listeners(new EarlySettings())
				.run(request.springArguments().toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			return startupFailed(ex);
		}
		try (context) {
			return context.getBean(JobRunner.class).run(request).code();
		}
	}

	private int startupFailed(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof EnvironmentInUseException inUse) {
				this.err.println("etl: " + inUse.getMessage());
				return ExitCode.ALREADY_RUNNING.code();
			}
			Optional<String> invalid = invalidSetting(cause);
			if (invalid.isPresent()) {
				this.err.println("etl: invalid setting " + invalid.get() + "; nothing was started");
				return ExitCode.INVALID_ARGUMENTS.code();
			}
		}
		this.err.println("etl: cannot start: " + describe(failure));
		this.err
			.println("etl: (--logging.level.org.springframework.boot.SpringApplication=ERROR prints the full trace)");
		return ExitCode.UNAVAILABLE.code();
	}

	/**
	 * The default locale for what is not shown to people: libraries upper-case protocol
	 * names with it (Kafka's group types among them), and in Turkish {@code "classic"}
	 * becomes {@code "CLASSİC"}, which the embedded broker refused. Numbers, dates and
	 * messages keep the user's format and display locales.
	 */
	static void keepCaseMappingOutOfTheLocale() {
		Locale format = Locale.getDefault(Locale.Category.FORMAT);
		Locale display = Locale.getDefault(Locale.Category.DISPLAY);
		Locale.setDefault(Locale.ROOT);
		Locale.setDefault(Locale.Category.FORMAT, format);
		Locale.setDefault(Locale.Category.DISPLAY, display);
	}

	/**
	 * A configuration value that cannot be used, as {@code property=value: reason}: one
	 * that is not of the property's type ({@code --etl.chunk-size=abc}) or breaks its
	 * bounds ({@code --etl.chunk-size=0}).
	 */
	static Optional<String> invalidSetting(Throwable cause) {
		if (cause instanceof InvalidSettingException invalid) {
			return Optional.of(invalid.getMessage());
		}
		if (cause instanceof UnboundConfigurationPropertiesException unknown) {
			return Optional.of(unknown.getUnboundProperties()
				.stream()
				.map((property) -> property.getName() + "=" + property.getValue() + ": no such setting"
						+ nearestSetting(property.getName().toString()).map((name) -> " (did you mean " + name + "?)")
							.orElse(" (the README's Configuration lists them)"))
				.collect(Collectors.joining("; ")));
		}
		if (cause instanceof BindValidationException invalid) {
			ValidationErrors errors = invalid.getValidationErrors();
			return Optional.of(errors.getAllErrors().stream().map((error) -> {
				if (error instanceof FieldError field) {
					return errors.getName() + "." + DataObjectPropertyName.toDashedForm(field.getField()) + "="
							+ field.getRejectedValue() + ": " + error.getDefaultMessage();
				}
				return errors.getName() + ": " + error.getDefaultMessage();
			}).collect(Collectors.joining("; ")));
		}
		if (cause instanceof BindException bind && bind.getProperty() != null
				&& !(bind.getCause() instanceof BindValidationException)) {
			Throwable reason = bind;
			while (reason.getCause() != null) {
				reason = reason.getCause();
			}
			return Optional.of(bind.getProperty().getName() + "=" + bind.getProperty().getValue() + ": "
					+ reason.getMessage().lines().findFirst().orElse(""));
		}
		return Optional.empty();
	}

	/**
	 * The setting whose name is closest to {@code name}, when one is close enough to be a
	 * slip of the keyboard.
	 */
	static Optional<String> nearestSetting(String name) {
		LevenshteinDistance distance = new LevenshteinDistance(Math.max(3, name.length() / 4));
		return EtlProperties.settingNames()
			.stream()
			.map((known) -> Map.entry(known, distance.apply(name, known.replace(".*", ""))))
			.filter((candidate) -> candidate.getValue() >= 0)
			.min(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey);
	}

	/**
	 * The message that names the server, file or setting at fault: a server's that did
	 * not answer (its role and address), else the outermost database error (drivers name
	 * host and port there), else the innermost cause.
	 */
	static String describe(Throwable failure) {
		Throwable chosen = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ServerUnavailableException unavailable) {
				return unavailable.getMessage();
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			chosen = cause;
			if (cause instanceof SQLException) {
				break;
			}
		}
		String message = (chosen.getMessage() != null) ? chosen.getMessage() : chosen.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

}
