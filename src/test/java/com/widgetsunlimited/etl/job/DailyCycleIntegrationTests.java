package com.widgetsunlimited.etl.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.widgetsunlimited.etl.env.EmbeddedPostgresServer;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code simulate} then {@code ingest} as processes on the embedded environment: every
 * staged file is Parquet that parquet-avro's own reader reads, staged plus rejected rows
 * are the rows the sources hold for the day, and every malformed row the simulator
 * injected is in {@code etl_reject} with its origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestJobIntegrationTests {

	static final String DAY_1 = "2024-01-01";

	static final String DAY_2 = "2024-01-02";

	private Path workDir;

	private final List<Result> runs = new ArrayList<>();

	@BeforeAll
	void simulateAndIngestTwoDays() throws Exception {
		this.workDir = Files.createTempDirectory("etl-ingest");
		for (String day : List.of(DAY_1, DAY_2)) {
			this.runs.add(EtlProcess.run(this.workDir, Map.of(), "--job=simulate", "date=" + day));
			this.runs.add(EtlProcess.run(this.workDir, Map.of(), "--job=ingest", "date=" + day));
		}
	}

	@Test
	void everyRunCompleted() {
		assertThat(this.runs).allSatisfy((run) -> assertThat(run.exitCode()).as(run.output()).isZero());
	}

	@Test
	void stagedFiles_areParquet_andStagedPlusRejectedEqualsWhatTheSourcesHold() throws Exception {
		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.workDir.resolve("data/postgres"),
				Duration.ofSeconds(60))) {
			JdbcTemplate instore = jdbc(postgres, "instore");
			JdbcTemplate warehouse = jdbc(postgres, "warehouse");
			for (Entity entity : Entity.values()) {
				Path file = this.workDir
					.resolve("staging/" + DAY_2 + "/" + entity.source().id() + "/" + entity.id() + ".parquet");
				List<GenericRecord> records = read(file);
				long rejected = warehouse.queryForObject(
						"SELECT COUNT(*) FROM etl_reject WHERE business_date = ? " + "AND source = ? AND entity = ?",
						Long.class, java.sql.Date.valueOf(DAY_2), entity.source().id(), entity.id());
				long input = input(entity, instore, warehouse);
				assertThat(records.size() + rejected).as(entity.id()).isEqualTo(input);
				assertThat(records)
					.allSatisfy((record) -> assertThat(record.getSchema().getField("password")).isNull());
			}
		}
	}

	@Test
	void everyInjectedMalformedRow_isRejectedWithItsOrigin() throws Exception {
		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.workDir.resolve("data/postgres"),
				Duration.ofSeconds(60))) {
			JdbcTemplate instore = jdbc(postgres, "instore");
			JdbcTemplate warehouse = jdbc(postgres, "warehouse");
			for (String day : List.of(DAY_1, DAY_2)) {
				java.sql.Date date = java.sql.Date.valueOf(day);
				Set<String> injected = new HashSet<>(instore.queryForList(
						"SELECT DISTINCT entity || ':' || entity_key FROM simulator.injected_defect WHERE business_date = ? "
								+ "AND kind IN ('INSTORE_ZERO_QUANTITY', 'INSTORE_UNKNOWN_STORE')",
						String.class, date));
				Set<String> rejected = new HashSet<>(warehouse.queryForList(
						"SELECT replace(origin, 'instore.', '') FROM etl_reject WHERE business_date = ? AND source = 'instore'",
						String.class, date));
				assertThat(rejected).as(day).isEqualTo(injected);
				long csvDefects = instore.queryForObject(
						"SELECT COUNT(*) FROM simulator.injected_defect WHERE "
								+ "business_date = ? AND kind IN ('CSV_WRONG_FIELD_COUNT', 'CSV_NON_NUMERIC')",
						Long.class, date);
				long csvRejects = warehouse.queryForObject(
						"SELECT COUNT(*) FROM etl_reject WHERE business_date = ? AND source = 'inventory'", Long.class,
						date);
				assertThat(csvRejects).as(day).isEqualTo(csvDefects);
				long kafkaDefects = instore.queryForObject(
						"SELECT COUNT(*) FROM simulator.injected_defect WHERE "
								+ "business_date = ? AND kind IN ('KAFKA_NOT_JSON', 'KAFKA_MISSING_FIELD')",
						Long.class, date);
				long kafkaRejects = warehouse.queryForObject(
						"SELECT COUNT(*) FROM etl_reject WHERE business_date = ? AND source = 'ecommerce'", Long.class,
						date);
				assertThat(kafkaRejects).as(day).isEqualTo(kafkaDefects);
			}
			assertThat(warehouse.queryForList("SELECT origin FROM etl_reject WHERE source = 'inventory'", String.class))
				.allMatch((origin) -> origin.matches("(product|supplier|inventory)_2024010[12]\\.csv:\\d+"));
			assertThat(warehouse.queryForList("SELECT origin FROM etl_reject WHERE source = 'ecommerce'", String.class))
				.allMatch((origin) -> origin.matches("ecommerce\\.[a-z_]+/\\d+@\\d+"));
		}
	}

	/**
	 * What the source holds for the day: lines of the drop file, rows of the window,
	 * events of the slice.
	 */
	private long input(Entity entity, JdbcTemplate instore, JdbcTemplate warehouse) throws Exception {
		if (entity.source() == Source.INSTORE) {
			return instore.queryForObject(
					"SELECT COUNT(*) FROM instore." + entity.id() + " WHERE updated_at >= ? " + "AND updated_at < ?",
					Long.class, java.sql.Timestamp.valueOf(DAY_2 + " 00:00:00"),
					java.sql.Timestamp.valueOf("2024-01-03 00:00:00"));
		}
		if (entity.source() == Source.INVENTORY) {
			try (var reader = new com.opencsv.CSVReader(Files.newBufferedReader(this.workDir
				.resolve("data/drop/inventory/" + entity.id() + "_" + DAY_2.replace("-", "") + ".csv")))) {
				return reader.readAll().size() - 1;
			}
		}
		// e-commerce: the events of the day's slice, less the exact duplicates the
		// simulator sent
		long events = warehouse.queryForObject(
				"SELECT SUM(end_offset - start_offset) FROM etl_kafka_slice WHERE " + "business_date = ? AND topic = ?",
				Long.class, java.sql.Date.valueOf(DAY_2), "ecommerce." + entity.id());
		long duplicates = instore.queryForObject(
				"SELECT COUNT(*) FROM simulator.injected_defect WHERE "
						+ "business_date = ? AND kind = 'DUPLICATE_EVENT' AND entity = ?",
				Long.class, java.sql.Date.valueOf(DAY_2), entity.id());
		return events - duplicates;
	}

	private static List<GenericRecord> read(Path file) throws Exception {
		assertThat(file).exists();
		List<GenericRecord> records = new ArrayList<>();
		try (ParquetReader<GenericRecord> reader = AvroParquetReader
			.<GenericRecord>builder(
					HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
			.build()) {
			for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
		}
		return records;
	}

	private static JdbcTemplate jdbc(EmbeddedPostgresServer server, String database) {
		return new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(database), server.user(), ""));
	}

	@Test
	void killedMidStep_thenRunAgain_stagesTheSameBytesAsTheUninterruptedRun() throws Exception {
		// given: two identical worlds (same seed), one day ingested in each
		Path clean = Files.createTempDirectory("etl-ingest-clean");
		Path crashed = Files.createTempDirectory("etl-ingest-crashed");
		for (Path world : List.of(clean, crashed)) {
			run(world, 0, "--job=simulate", "date=2024-01-01");
			run(world, 0, "--job=ingest", "date=2024-01-01");
			run(world, 0, "--job=simulate", "date=2024-01-02");
		}

		// when: day 2 uninterrupted in one world; killed after the 3rd chunk of the line
		// items in the other
		run(clean, 0, "--job=ingest", "date=2024-01-02", "--etl.ingest.chunk-size=500");
		Result killed = run(crashed, 137, "--job=ingest", "date=2024-01-02", "--etl.ingest.chunk-size=500",
				"--etl.fault.halt-after=ingestEcommerceTopicStep:ecommerce:order_line_item:3");
		Result resumed = run(crashed, 0, "--job=ingest", "date=2024-01-02", "--etl.ingest.chunk-size=500");

		// then
		assertThat(killed.stdout()).contains("Fault injection: halting the JVM after chunk 3");
		assertThat(resumed.stderr()).contains("which is gone; marking it failed and resuming");
		assertThat(resumed.stdout()).contains("Step ingestEcommerceTopicStep:ecommerce:order_line_item resumed");
		Map<String, byte[]> expected = parquetFiles(clean);
		Map<String, byte[]> actual = parquetFiles(crashed);
		assertThat(expected).hasSize(20);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, bytes) -> assertThat(actual.get(file)).as(file).isEqualTo(bytes));
		try (Stream<Path> files = Files.walk(crashed.resolve("staging"))) {
			assertThat(files.map(Path::toString)).noneMatch((name) -> name.contains(".parts"));
		}
	}

	private static Result run(Path world, int exitCode, String... args) throws Exception {
		Result result = EtlProcess.run(world, Map.of(), args);
		assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(exitCode);
		return result;
	}

	/** Every staged Parquet file, by its path under the staging root. */
	private static Map<String, byte[]> parquetFiles(Path world) throws Exception {
		Map<String, byte[]> files = new TreeMap<>();
		Path root = world.resolve("staging");
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path file : paths.filter((path) -> path.toString().endsWith(".parquet")).toList()) {
				files.put(root.relativize(file).toString(), Files.readAllBytes(file));
			}
		}
		return files;
	}

}
