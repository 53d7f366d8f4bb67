package com.widgetsunlimited.etl.ingest.csv;

/**
 * One record of a drop file as read, before any parsing of its values.
 *
 * @param file the file's name
 * @param line the line it starts on (the header is line 1)
 * @param fields its fields, or {@code null} when the line could not be split into fields
 * @param raw the record's text, for the reject table
 * @param error why it could not be split, when {@code fields} is {@code null}
 */
public record CsvLine(String file, long line, String[] fields, String raw, String error) {

	public String origin() {
		return this.file + ":" + this.line;
	}

}
