package com.widgetsunlimited.etl.cli;

/**
 * The process exit status of {@code etl.jar}, for schedulers and scripts. Documented in
 * the README; never renumber a code, add new ones at the end.
 */
public enum ExitCode {

	/** The job completed. */
	COMPLETED(0, "the job completed"),
	/** The job ran and failed; running the same command again resumes it. */
	FAILED(1, "the job failed; run the same command again to resume it"),
	/** The command line was wrong; nothing was started or written. */
	INVALID_ARGUMENTS(2, "invalid arguments or settings, or a day that cannot be loaded now; nothing was started"),
	/**
	 * The same job instance (or the embedded environment) is in use by another process.
	 */
	ALREADY_RUNNING(3, "already running in another process; nothing was started"),
	/** The job instance had completed before; nothing to do. */
	ALREADY_COMPLETED(4, "already completed; nothing to do"),
	/** The job was stopped on request before it finished; running it again resumes it. */
	STOPPED(5, "the job was stopped; run the same command again to resume it"),
	/**
	 * A configured server or the embedded environment could not be reached or started.
	 */
	UNAVAILABLE(6, "a server or the embedded environment was unavailable; nothing was started"),
	/**
	 * The day was loaded, but its audit found a broken guarantee (a lost row, totals that
	 * differ from the sources', overlapping versions): the message names the rows.
	 */
	INVARIANT_BROKEN(7,
			"the audit found a broken guarantee; see the message, fix the cause, run the same command again"),
	/**
	 * Events were deleted at the source (a Kafka topic's retention) before they were
	 * read: the message names them; loading the day without them needs the user's say.
	 */
	SOURCE_GAP(8, "events were deleted at the source before they were read; see the message");

	private final int code;

	private final String meaning;

	ExitCode(int code, String meaning) {
		this.code = code;
		this.meaning = meaning;
	}

	public int code() {
		return this.code;
	}

	public String meaning() {
		return this.meaning;
	}

}
