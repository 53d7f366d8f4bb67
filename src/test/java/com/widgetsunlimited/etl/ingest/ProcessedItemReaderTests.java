package com.widgetsunlimited.etl.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.warehouse.Reject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProcessedItemReaderTests {

	private final List<String> calls = new ArrayList<>();

	@AfterEach
	void closeStepContext() {
		StepSynchronizationManager.close();
	}

	@Test
	void eachRecord_isProcessedAsItIsRead_notAfterTheChunk() throws Exception {
		ProcessedItemReader<String> reader = new ProcessedItemReader<>(new Records("a", "b", "c"), this::reject);

		List<String> origins = new ArrayList<>();
		for (Ingested item = reader.read(); item != null; item = reader.read()) {
			origins.add(item.reject().origin());
		}

		assertThat(origins).containsExactly("a", "b", "c");
		assertThat(this.calls).containsExactly("read a", "process a", "read b", "process b", "read c", "process c",
				"read end");
	}

	@Test
	void aRecordProcessedIntoNothing_isCountedAsReadAndFiltered_andTheNextOneIsReturned() throws Exception {
		StepExecution step = new StepExecution(1L, "ingestEcommerceTopicStep",
				new JobExecution(1L, new JobInstance(1L, "dailyCycle"), new JobParameters()));
		StepSynchronizationManager.register(step);
		ItemProcessor<String, Ingested> skipTombstones = (record) -> record.equals("tombstone") ? null : reject(record);
		ProcessedItemReader<String> reader = new ProcessedItemReader<>(
				new Records("a", "tombstone", "tombstone", "b", "tombstone"), skipTombstones);

		assertThat(reader.read().reject().origin()).isEqualTo("a");
		assertThat(reader.read().reject().origin()).isEqualTo("b");
		assertThat(reader.read()).isNull();

		// the step itself counts the two items the reader returned
		assertThat(step.getReadCount()).isEqualTo(3);
		assertThat(step.getFilterCount()).isEqualTo(3);
	}

	@Test
	void theReaderAndTheProcessor_areOpenedUpdatedAndClosedAsStreams() {
		Records records = new Records();
		StreamProcessor processor = new StreamProcessor();
		ProcessedItemReader<String> reader = new ProcessedItemReader<>(records, processor);
		ExecutionContext context = new ExecutionContext();

		reader.open(context);
		reader.update(context);
		reader.close();

		assertThat(this.calls).containsExactly("open reader", "open processor", "update reader", "update processor",
				"close processor", "close reader");
	}

	@Test
	void theReader_isClosedEvenIfTheProcessorFailsToClose() {
		Records records = new Records();
		StreamProcessor processor = new StreamProcessor() {

			@Override
			public void close() {
				super.close();
				throw new IllegalStateException("the processor could not close");
			}

		};
		ProcessedItemReader<String> reader = new ProcessedItemReader<>(records, processor);

		assertThatIllegalStateException().isThrownBy(reader::close).withMessage("the processor could not close");
		assertThat(this.calls).containsExactly("close processor", "close reader");
	}

	private Ingested reject(String record) {
		this.calls.add("process " + record);
		return Ingested.rejected(
				new Reject(LocalDate.of(2024, 1, 2), Source.ECOMMERCE, Entity.ORDER, record, "a test record", record));
	}

	/** A stream whose opening, updating and closing are noted under its role. */
	private abstract class NotedStream implements ItemStream {

		private final String role;

		NotedStream(String role) {
			this.role = role;
		}

		@Override
		public void open(ExecutionContext executionContext) {
			ProcessedItemReaderTests.this.calls.add("open " + this.role);
		}

		@Override
		public void update(ExecutionContext executionContext) {
			ProcessedItemReaderTests.this.calls.add("update " + this.role);
		}

		@Override
		public void close() {
			ProcessedItemReaderTests.this.calls.add("close " + this.role);
		}

	}

	/** Records read from a list, each read noted. */
	private final class Records extends NotedStream implements ItemStreamReader<String> {

		private final Iterator<String> records;

		Records(String... records) {
			super("reader");
			this.records = List.of(records).iterator();
		}

		@Override
		public String read() {
			String record = this.records.hasNext() ? this.records.next() : null;
			ProcessedItemReaderTests.this.calls.add("read " + ((record != null) ? record : "end"));
			return record;
		}

	}

	/** A processor that is also a stream, as a step-scoped one is. */
	private class StreamProcessor extends NotedStream implements ItemProcessor<String, Ingested> {

		StreamProcessor() {
			super("processor");
		}

		@Override
		public Ingested process(String record) {
			return reject(record);
		}

	}

}
