package com.widgetsunlimited.etl.ingest.csv;

import java.io.BufferedReader;
import java.io.IOException;

import com.opencsv.CSVReader;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.stream.reader.LineReader;

/**
 * opencsv's reader with two changes for files from outside: fields are split by RFC 4180
 * alone (a backslash is an ordinary character, as the inventory system writes it), and a
 * record keeps at most {@code maxLength} characters in memory. The rest of a longer
 * record is read past, not kept, so a line of any length costs bounded memory and the
 * next record starts where it should; {@link #recordLength()} tells the caller the
 * record's real length.
 */
class BoundedCsvReader extends CSVReader {

	private final BoundedLineReader lines;

	BoundedCsvReader(BufferedReader reader, int maxLength) {
		super(reader);
		this.parser = new RFC4180ParserBuilder().build();
		this.lines = new BoundedLineReader(reader, maxLength);
		this.lineReader = this.lines;
	}

	/** Starts counting the characters of the next record. */
	void startRecord() {
		this.lines.startRecord();
	}

	/**
	 * The characters of the record read since {@link #startRecord()}, line breaks
	 * included, kept or not.
	 */
	long recordLength() {
		return this.lines.recordLength;
	}

	/** Whether that record was longer than what is kept of it. */
	boolean recordCut() {
		return this.lines.recordLength > this.lines.maxLength;
	}

	/**
	 * Reads physical lines as {@link BufferedReader#readLine()} does (ended by LF, CR or
	 * CRLF), keeping only what is left of the record's budget. A line cut short keeps the
	 * parity of its quotes, so that the parser's idea of being inside a quoted field
	 * after it is the same as after the whole line.
	 */
	private static final class BoundedLineReader extends LineReader {

		/** Characters read ahead at a time, most lines in one go. */
		private static final int BLOCK = 512;

		private final BufferedReader reader;

		private final char[] block = new char[BLOCK];

		private final int maxLength;

		private long recordLength;

		BoundedLineReader(BufferedReader reader, int maxLength) {
			super(reader, false);
			this.reader = reader;
			this.maxLength = maxLength;
		}

		void startRecord() {
			this.recordLength = 0;
		}

		@Override
		public String readLine() throws IOException {
			StringBuilder line = null;
			boolean oddQuotesDropped = false;
			long length = 0;
			while (true) {
				// a block at a time, then back to just after the line's end: the
				// reader stays where a line-by-line reader would be, for opencsv's checks
				this.reader.mark(BLOCK);
				int read = this.reader.read(this.block, 0, BLOCK);
				if (read < 0) {
					if (line == null) {
						return null;
					}
					break;
				}
				if (line == null) {
					line = new StringBuilder();
				}
				int end = 0;
				while (end < read && this.block[end] != '\n' && this.block[end] != '\r') {
					end++;
				}
				int kept = (int) Math.max(0, Math.min(end, this.maxLength - this.recordLength - length));
				line.append(this.block, 0, kept);
				for (int i = kept; i < end; i++) {
					if (this.block[i] == '"') {
						oddQuotesDropped = !oddQuotesDropped;
					}
				}
				length += end;
				if (end < read) {
					skipLineEnd(end, read);
					break;
				}
			}
			this.recordLength += length + ((this.recordLength > 0) ? 1 : 0);
			if (oddQuotesDropped) {
				line.append('"');
			}
			return line.toString();
		}

		/**
		 * Puts the reader just after the line end at {@code end} of the block's
		 * {@code read} characters: LF, CR, or CR LF.
		 */
		private void skipLineEnd(int end, int read) throws IOException {
			int consumed = end + 1;
			boolean carriageReturn = this.block[end] == '\r';
			if (carriageReturn && consumed < read && this.block[consumed] == '\n') {
				consumed++;
				carriageReturn = false;
			}
			this.reader.reset();
			this.reader.skip(consumed);
			if (carriageReturn && consumed == read) {
				this.reader.mark(1);
				if (this.reader.read() != '\n') {
					this.reader.reset();
				}
			}
		}

	}

}
