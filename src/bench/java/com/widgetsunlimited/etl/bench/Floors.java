package com.widgetsunlimited.etl.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.widgetsunlimited.etl.env.NativeLz4;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.warehouse.RawTable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical floor of each step of a day, measured on the rows that day's cycle
 * produced, without the pipeline: PostgreSQL {@code COPY} of the same final rows into an
 * empty table of the same shape (indexes included), Parquet written and read with the
 * plain parquet-avro API, the Kafka slice consumed raw, the in-store rows copied out, the
 * CSV files read line by line.
 */
final class Floors {

	/** What one floor moved and how long it took. */
	record Floor(long rows, double seconds) {

		Floor plus(Floor other) {
			return new Floor(this.rows + other.rows, this.seconds + other.seconds);
		}

		static final Floor NONE = new Floor(0, 0);

	}

	private final Connection warehouse;

	private final Connection instore;

	private final String bootstrapServers;

	private final StagingLocation staging;

	private final Path dropDir;

	private final Path scratch;

	private final LocalDate date;

	Floors(Connection warehouse, Connection instore, String bootstrapServers, StagingLocation staging, Path dropDir,
			Path scratch, LocalDate date) {
		this.warehouse = warehouse;
		this.instore = instore;
		this.bootstrapServers = bootstrapServers;
		this.staging = staging;
		this.dropDir = dropDir;
		this.scratch = scratch;
		this.date = date;
	}

	/** The floor of each measured step, by step name. */
	Map<String, Floor> measure() throws Exception {
		Map<String, Floor> floors = new HashMap<>();
		Map<Source, Floor> parquetWrites = new HashMap<>();
		Floor parquetReads = Floor.NONE;
		for (Entity entity : Entity.values()) {
			Floor[] readWrite = parquet(entity);
			parquetReads = parquetReads.plus(readWrite[0]);
			parquetWrites.merge(entity.source(), readWrite[1], Floor::plus);
		}
		floors.put("ingestEcommerceStep", kafka().plus(parquetWrites.get(Source.ECOMMERCE)));
		floors.put("ingestInstoreStep", instoreCopyOut().plus(parquetWrites.get(Source.INSTORE)));
		floors.put("ingestInventoryStep", csv().plus(parquetWrites.get(Source.INVENTORY)));
		Floor raw = parquetReads;
		for (RawTable table : RawTable.all()) {
			raw = raw.plus(copy(table.name(), "business_date = '" + this.date + "'"));
		}
		floors.put("loadRawLayerStep", raw);
		String today = "business_date = '" + this.date + "'";
		floors.put("loadProductDimStep", copy("product_dim", today));
		floors.put("loadStoreDimStep", copy("store_dim", today));
		floors.put("loadCustomerDimStep", copy("customer_dim", today));
		floors.put("loadWebSalesFactStep", copy("sales_fact", today + " AND channel = 'ONLINE'"));
		floors.put("loadStoreSalesFactStep", copy("sales_fact", today + " AND channel = 'STORE'"));
		return floors;
	}

	/**
	 * {@code COPY} of the table's rows that match {@code where} into an empty table like
	 * it (same columns, defaults, constraints and indexes), committed: only that is
	 * timed.
	 */
	Floor copy(String table, String where) throws SQLException, IOException {
		CopyManager copy = this.warehouse.unwrap(PGConnection.class).getCopyAPI();
		ByteArrayOutputStream rows = new ByteArrayOutputStream();
		copy.copyOut("COPY (SELECT * FROM " + table + " WHERE " + where + ") TO STDOUT (FORMAT binary)", rows);
		String floorTable = "bench_floor_" + table;
		try (Statement statement = this.warehouse.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + floorTable);
			statement.execute("CREATE TABLE " + floorTable + " (LIKE " + table + " INCLUDING ALL)");
		}
		long started = System.nanoTime();
		long count = copy.copyIn("COPY " + floorTable + " FROM STDIN (FORMAT binary)",
				new ByteArrayInputStream(rows.toByteArray()));
		double seconds = (System.nanoTime() - started) / 1e9;
		try (Statement statement = this.warehouse.createStatement()) {
			statement.execute("DROP TABLE " + floorTable);
		}
		return new Floor(count, seconds);
	}

	/**
	 * The entity's staged file read with the plain parquet-avro reader, and the same
	 * records written to a new file (ZSTD, as staged): [read, write].
	 */
	private Floor[] parquet(Entity entity) throws IOException {
		org.apache.hadoop.fs.Path file = this.staging.entityFile(this.date, entity);
		var configuration = this.staging.configuration();
		List<GenericRecord> records = new ArrayList<>();
		long started = System.nanoTime();
		Schema schema;
		try (ParquetReader<GenericRecord> reader = AvroParquetReader
			.<GenericRecord>builder(HadoopInputFile.fromPath(file, configuration))
			.withDataModel(GenericData.get())
			.withConf(configuration)
			.build()) {
			for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
		}
		double read = (System.nanoTime() - started) / 1e9;
		if (records.isEmpty()) {
			return new Floor[] { new Floor(0, read), Floor.NONE };
		}
		schema = records.get(0).getSchema();
		org.apache.hadoop.fs.Path copy = new org.apache.hadoop.fs.Path(
				this.scratch.resolve(entity.source().id() + "-" + entity.id() + ".parquet").toUri());
		started = System.nanoTime();
		try (ParquetWriter<GenericRecord> writer = AvroParquetWriter
			.<GenericRecord>builder(HadoopOutputFile.fromPath(copy, configuration))
			.withSchema(schema)
			.withDataModel(GenericData.get())
			.withConf(configuration)
			.withCompressionCodec(CompressionCodecName.ZSTD)
			.withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
			.build()) {
			for (GenericRecord record : records) {
				writer.write(record);
			}
		}
		double write = (System.nanoTime() - started) / 1e9;
		return new Floor[] { new Floor(records.size(), read), new Floor(records.size(), write) };
	}

	/** The day's slice of every e-commerce topic, consumed raw (bytes, no parsing). */
	private Floor kafka() throws SQLException {
		Map<TopicPartition, long[]> slices = new HashMap<>();
		try (Statement statement = this.warehouse.createStatement();
				ResultSet rs = statement.executeQuery("SELECT topic, partition_id, start_offset, end_offset "
						+ "FROM etl_kafka_slice WHERE business_date = '" + this.date + "'")) {
			while (rs.next()) {
				if (rs.getLong(4) > rs.getLong(3)) {
					slices.put(new TopicPartition(rs.getString(1), rs.getInt(2)),
							new long[] { rs.getLong(3), rs.getLong(4) });
				}
			}
		}
		// the same LZ4 as the pipeline's consumers
		NativeLz4.load();
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		long started = System.nanoTime();
		long records = 0;
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		try {
			consumer.assign(slices.keySet());
			slices.forEach((partition, range) -> consumer.seek(partition, range[0]));
			Map<TopicPartition, long[]> open = new HashMap<>(slices);
			while (!open.isEmpty()) {
				ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
				for (var record : batch) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					long[] range = open.get(partition);
					if (range != null && record.offset() < range[1]) {
						records++;
					}
				}
				open.keySet().removeIf((partition) -> consumer.position(partition) >= slices.get(partition)[1]);
			}
		}
		finally {
			// as the pipeline's readers close (KafkaSliceItemReader): without waiting up
			// to
			// fetch.max.wait.ms for the answer to the fetch the broker holds open
			consumer.close(CloseOptions.timeout(Duration.ZERO));
		}
		return new Floor(records, (System.nanoTime() - started) / 1e9);
	}

	/** The in-store rows changed that day, copied out of the in-store database. */
	private Floor instoreCopyOut() throws SQLException, IOException {
		CopyManager copy = this.instore.unwrap(PGConnection.class).getCopyAPI();
		long started = System.nanoTime();
		long rows = 0;
		for (String table : List.of("store", "store_location", "store_sales")) {
			rows += copy.copyOut(
					"COPY (SELECT * FROM instore." + table + " WHERE updated_at >= '" + this.date
							+ "' AND updated_at < '" + this.date.plusDays(1) + "') TO STDOUT",
					java.io.OutputStream.nullOutputStream());
		}
		return new Floor(rows, (System.nanoTime() - started) / 1e9);
	}

	/** The day's three CSV files, read line by line. */
	private Floor csv() throws IOException {
		String day = this.date.format(DateTimeFormatter.BASIC_ISO_DATE);
		long started = System.nanoTime();
		long lines = 0;
		for (String name : List.of("supplier", "product", "inventory")) {
			Path file = this.dropDir.resolve("inventory").resolve(name + "_" + day + ".csv");
			if (!Files.exists(file)) {
				file = this.dropDir.resolve(name + "_" + day + ".csv");
			}
			try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				while (reader.readLine() != null) {
					lines++;
				}
			}
		}
		return new Floor(lines, (System.nanoTime() - started) / 1e9);
	}

}
