package com.widgetsunlimited.etl.ingest;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A source's reader with the processor applied to each record as it is read, so that a
 * chunk in flight holds only the staged rows and rejects it will write. A chunk step
 * reads its whole chunk before processing any of it: with a separate processor, the
 * records of an ingest chunk (10,000 change events, CSV lines or in-store rows, each
 * larger than the row made of it) stayed live beside the rows until the chunk was
 * processed, long enough to be copied by several young collections and promoted, which
 * filled the old generation about every half second.
 * <p>
 * A record the processor turns into nothing (a Kafka tombstone) is counted as read and
 * filtered in the step's execution, as the step would count it; the reader's own state
 * (offsets, lines read) is kept by the reader as before, so a restart resumes where it
 * did.
 *
 * @param <I> what the source's reader reads
 */
final class ProcessedItemReader<I> implements ItemStreamReader<Ingested> {

	private final ItemReader<I> reader;

	private final ItemProcessor<I, Ingested> processor;

	/** The reader and the processor, those of them that are streams, in that order. */
	private final List<ItemStream> streams = new ArrayList<>(2);

	ProcessedItemReader(ItemReader<I> reader, ItemProcessor<I, Ingested> processor) {
		this.reader = reader;
		this.processor = processor;
		if (reader instanceof ItemStream stream) {
			this.streams.add(stream);
		}
		if (processor instanceof ItemStream stream) {
			this.streams.add(stream);
		}
	}

	@Override
	public Ingested read() throws Exception {
		for (I record = this.reader.read(); record != null; record = this.reader.read()) {
			Ingested item = this.processor.process(record);
			if (item != null) {
				return item;
			}
			filtered();
		}
		return null;
	}

	/** Counts a record that became nothing, as the step counts a filtered item. */
	private static void filtered() {
		StepContext context = StepSynchronizationManager.getContext();
		if (context != null) {
			StepExecution execution = context.getStepExecution();
			execution.setReadCount(execution.getReadCount() + 1);
			execution.setFilterCount(execution.getFilterCount() + 1);
		}
	}

	@Override
	public void open(ExecutionContext executionContext) {
		for (ItemStream stream : this.streams) {
			stream.open(executionContext);
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		for (ItemStream stream : this.streams) {
			stream.update(executionContext);
		}
	}

	/** Closes the streams in the reverse order, each even if one before it failed. */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (int i = this.streams.size() - 1; i >= 0; i--) {
			try {
				this.streams.get(i).close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
