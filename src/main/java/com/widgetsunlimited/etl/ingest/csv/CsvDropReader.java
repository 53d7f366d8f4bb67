package com.widgetsunlimited.etl.ingest.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;
import com.widgetsunlimited.etl.model.Entity;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the records of one drop file with opencsv (RFC 4180: quoted fields may hold
 * commas, quotes and line breaks), after its header. A record that cannot be split
 * becomes a {@link CsvLine} with an error, never an exception: one bad line does not stop
 * the file. Restartable: the position is the number of records read, kept by the base
 * class.
 */
public class CsvDropReader extends AbstractItemCountingItemStreamItemReader<CsvLine> {

	private final Path file;

	private CSVReader csv;

	public CsvDropReader(Path file) {
		this.file = file;
		setName("csvDropReader." + file.getFileName());
	}

	/** The header of a drop file, checked against the entity's columns. */
	public static List<String> header(Path file, Entity entity) {
		try (CSVReader csv = open(file)) {
			String[] header = csv.readNext();
			if (header == null) {
				throw new IllegalStateException(file.getFileName() + " is empty: it has no header line");
			}
			List<String> names = Arrays.stream(header).map(String::trim).toList();
			List<String> unknown = names.stream().filter((name) -> !entity.columnNames().contains(name)).toList();
			List<String> missing = entity.columns()
				.stream()
				.filter((column) -> !column.nullable() && !names.contains(column.name()))
				.map((column) -> column.name())
				.toList();
			if (!unknown.isEmpty() || !missing.isEmpty()) {
				throw new IllegalStateException(file.getFileName() + " has a header that does not describe "
						+ entity.id() + " rows: " + (unknown.isEmpty() ? "" : "unknown columns " + unknown + " ")
						+ (missing.isEmpty() ? "" : "missing columns " + missing));
			}
			return names;
		}
		catch (IOException | CsvValidationException ex) {
			throw new ItemStreamException("Cannot read the header of " + file, ex);
		}
	}

	private static CSVReader open(Path file) throws IOException {
		// invalid UTF-8 becomes U+FFFD instead of stopping the file
		Reader reader = new java.io.InputStreamReader(Files.newInputStream(file),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
		return new CSVReaderBuilder(new java.io.BufferedReader(reader, 64 * 1024)).build();
	}

	@Override
	protected void doOpen() throws Exception {
		this.csv = open(this.file);
		this.csv.readNext(); // the header
	}

	@Override
	protected CsvLine doRead() throws Exception {
		long firstLine = this.csv.getLinesRead() + 1;
		String name = this.file.getFileName().toString();
		try {
			String[] fields = this.csv.readNext();
			if (fields == null) {
				return null;
			}
			return new CsvLine(name, firstLine, fields, String.join(",", fields), null);
		}
		catch (CsvMalformedLineException ex) {
			return new CsvLine(name, firstLine, null, ex.getContext(), "malformed CSV: " + ex.getMessage());
		}
		catch (CsvValidationException ex) {
			return new CsvLine(name, firstLine, null, String.valueOf(ex.getLine()), "invalid CSV: " + ex.getMessage());
		}
	}

	@Override
	protected void doClose() throws Exception {
		if (this.csv != null) {
			this.csv.close();
		}
	}

}
