package com.widgetsunlimited.etl.ingest.csv;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded reader reads lines a block at a time: whatever the lengths of the lines and
 * where their ends fall against the blocks, it gives the records opencsv's own reader
 * gives.
 */
class BoundedCsvReaderTests {

	@Test
	void linesEndedByLfCrOrCrLf_atEveryPositionAroundTheBlocks_giveTheRecordsOfOpencsvsOwnReader() throws Exception {
		Random random = new Random(7);
		String[] ends = { "\n", "\r", "\r\n" };
		for (int round = 0; round < 200; round++) {
			StringBuilder text = new StringBuilder();
			int lines = 1 + random.nextInt(12);
			for (int line = 0; line < lines; line++) {
				// lengths around one and two blocks of 512, and short ones
				int length = switch (random.nextInt(4)) {
					case 0 -> random.nextInt(8);
					case 1 -> 505 + random.nextInt(14);
					case 2 -> 1017 + random.nextInt(14);
					default -> random.nextInt(1600);
				};
				text.append(field(random, length));
				if (line < lines - 1 || random.nextBoolean()) {
					text.append(ends[random.nextInt(ends.length)]);
				}
			}
			assertThat(records(bounded(text.toString(), Integer.MAX_VALUE))).as("round %d", round)
				.isEqualTo(records(opencsv(text.toString())));
		}
	}

	@Test
	void quotedFieldsHoldingLineBreaks_acrossTheBlocks_areOneRecordEach() throws Exception {
		String quoted = "\"" + "a".repeat(509) + "\r\n" + "b".repeat(600) + "\n\"\"c\"\"\",x";
		String text = "h1,h2\r\n" + quoted + "\r\n" + "last,1";
		List<List<String>> records = records(bounded(text, Integer.MAX_VALUE));
		assertThat(records).isEqualTo(records(opencsv(text)));
		assertThat(records).hasSize(3);
		assertThat(records.get(1).get(0)).startsWith("a".repeat(509) + "\n" + "b").endsWith("b\n\"c\"");
	}

	@Test
	void aRecordLongerThanItsBudget_keepsOnlyTheBudget_countsEveryCharacter_andTheNextRecordIsWhole() throws Exception {
		String text = "x".repeat(2000) + ",y\nnext,2\n";
		BoundedCsvReader reader = bounded(text, 700);
		reader.startRecord();
		String[] cut = reader.readNext();
		assertThat(reader.recordLength()).isEqualTo(2002);
		assertThat(reader.recordCut()).isTrue();
		assertThat(String.join(",", cut)).hasSize(700);
		reader.startRecord();
		assertThat(reader.readNext()).containsExactly("next", "2");
		assertThat(reader.recordCut()).isFalse();
		assertThat(reader.readNext()).isNull();
	}

	private static String field(Random random, int length) {
		StringBuilder field = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			field.append((char) ('a' + random.nextInt(26)));
		}
		return field.toString();
	}

	private static BoundedCsvReader bounded(String text, int maxLength) {
		return new BoundedCsvReader(new BufferedReader(new StringReader(text), 1024), maxLength);
	}

	private static CSVReader opencsv(String text) {
		return new CSVReaderBuilder(new BufferedReader(new StringReader(text)))
			.withCSVParser(new RFC4180ParserBuilder().build())
			.build();
	}

	private static List<List<String>> records(CSVReader reader) throws Exception {
		List<List<String>> records = new ArrayList<>();
		for (String[] record = reader.readNext(); record != null; record = reader.readNext()) {
			records.add(List.of(record));
		}
		return records;
	}

}
