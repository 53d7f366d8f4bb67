package com.widgetsunlimited.etl.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.widgetsunlimited.etl.env.InvalidSettingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Crash points for crash tests and drills, chosen by counters, never by timing. A point
 * is {@code STEP:WHEN}, where STEP is a step name as the progress lines show it (a
 * partition's full name, e.g. {@code ingestInstoreEntityStep:instore:store_sales}) and
 * WHEN is one of:
 * <ul>
 * <li>a number N: chunk N of the step in this process has been read and written, and its
 * transaction has not committed yet (the database rolls it back when the process
 * dies);</li>
 * <li>{@code start}: the step starts; every step before it has recorded its
 * completion;</li>
 * <li>{@code end}: the step's last chunk has committed, its completion is not recorded
 * yet.</li>
 * </ul>
 * {@code --etl.fault.halt-after=POINT} stops the JVM dead there (no shutdown hooks, exit
 * status 137, like {@code kill -9}). {@code --etl.fault.pause-at=POINT} with
 * {@code --etl.fault.pause-file=FILE} writes FILE (this process's pid) there and waits
 * until FILE is deleted, so that a test can stop a server or start another process at
 * that exact point, then let this one go on.
 */
class FaultInjection implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

	private static final String START = "start";

	private static final String END = "end";

	private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

	private final Point halt;

	private final Point pause;

	private final Path pauseFile;

	/**
	 * Partitions of one step run on threads of their own: each thread knows its
	 * execution.
	 */
	private final ThreadLocal<StepExecution> current = new ThreadLocal<>();

	private final Map<String, Long> chunks = new ConcurrentHashMap<>();

	FaultInjection(String haltAfter, String pauseAt, String pauseFile) {
		this.halt = haltAfter.isBlank() ? null : Point.parse("etl.fault.halt-after", haltAfter);
		this.pause = pauseAt.isBlank() ? null : Point.parse("etl.fault.pause-at", pauseAt);
		if (this.pause != null && pauseFile.isBlank()) {
			throw new InvalidSettingException("etl.fault.pause-at", pauseAt, "needs etl.fault.pause-file");
		}
		this.pauseFile = pauseFile.isBlank() ? null : Path.of(pauseFile);
	}

	/** Whether any crash point is set. */
	boolean isActive() {
		return this.halt != null || this.pause != null;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.current.set(stepExecution);
		reached(stepExecution.getStepName(), START);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		reached(stepExecution.getStepName(), END);
		return null;
	}

	@Override
	public void afterChunk(Chunk<Object> items) {
		StepExecution execution = this.current.get();
		if (execution == null) {
			return;
		}
		String step = execution.getStepName();
		long count = this.chunks.merge(step, 1L, Long::sum);
		reached(step, Long.toString(count));
	}

	private void reached(String step, String when) {
		if (this.pause != null && this.pause.is(step, when)) {
			pause(step, when);
		}
		if (this.halt != null && this.halt.is(step, when)) {
			log.error("Fault injection: halting the JVM at {}:{}{}", step, when,
					when.equals(START) || when.equals(END) ? "" : " (after chunk " + when + ", before its commit)");
			Runtime.getRuntime().halt(137);
		}
	}

	private void pause(String step, String when) {
		log.warn("Fault injection: paused at {}:{} until {} is deleted", step, when, this.pauseFile);
		try {
			Files.writeString(this.pauseFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
			long deadline = System.nanoTime() + LONGEST_PAUSE.toNanos();
			while (Files.exists(this.pauseFile) && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.warn("Fault injection: going on from {}:{}", step, when);
	}

	/** A crash point: a step and a moment of it. */
	private record Point(String step, String when) {

		static Point parse(String property, String spec) {
			int colon = spec.lastIndexOf(':');
			String when = (colon > 0) ? spec.substring(colon + 1) : "";
			if (!when.equals(START) && !when.equals(END) && !when.matches("[1-9]\\d*")) {
				throw new InvalidSettingException(property, spec, "must be STEP:CHUNK, STEP:start or STEP:end");
			}
			return new Point(spec.substring(0, colon), when);
		}

		boolean is(String step, String when) {
			return this.step.equals(step) && this.when.equals(when);
		}

	}

}
