package com.widgetsunlimited.etl.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.ingest.kafka.KafkaSlices.KafkaGapException;
import com.widgetsunlimited.etl.job.BusinessDays;
import com.widgetsunlimited.etl.job.Jobs;
import com.widgetsunlimited.etl.job.ProcessOwner;
import com.widgetsunlimited.etl.job.StaleExecutions;
import com.widgetsunlimited.etl.report.Failures;
import com.widgetsunlimited.etl.transform.audit.InvariantViolationException;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.WarehouseLock;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Runs a checked {@link LaunchRequest} through the {@link JobOperator}: a new date starts
 * a new job instance, a failed one is restarted where it stopped, and the outcome becomes
 * an {@link ExitCode}. A job that loads the warehouse first takes the
 * {@link WarehouseLock}: while another process loads it, the job is refused.
 */
@Component
public class JobRunner {

	/** The parameter that asks to process a completed date again. */
	static final String RERUN = "rerun";

	/** The identifying parameter that numbers the reruns of a date. */
	static final String RUN = "run";

	/**
	 * The jobs that load days into the warehouse: one process at a time per warehouse.
	 */
	static final Set<String> LOADING_JOBS = Jobs.LOADING;

	/** The jobs that read or write the e-commerce topics. */
	static final Set<String> KAFKA_JOBS = Set.of("simulate", "ingest", "dailyCycle", "backfill", "demo");

	/** The most causes of a failure its one line gives. */
	private static final int MAX_REASONS = 3;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final ApplicationContext context;

	private final WarehouseDatabase warehouse;

	private final PrintStream err;

	private final BusinessDays businessDays;

	private final KafkaEndpoint kafka;

	JobRunner(JobOperator jobOperator, JobRepository jobRepository, ApplicationContext context,
			WarehouseDatabase warehouse, BusinessDays businessDays, KafkaEndpoint kafka) {
		this.businessDays = businessDays;
		this.kafka = kafka;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.context = context;
		this.warehouse = warehouse;
		this.err = System.err;
	}

	public ExitCode run(LaunchRequest request) {
		String name = request.job().name();
		if (KAFKA_JOBS.contains(name)) {
			try {
				this.kafka.checkReachable();
			}
			catch (IllegalStateException ex) {
				this.err.println("etl: cannot start " + name + describe(request.parameters()) + ": " + ex.getMessage());
				return ExitCode.UNAVAILABLE;
			}
		}
		if (!LOADING_JOBS.contains(name)) {
			return launch(request);
		}
		Optional<WarehouseLock> lock = WarehouseLock.tryAcquire(this.warehouse);
		if (lock.isEmpty()) {
			this.err.println("etl: " + name + describe(request.parameters())
					+ " refused: another process is loading this warehouse" + loadingNow().orElse("")
					+ "; nothing was started");
			return ExitCode.ALREADY_RUNNING;
		}
		try (WarehouseLock held = lock.get()) {
			return launch(request);
		}
	}

	/** What the other process that holds the warehouse lock runs, if it says. */
	private Optional<String> loadingNow() {
		return LOADING_JOBS.stream()
			.flatMap((job) -> this.jobRepository.findRunningJobExecutions(job).stream())
			.filter((execution) -> ProcessOwner.owner(execution).isPresent() && !ProcessOwner.isGone(execution))
			.findFirst()
			.map((execution) -> " (" + execution.getJobInstance().getJobName()
					+ execution.getJobParameters()
						.parameters()
						.stream()
						.filter(JobParameter::identifying)
						.map((parameter) -> " " + parameter.name() + "=" + parameter.value())
						.sorted()
						.collect(Collectors.joining())
					+ " in " + ProcessOwner.owner(execution).get() + ")");
	}

	private ExitCode launch(LaunchRequest given) {
		LaunchRequest request = given;
		if (given.job().name().equals("backfill")) {
			try {
				Optional<LaunchRequest> range = catchUpRange(given);
				if (range.isEmpty()) {
					return ExitCode.ALREADY_COMPLETED;
				}
				request = range.get();
			}
			catch (InvalidArgumentsException ex) {
				this.err.println("etl: " + ex.getMessage());
				return ExitCode.INVALID_ARGUMENTS;
			}
		}
		String name = request.job().name();
		Job job = this.context.getBean(name, Job.class);
		JobParameters parameters = jobParameters(request);
		String described = name + describe(request.parameters());
		if (BusinessDays.JOBS.contains(name)) {
			Optional<String> refusal = this.businessDays.refusal(name, (LocalDate) request.parameters().get("date"),
					Boolean.TRUE.equals(request.parameters().get(RERUN)));
			if (refusal.isPresent()) {
				this.err.println("etl: " + described + " refused: " + refusal.get() + "; nothing was started");
				return ExitCode.INVALID_ARGUMENTS;
			}
		}
		if (request.job().runsAnewEachTime()) {
			// a job without identifying parameters (the demo) runs anew each time; what
			// it
			// launches is skipped or resumed as those jobs' own instances say
			parameters = new JobParametersBuilder(parameters).addLong(RUN, System.currentTimeMillis(), true)
				.toJobParameters();
		}
		if (Boolean.TRUE.equals(request.parameters().get(RERUN))) {
			parameters = rerunParameters(name, parameters);
			this.err.println("etl: " + described + ": run " + parameters.getLong(RUN) + " of this date");
		}
		try (Interruptions interruptions = Interruptions.install(this.jobRepository, this.err)) {
			JobExecution execution = StaleExecutions.start(this.jobOperator, this.jobRepository, job, parameters,
					described, this.err);
			if (brokeAnInvariant(execution)) {
				return ExitCode.INVARIANT_BROKEN;
			}
			Optional<Throwable> gap = cause(execution, KafkaGapException.class);
			if (execution.getStatus().isUnsuccessful() && gap.isPresent()) {
				this.err.println("etl: " + described + " failed: " + gap.get().getMessage());
				return ExitCode.SOURCE_GAP;
			}
			ExitCode exitCode = exitCode(execution.getStatus());
			if (exitCode == ExitCode.FAILED) {
				this.err
					.println("etl: " + described + " failed: " + reasons(execution) + "; " + ExitCode.FAILED.meaning());
			}
			else if (exitCode == ExitCode.STOPPED) {
				this.err.println("etl: " + described + " stopped on request; run the same command again to resume it");
			}
			return exitCode;
		}
		catch (JobExecutionAlreadyRunningException ex) {
			JobExecution running = this.jobRepository.getLastJobExecution(name, parameters);
			this.err.println("etl: " + described + " is already running"
					+ ((running != null) ? " in " + ProcessOwner.owner(running).orElse("another process") : "") + ": "
					+ ex.getMessage());
			return ExitCode.ALREADY_RUNNING;
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			this.err.println("etl: nothing to do: " + described + " has already completed");
			return ExitCode.ALREADY_COMPLETED;
		}
		catch (JobRestartException ex) {
			this.err.println("etl: " + described + " cannot be restarted: " + ex.getMessage());
			return ExitCode.FAILED;
		}
		catch (InvalidJobParametersException ex) {
			this.err.println("etl: " + ex.getMessage());
			return ExitCode.INVALID_ARGUMENTS;
		}
		catch (DataAccessException | TransactionException ex) {
			// the job repository itself could not be written: the warehouse went away
			this.err
				.println("etl: " + described + " failed: " + Launcher.describe(ex) + "; " + ExitCode.FAILED.meaning());
			return ExitCode.FAILED;
		}
	}

	/**
	 * A backfill's range with what it leaves out filled in as a catch-up: {@code from}
	 * the day after the last completed {@code dailyCycle}, {@code to} yesterday (or the
	 * simulated world's present). Empty, saying so, when there is nothing to do.
	 * @throws InvalidArgumentsException when {@code from} is left out and no day was
	 * loaded yet
	 */
	private Optional<LaunchRequest> catchUpRange(LaunchRequest request) {
		Map<String, Object> parameters = new LinkedHashMap<>(request.parameters());
		if (!parameters.containsKey("to")) {
			parameters.put("to", this.businessDays.catchUpTo());
		}
		if (!parameters.containsKey("from")) {
			Optional<LocalDate> from = this.businessDays.catchUpFrom();
			LocalDate to = (LocalDate) parameters.get("to");
			if (from.isEmpty()) {
				throw new InvalidArgumentsException(
						"backfill needs from=yyyy-MM-dd: no day has been loaded yet to continue from");
			}
			if (from.get().isAfter(to)) {
				this.err.println("etl: nothing to do: every day through " + to + " is loaded");
				return Optional.empty();
			}
			parameters.put("from", from.get());
		}
		return Optional.of(new LaunchRequest(request.job(), parameters, request.springArguments()));
	}

	/**
	 * The parameters of a rerun: the request's, plus the identifying run number that
	 * makes it a job instance of its own. The number of the last rerun when that one did
	 * not complete (running the same command again resumes it), the next number
	 * otherwise.
	 */
	private JobParameters rerunParameters(String name, JobParameters parameters) {
		long run = 1;
		while (true) {
			JobParameters candidate = new JobParametersBuilder(parameters).addLong(RUN, run, true).toJobParameters();
			if (this.jobRepository.getJobInstance(name, candidate) == null) {
				return candidate;
			}
			JobExecution last = this.jobRepository.getLastJobExecution(name, candidate);
			if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
				return candidate;
			}
			run++;
		}
	}

	/**
	 * Why {@code execution} failed: each distinct cause (sources fail on their own, side
	 * by side), the first few.
	 */
	static String reasons(JobExecution execution) {
		List<String> reasons = Failures.causes(execution).stream().map(JobRunner::describeFailure).distinct().toList();
		if (reasons.isEmpty()) {
			return execution.getExitStatus().getExitDescription().lines().findFirst().orElse("");
		}
		return String.join("; ", reasons.subList(0, Math.min(reasons.size(), MAX_REASONS)))
				+ ((reasons.size() > MAX_REASONS) ? "; and " + (reasons.size() - MAX_REASONS) + " more in the log"
						: "");
	}

	/**
	 * The database's own words where a database failed (a pool's "connection is not
	 * available" wraps the driver's, which names host and port), else the launcher's.
	 */
	static String describeFailure(Throwable failure) {
		Throwable innermost = null;
		for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof SQLException && cause.getMessage() != null) {
				innermost = cause;
			}
		}
		return (innermost != null) ? innermost.getMessage().lines().findFirst().orElse("").strip()
				: Launcher.describe(failure);
	}

	private static boolean brokeAnInvariant(JobExecution execution) {
		return cause(execution, InvariantViolationException.class).isPresent();
	}

	/** The first of {@code execution}'s failures, or of their causes, of {@code type}. */
	private static Optional<Throwable> cause(JobExecution execution, Class<? extends Throwable> type) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
				if (type.isInstance(cause)) {
					return Optional.of(cause);
				}
			}
		}
		return Optional.empty();
	}

	/** The request's parameters with the contract's defaults. */
	static JobParameters jobParameters(LaunchRequest request) {
		return request.job().jobParameters(request.job().withDefaults(request.parameters()));
	}

	static ExitCode exitCode(BatchStatus status) {
		return switch (status) {
			case COMPLETED -> ExitCode.COMPLETED;
			case STOPPED, STOPPING -> ExitCode.STOPPED;
			default -> ExitCode.FAILED;
		};
	}

	private static String describe(Map<String, Object> parameters) {
		return parameters.isEmpty() ? ""
				: parameters.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(" ", " ", ""));
	}

}
