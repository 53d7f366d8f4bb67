package com.widgetsunlimited.etl.batch;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Fails a step at its next chunk once another step of the same run has failed: the three
 * sources (and the steps beside each other later in the day) run side by side, and a day
 * whose e-commerce ingestion failed cannot complete, so the others end where a restart
 * resumes them (their last committed chunk) instead of running on. They fail rather than
 * stop: a stopped step would make the whole job stopped, as if a person had asked; the
 * job's one line names the first failure's cause, not these.
 */
public class FailFast implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(FailFast.class);

	/** Partitions run on threads of their own: each thread knows its execution. */
	private final ThreadLocal<StepExecution> current = new ThreadLocal<>();

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.current.set(stepExecution);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.current.remove();
		return null;
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		StepExecution step = this.current.get();
		if (step == null) {
			return;
		}
		Optional<StepExecution> failed = failedBeside(step);
		if (failed.isPresent()) {
			log.warn("Step {} ends at its last committed chunk: step {} of the same run failed", step.getStepName(),
					failed.get().getStepName());
			throw new FailedBesideException(failed.get());
		}
	}

	/** A step ended because another step of the same run had failed. */
	public static class FailedBesideException extends RuntimeException {

		public FailedBesideException(StepExecution failed) {
			super("ended because step " + failed.getStepName() + " of the same run failed");
		}

	}

	/** A step of the same job execution that failed, if any. */
	public static Optional<StepExecution> failedBeside(StepExecution step) {
		return step.getJobExecution()
			.getStepExecutions()
			.stream()
			.filter((other) -> other != step && other.getStatus() == BatchStatus.FAILED)
			.findFirst();
	}

}
