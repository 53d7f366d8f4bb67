package com.widgetsunlimited.etl.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Which process runs a job execution: recorded in the execution's context when it starts,
 * so that an execution a killed process left "running" can be told from one that really
 * runs.
 */
public class ProcessOwner implements JobExecutionListener {

	/** The execution context key: {@code host:pid}. */
	public static final String KEY = "etl.owner";

	private final JobRepository jobRepository;

	public ProcessOwner(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		execution.getExecutionContext().putString(KEY, current());
		this.jobRepository.updateExecutionContext(execution);
	}

	/** This process: {@code host:pid}. */
	public static String current() {
		return host() + ":" + ProcessHandle.current().pid();
	}

	/**
	 * Whether the process that owns {@code execution} is known to be gone: it ran on this
	 * host and no process of that pid runs any more.
	 */
	public static boolean isGone(JobExecution execution) {
		Optional<String> owner = owner(execution);
		if (owner.isEmpty()) {
			return false;
		}
		String[] parts = owner.get().split(":");
		if (parts.length != 2 || !parts[0].equals(host())) {
			return false;
		}
		return ProcessHandle.of(Long.parseLong(parts[1])).map((process) -> !process.isAlive()).orElse(true);
	}

	public static Optional<String> owner(JobExecution execution) {
		return Optional.ofNullable(execution.getExecutionContext().getString(KEY, null));
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
