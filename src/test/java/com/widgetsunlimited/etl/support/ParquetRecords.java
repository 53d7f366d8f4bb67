package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** The records of a staged Parquet file, read by parquet-avro's own reader. */
public final class ParquetRecords {

	private ParquetRecords() {
	}

	/** Every record of {@code file}, in file order. */
	public static List<GenericRecord> read(Path file) throws IOException {
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

}
