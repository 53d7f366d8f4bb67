package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import com.widgetsunlimited.etl.model.Entity;

/**
 * Reads one entity's staged file of one day
 * ({@code <root>/<date>/<source>/<entity>.parquet}) in file order, as
 * {@link StagedRecord}s. Restartable: the base class keeps the number of rows read in the
 * step's execution context, and a restart skips that many.
 */
public class StagingItemReader extends AbstractItemCountingItemStreamItemReader<StagedRecord> {

	private final StagingLocation location;

	private final LocalDate date;

	private final Entity entity;

	private FileSystem fileSystem;

	private ParquetReader<GenericRecord> reader;

	private List<String> projection;

	private StagedRecord.Decoder decoder;

	public StagingItemReader(StagingLocation location, LocalDate date, Entity entity) {
		this.location = location;
		this.date = date;
		this.entity = entity;
		setName("stagingReader." + entity.source().id() + "." + entity.id());
	}

	/** The file it reads. */
	/**
	 * Reads only {@code fields} of each record (those the staged schema has), leaving the
	 * others out of the {@link StagedRecord}: Parquet then decodes only their columns.
	 */
	public void setProjection(List<String> fields) {
		this.projection = List.copyOf(fields);
	}

	public Path file() {
		return this.location.entityFile(this.date, this.entity);
	}

	@Override
	protected void doOpen() throws Exception {
		this.fileSystem = this.location.fileSystem();
		Path file = file();
		if (!this.fileSystem.exists(file)) {
			throw new ItemStreamException("No staged file " + file + ": the day's ingestion of "
					+ this.entity.source().id() + " has not completed");
		}
		Configuration configuration = this.location.configuration();
		if (this.projection != null) {
			Schema full = StagingSchemas.schema(this.entity);
			List<Schema.Field> fields = this.projection.stream()
				.map(full::getField)
				.filter(Objects::nonNull)
				.map((field) -> new Schema.Field(field, field.schema()))
				.toList();
			AvroReadSupport.setRequestedProjection(configuration,
					Schema.createRecord(full.getName(), null, full.getNamespace(), false, fields));
		}
		this.reader = AvroParquetReader.<GenericRecord>builder(FileSystemFiles.input(this.fileSystem, file))
			.withDataModel(GenericData.get())
			.withConf(configuration)
			.build();
	}

	@Override
	protected StagedRecord doRead() throws IOException {
		GenericRecord record = this.reader.read();
		if (record == null) {
			return null;
		}
		if (this.decoder == null || !this.decoder.reads(record.getSchema())) {
			this.decoder = StagedRecord.decoder(this.entity, record.getSchema());
		}
		return this.decoder.decode(record);
	}

	@Override
	protected void doClose() throws IOException {
		try {
			if (this.reader != null) {
				this.reader.close();
			}
		}
		finally {
			this.reader = null;
			if (this.fileSystem != null) {
				this.fileSystem.close();
				this.fileSystem = null;
			}
		}
	}

}
