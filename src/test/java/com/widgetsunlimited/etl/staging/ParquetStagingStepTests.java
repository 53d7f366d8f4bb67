package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.item.support.CompositeItemWriter;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

import com.widgetsunlimited.etl.model.Entity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer in a real chunk-oriented step (in memory, no Spring context): the file is
 * completed by the step, and a chunk rolled back after the writer wrote its part is
 * neither lost nor staged twice by a restart.
 */
class ParquetStagingStepTests {

	private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	@TempDir
	java.nio.file.Path root;

	private final JobRepository repository = new ResourcelessJobRepository();

	@Test
	void completedStep_leavesTheCompleteFileAndNoParts() throws Exception {
		// given
		ParquetStagingWriter writer = writer();
		Step step = step(new ProductReader(25), writer, writer);

		// when
		StepExecution execution = execute(step, new ExecutionContext());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(productKeys()).isEqualTo(LongStream.rangeClosed(1, 25).boxed().toList());
		assertThat(Files.exists(file().resolveSibling("product.parquet.parts"))).isFalse();
	}

	@Test
	void restartAfterAChunkRolledBackBehindTheWriter_stagesEveryRowOnce() throws Exception {
		// given: the third chunk fails after the staging writer wrote its part
		ParquetStagingWriter writer = writer();
		CompositeItemWriter<StagedRow> failingThirdChunk = new CompositeItemWriter<>(List.of(writer, failOnChunk(3)));
		StepExecution failed = execute(step(new ProductReader(45), failingThirdChunk, writer), new ExecutionContext());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getFailureExceptions()).singleElement()
			.satisfies((ex) -> assertThat(ex).hasRootCauseMessage("the warehouse went away"));
		assertThat(Files.exists(file())).isFalse();
		try (Stream<java.nio.file.Path> parts = Files.list(file().resolveSibling("product.parquet.parts"))) {
			assertThat(parts.map((part) -> part.getFileName().toString()).sorted())
				.containsExactly("part-00001.parquet", "part-00002.parquet");
		}

		// when
		ParquetStagingWriter restarted = writer();
		StepExecution execution = execute(step(new ProductReader(45), restarted, restarted),
				new ExecutionContext(failed.getExecutionContext()));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(productKeys()).isEqualTo(LongStream.rangeClosed(1, 45).boxed().toList());
	}

	private ParquetStagingWriter writer() {
		return new ParquetStagingWriter(new StagingLocation(this.root.toString()), DAY, Entity.PRODUCT);
	}

	private Step step(ProductReader reader, ItemWriter<StagedRow> writer, ParquetStagingWriter stagingWriter) {
		return new StepBuilder("stageProductStep", this.repository).<StagedRow, StagedRow>chunk(10)
			.transactionManager(new ResourcelessTransactionManager())
			.reader(reader)
			.writer(writer)
			.stream(stagingWriter)
			.listener(stagingWriter)
			.build();
	}

	private StepExecution execute(Step step, ExecutionContext context) throws Exception {
		JobParameters parameters = new JobParameters();
		JobInstance instance = this.repository.createJobInstance("stageProducts", parameters);
		JobExecution job = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		StepExecution execution = this.repository.createStepExecution("stageProductStep", job);
		execution.setExecutionContext(context);
		step.execute(execution);
		return execution;
	}

	private static ItemWriter<StagedRow> failOnChunk(int failing) {
		int[] chunks = { 0 };
		return (Chunk<? extends StagedRow> chunk) -> {
			if (++chunks[0] == failing) {
				throw new IllegalStateException("the warehouse went away");
			}
		};
	}

	private java.nio.file.Path file() {
		return this.root.resolve("2024-01-01/inventory/product.parquet");
	}

	private List<Long> productKeys() throws IOException {
		return StagingTestRows.read(file())
			.stream()
			.map((GenericRecord record) -> (Long) record.get("product_id"))
			.toList();
	}

	/** Products 1 to {@code count}, restartable after the last committed one. */
	static final class ProductReader extends AbstractItemCountingItemStreamItemReader<StagedRow> {

		ProductReader(int count) {
			setName("productReader");
			setMaxItemCount(count);
		}

		@Override
		protected StagedRow doRead() {
			return StagingTestRows.product(getCurrentItemCount());
		}

		@Override
		protected void doOpen() {
		}

		@Override
		protected void doClose() {
		}

	}

}
