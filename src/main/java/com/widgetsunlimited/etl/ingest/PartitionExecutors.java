package com.widgetsunlimited.etl.ingest;

import com.widgetsunlimited.etl.env.EtlProperties;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * The threads that run a source's partitions: at most {@code etl.ingest.parallelism} at
 * once.
 */
public final class PartitionExecutors {

	private PartitionExecutors() {
	}

	public static TaskExecutor limited(EtlProperties properties, String threadNamePrefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(threadNamePrefix);
		executor.setConcurrencyLimit(properties.ingest().parallelism());
		return executor;
	}

}
