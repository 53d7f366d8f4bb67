package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.widgetsunlimited.etl.model.Entity;

import static com.widgetsunlimited.etl.staging.StagingTestRows.customer;
import static com.widgetsunlimited.etl.staging.StagingTestRows.order;
import static com.widgetsunlimited.etl.staging.StagingTestRows.product;
import static com.widgetsunlimited.etl.staging.StagingTestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ParquetStagingWriterTests {

	private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	@TempDir
	java.nio.file.Path root;

	private StagingLocation location() {
		return new StagingLocation(this.root.toString());
	}

	@Test
	void rowsWrittenInChunks_readBackInOrderWithTheirValues() throws IOException {
		// given
		List<List<StagedRow>> productChunks = List.of(rows(StagingTestRows::product, 1, 10),
				rows(StagingTestRows::product, 11, 20), rows(StagingTestRows::product, 21, 25));
		List<List<StagedRow>> orderChunks = List.of(rows(StagingTestRows::order, 1, 3),
				rows(StagingTestRows::order, 4, 4));

		// when
		stage(Entity.PRODUCT, productChunks);
		stage(Entity.ORDER, orderChunks);

		// then
		List<GenericRecord> products = StagingTestRows.read(file(Entity.PRODUCT));
		assertThat(products).extracting((record) -> record.get("product_id"))
			.containsExactlyElementsOf(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L,
					17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L));
		GenericRecord second = products.get(1);
		assertThat(second.get("name")).hasToString("Widget 2");
		assertThat(second.get("brand")).hasToString("Acme");
		assertThat(products.get(0).get("brand")).isNull();
		assertThat(second.get("unit_cost")).isEqualTo(new BigDecimal("3.01"));
		assertThat(second.get("list_price")).isEqualTo(new BigDecimal("19.99"));
		assertThat(second.get("length")).isNull();
		assertThat(second.get("introduced_date")).isEqualTo(LocalDate.of(2023, 5, 3));
		assertThat(second.get("inserted_at")).isEqualTo(StagingTestRows.T0.plusSeconds(2));
		assertThat(second.get("discontinued")).isEqualTo(false);
		assertThat(products.get(2).get("discontinued")).isEqualTo(true);
		assertThat(second.get("_op")).hasToString("r");
		assertThat(second.get("_source_ts")).isNull();
		assertThat(second.get("_origin")).hasToString("product_20240101.csv:3");
		List<GenericRecord> orders = StagingTestRows.read(file(Entity.ORDER));
		assertThat(orders).extracting((record) -> record.get("order_id")).containsExactly(1L, 2L, 3L, 4L);
		assertThat(orders.get(3).get("execution_time")).isEqualTo(StagingTestRows.T0.plusMillis(4));
		assertThat(orders.get(3).get("shipping_cost")).isEqualTo(new BigDecimal("4.50"));
		assertThat(orders.get(3).get("_source_ts")).isEqualTo(StagingTestRows.T0);
	}

	@Test
	void customers_areStagedWithoutPasswordAndWithOnlyTheCardNumbersLastFour() throws IOException {
		// given
		List<List<StagedRow>> chunks = List.of(rows(StagingTestRows::customer, 1, 3),
				rows(StagingTestRows::customer, 4, 5));

		// when
		stage(Entity.CUSTOMER, chunks);

		// then
		List<GenericRecord> customers = StagingTestRows.read(file(Entity.CUSTOMER));
		assertThat(customers).hasSize(5);
		assertThat(customers).extracting((record) -> record.get("credit_card_number_last4").toString())
			.containsExactly("1001", "1002", "1003", "1004", "1005");
		assertThat(customers.get(0).getSchema().getField("password")).isNull();
		assertThat(customers.get(0).getSchema().getField("credit_card_number")).isNull();
		assertThat(customers.get(0).get("date_of_birth")).isEqualTo(LocalDate.of(1980, 1, 2));
		assertNoSecretIn(StagingTestRows.bytes(file(Entity.CUSTOMER)), 5);
	}

	@Test
	void uncompressedCustomerFile_showsItsStringsButNoPasswordOrCardNumber() throws IOException {
		// given: without compression, a staged string is plainly in the bytes
		List<StagedRow> customers = rows(StagingTestRows::customer, 1, 5);

		// when
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.CUSTOMER)) {
			writer.setCompressionCodec(CompressionCodecName.UNCOMPRESSED);
			writer.open(new ExecutionContext());
			writer.write(new Chunk<>(customers));
			writer.complete();
		}

		// then
		String text = new String(StagingTestRows.bytes(file(Entity.CUSTOMER)), StandardCharsets.ISO_8859_1);
		assertThat(text).contains("customer3@example.com").contains("1003");
		assertNoSecretIn(StagingTestRows.bytes(file(Entity.CUSTOMER)), 5);
	}

	@Test
	void restart_dropsTheUncommittedPartAndContinuesAfterTheCommittedOnes() throws IOException {
		// given: chunks 1 and 2 committed, chunk 3 written but rolled back with the step
		ExecutionContext saved = new ExecutionContext();
		ParquetStagingWriter first = new ParquetStagingWriter(location(), DAY, Entity.PRODUCT);
		first.open(saved);
		first.write(new Chunk<>(rows(StagingTestRows::product, 1, 10)));
		first.update(saved);
		first.write(new Chunk<>(rows(StagingTestRows::product, 11, 20)));
		first.update(saved);
		first.write(new Chunk<>(rows(StagingTestRows::product, 21, 30)));
		assertThat(Files.exists(part(Entity.PRODUCT, 3))).isTrue();
		first.close();

		// when
		ParquetStagingWriter second = new ParquetStagingWriter(location(), DAY, Entity.PRODUCT);
		second.open(saved);
		assertThat(Files.exists(part(Entity.PRODUCT, 3))).isFalse();
		second.write(new Chunk<>(rows(StagingTestRows::product, 21, 30)));
		second.write(new Chunk<>(rows(StagingTestRows::product, 31, 35)));
		second.update(saved);
		second.complete();
		second.close();

		// then
		assertThat(saved.getInt("productStagingWriter.parts")).isEqualTo(4);
		assertThat(StagingTestRows.read(file(Entity.PRODUCT))).extracting((record) -> (Long) record.get("product_id"))
			.containsExactlyElementsOf(keys(1, 35));
	}

	@Test
	void freshStart_deletesWhatAnEarlierRunLeftUnfinished() throws IOException {
		// given
		try (ParquetStagingWriter earlier = new ParquetStagingWriter(location(), DAY, Entity.PRODUCT)) {
			earlier.open(new ExecutionContext());
			earlier.write(new Chunk<>(rows(StagingTestRows::product, 1, 5)));
		}
		Files.writeString(parts(Entity.PRODUCT).resolve(".part-00002.parquet.inprogress"), "half a part");
		Files.writeString(file(Entity.PRODUCT).resolveSibling(".product.parquet.inprogress"), "half a file");

		// when
		stage(Entity.PRODUCT, List.of(rows(StagingTestRows::product, 6, 7)));

		// then
		assertThat(StagingTestRows.read(file(Entity.PRODUCT))).extracting((record) -> record.get("product_id"))
			.containsExactly(6L, 7L);
		assertThat(filesUnder(this.root)).containsExactly("2024-01-01/inventory/product.parquet");
	}

	@Test
	void rolledBackChunk_isDiscardedAndItsNumberReused() throws IOException {
		// given
		TransactionTemplate transaction = new TransactionTemplate(new ResourcelessTransactionManager());
		ExecutionContext context = new ExecutionContext();
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.PRODUCT)) {
			writer.open(context);
			transaction.executeWithoutResult((status) -> {
				writer.write(new Chunk<>(rows(StagingTestRows::product, 1, 2)));
				writer.update(context);
			});

			// when
			transaction.executeWithoutResult((status) -> {
				writer.write(new Chunk<>(rows(StagingTestRows::product, 3, 4)));
				status.setRollbackOnly();
			});

			// then
			assertThat(Files.exists(part(Entity.PRODUCT, 2))).isFalse();
			transaction.executeWithoutResult((status) -> {
				writer.write(new Chunk<>(rows(StagingTestRows::product, 3, 5)));
				writer.update(context);
			});
			writer.complete();
		}
		assertThat(context.getInt("productStagingWriter.parts")).isEqualTo(2);
		assertThat(StagingTestRows.read(file(Entity.PRODUCT))).extracting((record) -> (Long) record.get("product_id"))
			.containsExactlyElementsOf(keys(1, 5));
	}

	@Test
	void stagingFile_appearsOnlyOnCompletionAndLeavesNothingElse() throws IOException {
		// given
		ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER);
		writer.open(new ExecutionContext());
		writer.write(new Chunk<>(rows(StagingTestRows::order, 1, 2)));
		writer.write(new Chunk<>(rows(StagingTestRows::order, 3, 4)));
		assertThat(Files.exists(file(Entity.ORDER))).isFalse();
		assertThat(filesUnder(this.root)).containsExactly("2024-01-01/ecommerce/order.parquet.parts/part-00001.parquet",
				"2024-01-01/ecommerce/order.parquet.parts/part-00002.parquet");

		// when
		writer.complete();
		writer.close();

		// then
		assertThat(filesUnder(this.root)).containsExactly("2024-01-01/ecommerce/order.parquet");
		assertThat(Files.exists(parts(Entity.ORDER))).isFalse();
	}

	@Test
	void completion_replacesAnOlderFile() throws IOException {
		// given
		stage(Entity.ORDER, List.of(rows(StagingTestRows::order, 1, 9)));

		// when
		stage(Entity.ORDER, List.of(rows(StagingTestRows::order, 20, 21)));

		// then
		assertThat(StagingTestRows.read(file(Entity.ORDER))).extracting((record) -> record.get("order_id"))
			.containsExactly(20L, 21L);
		assertThat(filesUnder(this.root)).containsExactly("2024-01-01/ecommerce/order.parquet");
	}

	@Test
	void sameRowsInTheSameChunks_giveTheSameBytes_otherChunks_theSameRowsInOtherRowGroups() throws IOException {
		// given
		StagingLocation one = new StagingLocation(this.root.resolve("one").toString());
		StagingLocation two = new StagingLocation(this.root.resolve("two").toString());
		StagingLocation three = new StagingLocation(this.root.resolve("three").toString());

		// when
		stage(one, Entity.CUSTOMER,
				List.of(rows(StagingTestRows::customer, 1, 4), rows(StagingTestRows::customer, 5, 8)));
		stage(two, Entity.CUSTOMER,
				List.of(rows(StagingTestRows::customer, 1, 4), rows(StagingTestRows::customer, 5, 8)));
		stage(three, Entity.CUSTOMER, List.of(rows(StagingTestRows::customer, 1, 8)));

		// then: each chunk is a row group, copied as it was written
		byte[] first = StagingTestRows.bytes(path(one, Entity.CUSTOMER));
		assertThat(StagingTestRows.bytes(path(two, Entity.CUSTOMER))).isEqualTo(first);
		assertThat(rowGroupSizes(path(one, Entity.CUSTOMER))).containsExactly(4L, 4L);
		assertThat(rowGroupSizes(path(three, Entity.CUSTOMER))).containsExactly(8L);
		assertThat(StagingTestRows.read(path(three, Entity.CUSTOMER))).map(Object::toString)
			.hasSize(8)
			.isEqualTo(StagingTestRows.read(path(one, Entity.CUSTOMER)).stream().map(Object::toString).toList());
	}

	@Test
	void partsWrittenOneAfterAnother_withTheWritersCodecs_areTheBytesOfPartsEachWrittenByAWriterOfItsOwn()
			throws IOException {
		// given: three chunks of different sizes and contents
		List<List<StagedRow>> chunks = List.of(rows(StagingTestRows::customer, 1, 40),
				rows(StagingTestRows::customer, 41, 43), rows(StagingTestRows::customer, 44, 90));
		StagingLocation shared = new StagingLocation(this.root.resolve("shared").toString());
		StagingLocation own = new StagingLocation(this.root.resolve("own").toString());

		// when: one writer writes every part; and a new writer (a restart) writes each
		stage(shared, Entity.CUSTOMER, chunks);
		ExecutionContext context = new ExecutionContext();
		for (List<StagedRow> chunk : chunks) {
			try (ParquetStagingWriter writer = new ParquetStagingWriter(own, DAY, Entity.CUSTOMER)) {
				writer.open(context);
				writer.write(new Chunk<>(chunk));
				writer.update(context);
				if (chunk == chunks.get(chunks.size() - 1)) {
					writer.complete();
				}
			}
		}

		// then: nothing of one part's compression carries over into the next
		assertThat(StagingTestRows.bytes(path(own, Entity.CUSTOMER)))
			.isEqualTo(StagingTestRows.bytes(path(shared, Entity.CUSTOMER)));
		assertThat(rowGroupSizes(path(shared, Entity.CUSTOMER))).containsExactly(40L, 3L, 47L);
	}

	@Test
	void noRows_giveAReadableEmptyFileWithTheSchema() throws IOException {
		// when
		stage(Entity.STORE_SALES, List.of());

		// then
		assertThat(StagingTestRows.read(file(Entity.STORE_SALES))).isEmpty();
		try (var reader = org.apache.parquet.hadoop.ParquetFileReader
			.open(new org.apache.parquet.io.LocalInputFile(file(Entity.STORE_SALES)))) {
			assertThat(reader.getRecordCount()).isZero();
			assertThat(reader.getFileMetaData().getSchema().containsField("cc_number_last4")).isTrue();
		}
	}

	@Test
	void afterStep_completesOnlyACompletedStep() throws IOException {
		// given
		ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER);
		writer.open(new ExecutionContext());
		writer.write(new Chunk<>(rows(StagingTestRows::order, 1, 2)));
		StepExecution failed = MetaDataInstanceFactory.createStepExecution();
		failed.setStatus(BatchStatus.FAILED);
		StepExecution completed = MetaDataInstanceFactory.createStepExecution();
		completed.setStatus(BatchStatus.COMPLETED);

		// when
		writer.afterStep(failed);
		boolean afterFailure = Files.exists(file(Entity.ORDER));
		ExitStatus exitStatus = writer.afterStep(completed);
		writer.close();

		// then
		assertThat(afterFailure).isFalse();
		assertThat(exitStatus).isNull();
		assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(StagingTestRows.read(file(Entity.ORDER))).hasSize(2);
	}

	@Test
	void afterStep_failsTheStepWhenTheFileCannotBeCompleted() throws IOException {
		// given
		ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER);
		writer.open(new ExecutionContext());
		writer.write(new Chunk<>(rows(StagingTestRows::order, 1, 2)));
		Files.delete(part(Entity.ORDER, 1));
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		step.setStatus(BatchStatus.COMPLETED);

		// when
		ExitStatus exitStatus = writer.afterStep(step);
		writer.close();

		// then
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(exitStatus.getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
		assertThat(step.getFailureExceptions()).singleElement()
			.isInstanceOf(ItemStreamException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("part-00001.parquet"));
		assertThat(Files.exists(file(Entity.ORDER))).isFalse();
		assertThat(filesUnder(this.root)).noneMatch((name) -> name.contains("inprogress"));
	}

	@Test
	void restartAfterCompletionThatWasNotRecorded_keepsTheFile() throws IOException {
		// given
		ExecutionContext saved = new ExecutionContext();
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER)) {
			writer.open(saved);
			writer.write(new Chunk<>(rows(StagingTestRows::order, 1, 3)));
			writer.update(saved);
			writer.complete();
		}
		byte[] completed = StagingTestRows.bytes(file(Entity.ORDER));

		// when
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER)) {
			writer.open(saved);
			writer.write(new Chunk<>(List.of()));
			writer.complete();
			assertThatExceptionOfType(ItemStreamException.class)
				.isThrownBy(() -> writer.write(new Chunk<>(List.of(order(9)))))
				.withMessageContaining("already complete");
		}

		// then
		assertThat(StagingTestRows.bytes(file(Entity.ORDER))).isEqualTo(completed);
	}

	@Test
	void restartWithACommittedPartMissing_fails() throws IOException {
		// given
		ExecutionContext saved = new ExecutionContext();
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER)) {
			writer.open(saved);
			writer.write(new Chunk<>(rows(StagingTestRows::order, 1, 3)));
			writer.write(new Chunk<>(rows(StagingTestRows::order, 4, 5)));
			writer.update(saved);
		}
		Files.delete(part(Entity.ORDER, 1));
		ParquetStagingWriter restarted = new ParquetStagingWriter(location(), DAY, Entity.ORDER);

		// then
		assertThatExceptionOfType(ItemStreamException.class).isThrownBy(() -> restarted.open(saved))
			.withMessageContaining("part-00001.parquet");
	}

	@Test
	void rowOfAnotherEntity_isRefusedAndLeavesNoPart() throws IOException {
		// given
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.ORDER)) {
			writer.open(new ExecutionContext());

			// then
			assertThatIllegalArgumentException()
				.isThrownBy(() -> writer.write(new Chunk<>(List.of(order(1), product(1)))))
				.withMessageContaining("product");
			writer.write(new Chunk<>(List.of(order(2))));
			assertThat(filesUnder(this.root))
				.containsExactly("2024-01-01/ecommerce/order.parquet.parts/part-00001.parquet");
		}
	}

	@Test
	void writerName_prefixesItsExecutionContextKey() {
		// given
		ExecutionContext context = new ExecutionContext();
		try (ParquetStagingWriter writer = new ParquetStagingWriter("customerStagingWriter", location(), DAY,
				Entity.CUSTOMER)) {
			writer.open(context);

			// when
			writer.write(new Chunk<>(List.of(customer(1))));
			writer.update(context);
		}

		// then
		assertThat(context.getInt("customerStagingWriter.parts")).isEqualTo(1);
	}

	@Test
	void aCompletedStepWithoutARowWhoseProcessDiedBeforeAssembling_getsItsEmptyFileAfterwards() throws Exception {
		// given: a step that staged no row, recorded complete, its process killed before
		// afterStep assembled the file
		ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.SUPPLIER);
		writer.open(new ExecutionContext());
		writer.close();

		// when
		boolean completed = ParquetStagingWriter.completeUnfinished(location(), DAY, Entity.SUPPLIER);

		// then: the file is there, empty, and nothing else is
		assertThat(completed).isTrue();
		assertThat(StagingTestRows.read(file(Entity.SUPPLIER))).isEmpty();
		try (var files = java.nio.file.Files.list(file(Entity.SUPPLIER).getParent())) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactly("supplier.parquet");
		}
	}

	@Test
	void partsOfACompletedStepWhoseProcessDiedWhileAssembling_areCompletedAfterwards() throws Exception {
		// given: two committed parts and a half-written assembly, as a process killed in
		// afterStep leaves
		ExecutionContext context = new ExecutionContext();
		ParquetStagingWriter writer = new ParquetStagingWriter(location(), DAY, Entity.PRODUCT);
		writer.open(context);
		writer.write(new Chunk<>(rows(StagingTestRows::product, 1, 3)));
		writer.update(context);
		writer.write(new Chunk<>(rows(StagingTestRows::product, 4, 5)));
		writer.update(context);
		writer.close();
		java.nio.file.Path folder = file(Entity.PRODUCT).getParent();
		java.nio.file.Files.writeString(folder.resolve(".product.parquet.inprogress"), "");

		// when
		boolean completed = ParquetStagingWriter.completeUnfinished(location(), DAY, Entity.PRODUCT);

		// then
		assertThat(completed).isTrue();
		assertThat(StagingTestRows.read(file(Entity.PRODUCT))).hasSize(5);
		try (var files = java.nio.file.Files.list(folder)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactly("product.parquet");
		}
		assertThat(ParquetStagingWriter.completeUnfinished(location(), DAY, Entity.PRODUCT)).isFalse();
	}

	@Test
	void aProcessThatDiedWhileDeletingTheAssembledFilesParts_leavesNothingToAssembleAgain() throws Exception {
		// given: a file assembled from two parts, then the retired parts folder as a
		// process killed while deleting it leaves it (the first part gone, the second
		// not), and the folder of a rerun's writer that staged no row yet
		stage(Entity.PRODUCT, List.of(rows(StagingTestRows::product, 1, 3), rows(StagingTestRows::product, 4, 5)));
		java.nio.file.Path folder = file(Entity.PRODUCT).getParent();
		java.nio.file.Path retired = java.nio.file.Files.createDirectory(folder.resolve(".product.parquet.parts.done"));
		java.nio.file.Files.writeString(retired.resolve("part-00002.parquet"), "");

		// when: the next step looks for files to complete
		boolean completed = ParquetStagingWriter.completeUnfinished(location(), DAY, Entity.PRODUCT);

		// then: the file keeps its five rows, and what was left is gone
		assertThat(completed).isFalse();
		assertThat(StagingTestRows.read(file(Entity.PRODUCT))).hasSize(5);
		assertThat(retired).doesNotExist();
		// as it is when the next writer of the entity opens
		java.nio.file.Files.createDirectory(retired);
		new ParquetStagingWriter(location(), DAY, Entity.PRODUCT).open(new ExecutionContext());
		assertThat(retired).doesNotExist();
	}

	private void stage(Entity entity, List<List<StagedRow>> chunks) {
		stage(location(), entity, chunks);
	}

	private static void stage(StagingLocation location, Entity entity, List<List<StagedRow>> chunks) {
		ExecutionContext context = new ExecutionContext();
		try (ParquetStagingWriter writer = new ParquetStagingWriter(location, DAY, entity)) {
			writer.open(context);
			for (List<StagedRow> chunk : chunks) {
				writer.write(new Chunk<>(chunk));
				writer.update(context);
			}
			writer.complete();
		}
	}

	private static void assertNoSecretIn(byte[] bytes, int customers) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("password").doesNotContain(StagingTestRows.PASSWORD);
		for (long id = 1; id <= customers; id++) {
			String cardNumber = StagingTestRows.cardNumber(id);
			assertThat(text).doesNotContain(cardNumber).doesNotContain(cardNumber.replace("-", ""));
		}
	}

	private java.nio.file.Path file(Entity entity) {
		return path(location(), entity);
	}

	private static List<Long> rowGroupSizes(java.nio.file.Path file) throws IOException {
		try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile
			.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
			return reader.getFooter().getBlocks().stream().map(BlockMetaData::getRowCount).toList();
		}
	}

	private static java.nio.file.Path path(StagingLocation location, Entity entity) {
		return java.nio.file.Path.of(location.entityFile(DAY, entity).toUri());
	}

	private java.nio.file.Path parts(Entity entity) {
		return file(entity).resolveSibling(entity.id() + ".parquet.parts");
	}

	private java.nio.file.Path part(Entity entity, int number) {
		return parts(entity).resolve(String.format("part-%05d.parquet", number));
	}

	private static List<Long> keys(long from, long to) {
		List<Long> keys = new ArrayList<>();
		for (long key = from; key <= to; key++) {
			keys.add(key);
		}
		return keys;
	}

	private static List<String> filesUnder(java.nio.file.Path folder) throws IOException {
		try (Stream<java.nio.file.Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> folder.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
				.sorted()
				.toList();
		}
	}

}
