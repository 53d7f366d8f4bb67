package com.widgetsunlimited.etl.cli;

import java.io.PrintStream;
import java.util.Locale;

import com.widgetsunlimited.etl.env.EnvironmentLock.EnvironmentInUseException;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar etl.jar --job=NAME key=value ...}: checks the command line against the
 * {@link JobCatalog} before anything is started or written, then starts the application,
 * runs the job and turns the outcome into an {@link ExitCode}.
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
			context = new SpringApplicationBuilder(this.application)
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
		}
		this.err.println("etl: cannot start: " + describe(failure));
		this.err.println("etl: (add --logging.level.com.widgetsunlimited=DEBUG --debug for the full trace)");
		return ExitCode.UNAVAILABLE.code();
	}

	/**
	 * The innermost causes' messages, which name the server, file or setting at fault.
	 */
	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip() + " ("
				+ root.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")";
	}

}
