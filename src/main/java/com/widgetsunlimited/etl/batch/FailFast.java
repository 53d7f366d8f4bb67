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
 * Ends a step at its next chunk once another step of the same run has failed: the three
 * sources (and the steps beside each other later in the day) run side by side, and a day
 * whose e-commerce ingestion failed cannot complete, so the others stop where a restart
 * resumes them instead of running on. The step ends stopped, the job failed, its one line
 * naming the failed step's cause.
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
		if (step == null || step.isTerminateOnly()) {
			return;
		}
		failedBeside(step).ifPresent((failed) -> {
			log.warn("Step {} stops after this chunk: step {} of the same run failed", step.getStepName(),
					failed.getStepName());
			step.setTerminateOnly();
		});
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
