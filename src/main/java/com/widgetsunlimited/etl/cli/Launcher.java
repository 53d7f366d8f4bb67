package com.widgetsunlimited.etl.cli;

import java.io.PrintStream;
import java.sql.SQLException;

import com.widgetsunlimited.etl.env.EnvironmentLock.EnvironmentInUseException;

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
		this.err
			.println("etl: (--logging.level.org.springframework.boot.SpringApplication=ERROR prints the full trace)");
		return ExitCode.UNAVAILABLE.code();
	}

	/**
	 * The message that names the server, file or setting at fault: the outermost database
	 * error (drivers name host and port there), else the innermost cause.
	 */
	static String describe(Throwable failure) {
		Throwable chosen = failure;
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
