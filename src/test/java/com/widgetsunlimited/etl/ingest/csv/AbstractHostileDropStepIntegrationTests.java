package com.widgetsunlimited.etl.ingest.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.ingest.IngestSteps;
import com.widgetsunlimited.etl.ingest.IngestedItemWriter;
import com.widgetsunlimited.etl.ingest.RejectCeiling;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.EntityPartitioner;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;
import com.widgetsunlimited.etl.staging.StagedRecord;
import com.widgetsunlimited.etl.staging.StagingItemReader;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.support.MigratedWarehouse;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.transform.raw.RawLayerWriter;
import com.widgetsunlimited.etl.warehouse.PayloadMasking;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.RejectWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile drop file through the real ingestion step into a real warehouse: every record
 * is staged or in {@code etl_reject} (with a cut, masked payload the reject table holds),
 * and SQL in a field arrives verbatim in staging and the raw layer, running nothing. One
 * subclass per warehouse database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractHostileDropStepIntegrationTests {

	static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	static final String TIMES = "01/01/2024 10:00:00,01/01/2024 10:00:00";

	static final String SQL = "Robert'); DROP TABLE raw_inventory_product; --";

	static final String DESCRIPTION = "C:\\temp\\ \"quoted\" \\\" \\\\ 'single' ; \u00e9 \ud83d\ude00";

	private MigratedWarehouse migrated;

	private HikariDataSource pool;

	private WarehouseDatabase warehouse;

	@TempDir
	Path folder;

	/** A new, empty database of the kind under test, dropped when closed. */
	protected abstract TestDatabase openDatabase();

	@BeforeAll
	void migrate() {
		this.migrated = MigratedWarehouse.of(openDatabase());
		this.pool = this.migrated.pool();
		this.warehouse = this.migrated.warehouse();
	}

	@AfterAll
	void close() {
		if (this.migrated != null) {
			this.migrated.close();
		}
	}

	@Test
	void everyLineIsStagedOrRejected_rejectsKeepACutMaskedPayload_andSqlInAFieldArrivesVerbatim() throws Exception {
		// given: a drop file of six records, four of them hostile
		Path file = this.folder.resolve("product_20240101.csv");
		String longLine = "2,4111 1111 1111 1111 " + "x".repeat(2 * 1024 * 1024)
				+ ",,Tools,,,1.00,2.00,,,,,false,false," + TIMES;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(utf8(String.join(",", Entity.PRODUCT.columnNames()) + "\r\n"));
		bytes.writeBytes(utf8("1,\"" + SQL + "\",\"" + DESCRIPTION.replace("\"", "\"\"")
				+ "\",Tools,,,1.00,2.00,,,,,false,false," + TIMES + "\r\n"));
		bytes.writeBytes(utf8(longLine + "\r\n"));
		bytes.writeBytes(utf8("3,Nul\u0000,,Tools,,,1.00,2.00,,,,,false,false," + TIMES + "\r\n"));
		bytes.writeBytes(utf8("4,Caf"));
		bytes.writeBytes(new byte[] { (byte) 0xE9 });
		bytes.writeBytes(utf8(",,Tools,,,1.00,2.00,,,,,false,false," + TIMES + "\r\n"));
		bytes.writeBytes(utf8("5,Widget,,Tools,,,-1.00,99999999999999999999,,,,,false,false," + TIMES + "\r\n"));
		bytes.writeBytes(utf8("6,Gadget,,Tools,,,1.00,2.00,,,,,false,false," + TIMES + "\r\n"));
		Files.write(file, bytes.toByteArray());
		StagingLocation staging = new StagingLocation(this.folder.resolve("staging").toString());

		// when: the ingestion step, then the raw layer load of what it staged
		StepExecution step = ingest(file, staging);
		StagingItemReader staged = new StagingItemReader(staging, DAY, Entity.PRODUCT);
		staged.open(new ExecutionContext());
		Chunk<StagedRecord> records = new Chunk<>();
		for (StagedRecord record = staged.read(); record != null; record = staged.read()) {
			records.add(record);
		}
		staged.close();
		new RawLayerWriter(this.warehouse, new RawTable(Entity.PRODUCT), DAY, 1L).write(records);

		// then: six in, two staged, four rejected with file, line and reason
		JdbcTemplate jdbc = new JdbcTemplate(this.pool);
		assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(records.getItems()).extracting(StagedRecord::key).containsExactly(1L, 6L);
		List<Map<String, Object>> rejects = jdbc
			.queryForList("SELECT origin, reason, payload FROM etl_reject WHERE job_execution_id = 1 ORDER BY origin");
		assertThat(rejects).extracting((row) -> row.get("origin"))
			.containsExactly("product_20240101.csv:3", "product_20240101.csv:4", "product_20240101.csv:5",
					"product_20240101.csv:6");
		assertThat(rejects).extracting((row) -> row.get("reason"))
			.containsExactly("line is " + longLine.length() + " characters long, more than the 1048576 a line may have",
					"name holds a NUL character (U+0000), which the warehouse cannot store",
					"name holds bytes that are not UTF-8",
					"list_price 99999999999999999999 does not fit decimal(18,2)");
		String cut = (String) rejects.get(0).get("payload");
		assertThat(cut).startsWith("2,************1111 xxx")
			.matches("(?s).*xxx\\.\\.\\. \\[\\d+ more characters\\]")
			.hasSizeLessThan(PayloadMasking.MAX_LENGTH + 40);
		assertThat((String) rejects.get(1).get("payload")).startsWith("3,Nul\ufffd,");
		assertThat((String) rejects.get(2).get("payload")).startsWith("4,Caf\ufffd,");
		Map<String, Object> raw = jdbc
			.queryForMap("SELECT name, description FROM raw_inventory_product WHERE product_id = 1");
		assertThat(raw).containsEntry("name", SQL).containsEntry("description", DESCRIPTION);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM raw_inventory_product", Integer.class)).isEqualTo(2);
	}

	@Test
	void aDropThatTripsTheRejectCeiling_isReadAgainFromTheStartOnceFixed_andOnlyItsRealRejectsRemain()
			throws Exception {
		// given: a drop file whose first four lines have a field too many, and one line
		// with a price that is no number
		Path file = this.folder.resolve("ceiling").resolve("product_20240101.csv");
		Files.createDirectories(file.getParent());
		List<String> good = new ArrayList<>();
		for (int id = 1; id <= 6; id++) {
			good.add(id + ",Widget " + id + ",,Tools,,,1.00,2.00,,,,,false,false," + TIMES);
		}
		good.set(5, "6,Widget 6,,Tools,,,one,2.00,,,,,false,false," + TIMES);
		List<String> broken = new ArrayList<>(good);
		for (int line = 0; line < 4; line++) {
			broken.set(line, good.get(line) + ",extra");
		}
		String header = String.join(",", Entity.PRODUCT.columnNames());
		Files.write(file, Stream.concat(Stream.of(header), broken.stream()).toList());
		StagingLocation staging = new StagingLocation(this.folder.resolve("ceiling-staging").toString());
		JdbcTemplate jdbc = new JdbcTemplate(this.pool);
		ExecutionContext context = new ExecutionContext();
		context.putString(EntityPartitioner.ENTITY, Entity.PRODUCT.id());

		// when: the step trips the ceiling; the file is fixed and the step run again from
		// the context its failure left, as a restart would
		StepExecution tripped = ingest(file, staging, 11L, context, new RejectCeiling(-1, 0.5, this.warehouse));
		List<Object> rejectedFirst = jdbc.queryForList(
				"SELECT origin FROM etl_reject WHERE entity = 'product' " + "AND job_execution_id = 11 ORDER BY origin",
				Object.class);
		Files.write(file, Stream.concat(Stream.of(header), good.stream()).toList());
		StepExecution again = ingest(file, staging, 12L, tripped.getExecutionContext(),
				new RejectCeiling(-1, 0.5, this.warehouse));

		// then: the failure said how to recover; the second run read the whole file
		// again, and the rejects are the fixed file's only
		assertThat(tripped.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(tripped.getExitStatus().getExitDescription()).contains("5 of 6 rows rejected")
			.contains("fix the inventory input and run the same command again: it is read again from the start");
		assertThat(rejectedFirst).hasSize(5);
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.getReadCount()).isEqualTo(6);
		assertThat(jdbc.queryForList("SELECT origin, job_execution_id FROM etl_reject WHERE entity = 'product' "
				+ "AND origin LIKE 'product_20240101.csv:%' AND business_date = ?", DAY))
			.singleElement()
			.satisfies((reject) -> assertThat(reject).containsEntry("origin", "product_20240101.csv:7")
				.containsEntry("job_execution_id", 12L));
		StagingItemReader staged = new StagingItemReader(staging, DAY, Entity.PRODUCT);
		staged.open(new ExecutionContext());
		List<Long> keys = new ArrayList<>();
		for (StagedRecord record = staged.read(); record != null; record = staged.read()) {
			keys.add(record.key());
		}
		staged.close();
		assertThat(keys).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	private StepExecution ingest(Path file, StagingLocation staging) throws Exception {
		return ingest(file, staging, 1L, new ExecutionContext(), new RejectCeiling(-1, 1.0));
	}

	private StepExecution ingest(Path file, StagingLocation staging, long jobExecutionId, ExecutionContext context,
			RejectCeiling ceiling) throws Exception {
		EtlProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("etl.ingest.chunk-size", "2")))
			.bindOrCreate("etl", EtlProperties.class);
		ParquetStagingWriter stagingWriter = new ParquetStagingWriter(staging, DAY, Entity.PRODUCT);
		JobRepository repository = new ResourcelessJobRepository();
		Step step = IngestSteps.worker("ingestInventoryFileStep", repository, new JdbcTransactionManager(this.pool),
				properties, new CsvDropReader(file),
				new CsvLineParser(Entity.PRODUCT, DAY, CsvDropReader.header(file, Entity.PRODUCT)),
				new IngestedItemWriter(stagingWriter, new RejectWriter(this.warehouse, jobExecutionId)), stagingWriter,
				ceiling);
		JobParameters parameters = new JobParametersBuilder().addLocalDate("date", DAY).toJobParameters();
		JobInstance instance = repository.createJobInstance("ingest", parameters);
		JobExecution job = repository.createJobExecution(instance, parameters, new ExecutionContext());
		StepExecution execution = repository.createStepExecution("ingestInventoryFileStep", job);
		execution.setExecutionContext(new ExecutionContext(context));
		step.execute(execution);
		return execution;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
