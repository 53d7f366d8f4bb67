package com.widgetsunlimited.etl.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Stops the JVM dead (no shutdown hooks, like {@code kill -9}) at the end of a given
 * chunk of a given step: {@code --etl.fault.halt-after=STEP:CHUNK}, where STEP is a step
 * name as the progress lines show it (a partition's full name, e.g.
 * {@code ingestInstoreEntityStep:instore:store_sales}) and CHUNK counts that step's
 * chunks in this process. For crash tests and drills: the crash point is chosen by
 * counters, never by timing.
 */
class FaultInjection implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

	private final String step;

	private final long chunk;

	/**
	 * Partitions of one step run on threads of their own: each thread knows its
	 * execution.
	 */
	private final ThreadLocal<StepExecution> current = new ThreadLocal<>();

	private final Map<String, Long> chunks = new ConcurrentHashMap<>();

	FaultInjection(String spec) {
		int colon = spec.lastIndexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("etl.fault.halt-after must be STEP:CHUNK, not " + spec);
		}
		this.step = spec.substring(0, colon);
		this.chunk = Long.parseLong(spec.substring(colon + 1));
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.current.set(stepExecution);
	}

	@Override
	public void afterChunk(Chunk<Object> items) {
		StepExecution execution = this.current.get();
		if (execution == null || !execution.getStepName().equals(this.step)) {
			return;
		}
		long count = this.chunks.merge(this.step, 1L, Long::sum);
		if (count >= this.chunk) {
			log.error("Fault injection: halting the JVM after chunk {} of {}", count, this.step);
			Runtime.getRuntime().halt(137);
		}
	}

}
