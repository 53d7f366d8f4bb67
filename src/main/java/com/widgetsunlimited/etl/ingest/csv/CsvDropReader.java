package com.widgetsunlimited.etl.ingest.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;
import com.widgetsunlimited.etl.model.Entity;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the records of one drop file with opencsv (RFC 4180: quoted fields may hold
 * commas, quotes and line breaks), after its header. A record that cannot be split, or is
 * longer than {@value #MAX_RECORD_LENGTH} characters, becomes a {@link CsvLine} with an
 * error, never an exception: one bad line does not stop the file, and a huge one is read
 * past in bounded memory. Bytes that are not UTF-8 are read as {@link #NOT_UTF8}, so that
 * the parser can name the field that holds them. Restartable: the position is the number
 * of records read, kept by the base class.
 */
public class CsvDropReader extends AbstractItemCountingItemStreamItemReader<CsvLine> {

	/** The most characters a record may have. */
	public static final int MAX_RECORD_LENGTH = 1024 * 1024;

	/**
	 * What a byte sequence that is not UTF-8 reads as: a noncharacter, which no text
	 * exchanged between systems holds.
	 */
	static final char NOT_UTF8 = '\uFFFF';

	private final Path file;

	private final int maxRecordLength;

	private BoundedCsvReader csv;

	private boolean ended;

	public CsvDropReader(Path file) {
		this(file, MAX_RECORD_LENGTH);
	}

	CsvDropReader(Path file, int maxRecordLength) {
		this.file = file;
		this.maxRecordLength = maxRecordLength;
		setName("csvDropReader." + file.getFileName());
	}

	/** The header of a drop file, checked against the entity's columns. */
	public static List<String> header(Path file, Entity entity) {
		try (CSVReader csv = open(file, MAX_RECORD_LENGTH)) {
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

	private static BoundedCsvReader open(Path file, int maxRecordLength) throws IOException {
		// bytes that are not UTF-8 are marked instead of stopping the file
		Reader reader = new InputStreamReader(Files.newInputStream(file),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE)
					.replaceWith(String.valueOf(NOT_UTF8)));
		return new BoundedCsvReader(new BufferedReader(reader, 64 * 1024), maxRecordLength);
	}

	@Override
	protected void doOpen() throws Exception {
		this.csv = open(this.file, this.maxRecordLength);
		this.ended = false;
		this.csv.readNext(); // the header
	}

	@Override
	protected CsvLine doRead() throws Exception {
		long firstLine = this.csv.getLinesRead() + 1;
		String name = this.file.getFileName().toString();
		if (this.ended) {
			return null;
		}
		this.csv.startRecord();
		try {
			String[] fields = this.csv.readNext();
			if (fields == null) {
				return null;
			}
			String raw = readable(String.join(",", fields));
			if (this.csv.recordCut()) {
				return new CsvLine(name, firstLine, null, raw, "line is " + this.csv.recordLength()
						+ " characters long, more than the " + this.maxRecordLength + " a line may have");
			}
			return new CsvLine(name, firstLine, fields, raw, null);
		}
		catch (CsvMalformedLineException ex) {
			// the file ended inside a quoted field: that record is the last (opencsv
			// would go on with a phantom record of what it had split before the quote)
			this.ended = true;
			return new CsvLine(name, firstLine, null, readable(ex.getContext()), "malformed CSV: " + ex.getMessage());
		}
		catch (CsvValidationException ex) {
			return new CsvLine(name, firstLine, null, readable(String.valueOf(ex.getLine())),
					"invalid CSV: " + ex.getMessage());
		}
	}

	/** Text for a person: what was not UTF-8 shown as U+FFFD. */
	private static String readable(String text) {
		return (text != null) ? text.replace(NOT_UTF8, '\uFFFD') : null;
	}

	@Override
	protected void doClose() throws Exception {
		if (this.csv != null) {
			this.csv.close();
		}
	}

}
