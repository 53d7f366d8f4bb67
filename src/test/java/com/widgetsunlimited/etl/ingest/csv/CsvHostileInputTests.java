package com.widgetsunlimited.etl.ingest.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.Defects;
import com.widgetsunlimited.etl.operations.inventory.InventoryDrop;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile drop files: every record ends staged or rejected with its file and line and a
 * specific reason, and the file goes on; a drop that cannot be read at all fails naming
 * the file.
 */
class CsvHostileInputTests {

	static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	static final String INVENTORY_HEADER = String.join(",", Entity.INVENTORY.columnNames());

	static final String TIMES = "01/01/2024 10:00:00,01/01/2024 10:00:00";

	@TempDir
	Path folder;

	@Test
	void aTenMegabyteLine_isRejectedNamingFileAndLine_withACutPayload_andTheNextLinesAreRead() throws Exception {
		// given: a line of 10 MB whose one field is quoted and holds quotes and commas
		// beyond the point where the line is cut
		Path file = this.folder.resolve("product_20240101.csv");
		String huge = "\"" + "a \"\"quoted\"\", text ".repeat(10 * 1024 * 1024 / 19) + "\"";
		String line = "2,Huge," + huge + ",Tools,Acme,,1.00,2.00,,,,,false,false," + TIMES;
		try (Writer out = Files.newBufferedWriter(file)) {
			out.write(String.join(",", Entity.PRODUCT.columnNames()) + "\n");
			out.write(product(1, "Widget") + "\n");
			out.write(line + "\n");
			out.write(product(3, "Gadget") + "\n");
		}

		// when
		List<Ingested> ingested = ingest(file, Entity.PRODUCT);

		// then
		assertThat(ingested).hasSize(3);
		assertThat(ingested.get(0).staged().row().key()).isEqualTo(1L);
		assertThat(ingested.get(1).reject().origin()).isEqualTo("product_20240101.csv:3");
		assertThat(line.length()).isGreaterThan(10_000_000);
		assertThat(ingested.get(1).reject().reason())
			.isEqualTo("line is " + line.length() + " characters long, more than the 1048576 a line may have");
		assertThat(ingested.get(1).reject().payload().length()).isLessThanOrEqualTo(CsvDropReader.MAX_RECORD_LENGTH);
		assertThat(ingested.get(2).staged().row().key()).isEqualTo(3L);
		assertThat(ingested.get(2).staged().origin()).isEqualTo("product_20240101.csv:4");
	}

	@Test
	void aLongLineCutInsideAQuotedField_doesNotSwallowTheLinesAfterIt() throws Exception {
		// given: a small limit, and a line whose closing quote lies beyond it
		Path file = this.folder.resolve("inventory_20240101.csv");
		String line = "1,SUPPLY,7,2,1,\"" + "9".repeat(500) + "\"," + TIMES;
		Files.writeString(file, INVENTORY_HEADER + "\n" + line + "\n" + "2,SUPPLY,7,2,1,5," + TIMES + "\n");

		// when
		List<Ingested> ingested = ingest(new CsvDropReader(file, 100), file, Entity.INVENTORY);

		// then
		assertThat(ingested).hasSize(2);
		assertThat(ingested.get(0).reject().reason())
			.isEqualTo("line is " + line.length() + " characters long, more than the 100 a line may have");
		assertThat(ingested.get(1).staged().row().integer("quantity")).isEqualTo(5);
	}

	@Test
	void bytesThatAreNotUtf8_areRejected_namingTheField() throws Exception {
		// given: a supplier name with a lone continuation byte and a truncated sequence
		Path file = this.folder.resolve("supplier_20240101.csv");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes((String.join(",", Entity.SUPPLIER.columnNames()) + "\n").getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes("1,Caf".getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(new byte[] { (byte) 0xC3, '(', (byte) 0x80 });
		bytes.writeBytes((",,,,,,false,true," + TIMES + "\n").getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(
				("2,Caf\u00e9 \u2615 \ud83d\ude00,,,,,,false,true," + TIMES + "\n").getBytes(StandardCharsets.UTF_8));
		Files.write(file, bytes.toByteArray());

		// when
		List<Ingested> ingested = ingest(file, Entity.SUPPLIER);

		// then: the bad line is rejected, the good one (valid multi-byte text) staged as
		// is
		assertThat(ingested.get(0).reject().reason()).isEqualTo("name holds bytes that are not UTF-8");
		assertThat(ingested.get(0).reject().origin()).isEqualTo("supplier_20240101.csv:2");
		assertThat(ingested.get(0).reject().payload()).startsWith("1,Caf\ufffd(\ufffd,");
		assertThat(ingested.get(1).staged().row().string("name")).isEqualTo("Caf\u00e9 \u2615 \ud83d\ude00");
	}

	@Test
	void sqlMetacharactersQuotesAndBackslashes_asTheInventorySystemWritesThem_areReadVerbatim() throws Exception {
		// given: a product whose text holds SQL, quotes, backslashes and a line break,
		// written by the inventory system's own writer
		String name = "Robert'); DROP TABLE raw_inventory_product; --";
		String description = "C:\\temp\\ \"quoted\" \\\" \\\\ 'single' `tick` ;\nsecond line \\n";
		Change hostile = productInsert(name, description);
		InventoryDrop drop = new InventoryDrop(new InventoryDropFolder(this.folder));
		drop.write(DAY, List.of(hostile), Defects.none(new Random(5)));

		// when
		List<Ingested> ingested = ingest(drop.folder().file(Entity.PRODUCT, DAY), Entity.PRODUCT);

		// then
		assertThat(ingested).singleElement().satisfies((item) -> {
			assertThat(item.staged().row().string("name")).isEqualTo(name);
			assertThat(item.staged().row().string("description")).isEqualTo(description);
		});
	}

	@Test
	void impossibleDatesAndNumbers_areRejected_namingFieldAndValue() throws Exception {
		// given
		Path file = this.folder.resolve("product_20240101.csv");
		Files.writeString(file,
				String.join(",", Entity.PRODUCT.columnNames()) + "\n"
						+ "1,A,,Tools,,,1.00,2.00,,,,02/30/2024,false,false," + TIMES + "\n"
						+ "2,B,,Tools,,,1.00,2.00,,,,01/01/99999,false,false," + TIMES + "\n"
						+ "3,C,,Tools,,,1.00,2.00,,,,01/01/+99999,false,false," + TIMES + "\n"
						+ "4,D,,Tools,,,12345678901234567890.00,2.00,,,,,false,false," + TIMES + "\n"
						+ "5,E,,Tools,,,1e999999999,-1e30,,,,,false,false," + TIMES + "\n"
						+ "6,F,,Tools,,,1.00,2.00,,,,,false,false,01/01/2024 10:00:00,12/31/+10000 23:59:59\n"
						+ "7,G\u0000,,Tools,,,1.00,2.00,,,,,false,false," + TIMES + "\n"
						+ "99999999999999999999,H,,Tools,,,1.00,2.00,,,,,false,false," + TIMES + "\n");

		// when
		List<Ingested> ingested = ingest(file, Entity.PRODUCT);

		// then
		assertThat(ingested).hasSize(8).allMatch(Ingested::isRejected);
		assertThat(ingested).extracting((item) -> item.reject().reason())
			.containsExactly("introduced_date '02/30/2024' is not a date (MM/dd/yyyy)",
					"introduced_date '01/01/99999' is not a date (MM/dd/yyyy)",
					"introduced_date is in year 99999, outside the years 1 to 9999 the warehouse stores",
					"unit_cost 12345678901234567890.00 does not fit decimal(18,2)",
					"unit_cost 1E+999999999 does not fit decimal(18,2); list_price -1E+30 does not fit decimal(18,2)",
					"updated_at is in year 10000, outside the years 1 to 9999 the warehouse stores",
					"name holds a NUL character (U+0000), which the warehouse cannot store",
					"product_id '99999999999999999999' is not a whole number within 64 bits");
	}

	@Test
	void quantitiesBelowOneOrBeyond32Bits_areRejected() throws Exception {
		// given
		Path file = this.folder.resolve("inventory_20240101.csv");
		Files.writeString(file,
				INVENTORY_HEADER + "\n" + "1,RETURN,7,2,1,-3," + TIMES + "\n" + "2,SUPPLY,7,2,1,0," + TIMES + "\n"
						+ "3,SUPPLY,7,2,1,2147483648," + TIMES + "\n" + "4,SUPPLY,7,2,1,2147483647," + TIMES + "\n");

		// when
		List<Ingested> ingested = ingest(file, Entity.INVENTORY);

		// then
		assertThat(ingested.subList(0, 3)).extracting((item) -> item.reject().reason())
			.containsExactly("quantity is -3: a sale, return or stock movement moves at least one item",
					"quantity is 0: a sale, return or stock movement moves at least one item",
					"quantity '2147483648' is not a whole number within 32 bits");
		assertThat(ingested.get(3).staged().row().integer("quantity")).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void aFileCutInTheMiddleOfAQuotedField_keepsItsWholeLines_andRejectsTheCutOne() throws Exception {
		// given: no trailing line break, the last record cut inside a quoted field
		Path file = this.folder.resolve("supplier_20240101.csv");
		Files.writeString(file,
				String.join(",", Entity.SUPPLIER.columnNames()) + "\r\n"
						+ "1,Acme,\"1 Main St\r\nSpringfield\",,,,,false,true," + TIMES + "\r\n"
						+ "2,Bolt,,,,,,false,true," + TIMES + "\r\n" + "3,Cut,\"12 Elm St\r\nShelbyv");

		// when
		List<Ingested> ingested = ingest(file, Entity.SUPPLIER);

		// then
		assertThat(ingested).hasSize(3);
		assertThat(ingested.get(0).staged().row().string("address")).isEqualTo("1 Main St\nSpringfield");
		assertThat(ingested.get(1).staged().origin()).isEqualTo("supplier_20240101.csv:4");
		assertThat(ingested.get(2).reject().origin()).isEqualTo("supplier_20240101.csv:5");
		assertThat(ingested.get(2).reject().reason()).startsWith("malformed CSV: ");
		assertThat(ingested.get(2).reject().payload()).contains("Shelbyv");
	}

	@Test
	void anEmptyFile_failsNamingIt_whileAHeaderAlone_isAFileOfNoRows() throws Exception {
		Path empty = Files.createFile(this.folder.resolve("inventory_20240101.csv"));
		Path headerOnly = this.folder.resolve("inventory_20240102.csv");
		Files.writeString(headerOnly, INVENTORY_HEADER + "\n");

		assertThatThrownBy(() -> CsvDropReader.header(empty, Entity.INVENTORY))
			.hasMessage("inventory_20240101.csv is empty: it has no header line");
		assertThat(ingest(headerOnly, Entity.INVENTORY)).isEmpty();
	}

	@Test
	void aDropMarkedReadyWithAFileMissing_failsNamingTheFile() throws Exception {
		InventoryDropFolder drop = new InventoryDropFolder(this.folder);
		Files.createFile(drop.readyMarker(DAY));
		Files.writeString(drop.file(Entity.SUPPLIER, DAY), "");
		Files.writeString(drop.file(Entity.INVENTORY, DAY), "");

		assertThatThrownBy(() -> new InventoryDropWait(drop, Duration.ofMillis(100), Duration.ofMillis(50)).await(DAY))
			.hasMessageContaining("is marked ready but lacks [product_20240101.csv]");
	}

	private static String product(long id, String name) {
		return id + "," + name + ",,Tools,Acme,,1.00,2.00,,,,,false,false," + TIMES;
	}

	static Change productInsert(String name, String description) {
		Instant at = Instant.parse("2024-01-01T10:00:00Z");
		Map<String, Object> values = new HashMap<>();
		values.putAll(Map.of("product_id", 1L, "name", name, "description", description, "category", "Tools",
				"unit_cost", new BigDecimal("1.25"), "list_price", new BigDecimal("2.50"), "discontinued", false,
				"no_longer_offered", false, "inserted_at", at, "updated_at", at));
		return new Change(Entity.PRODUCT, Change.Operation.INSERT, null, Row.of(Entity.PRODUCT, values), at);
	}

	static List<Ingested> ingest(Path file, Entity entity) throws IOException {
		return ingest(new CsvDropReader(file), file, entity);
	}

	private static List<Ingested> ingest(CsvDropReader reader, Path file, Entity entity) {
		CsvLineParser parser = new CsvLineParser(entity, DAY, CsvDropReader.header(file, entity));
		reader.open(new ExecutionContext());
		List<Ingested> ingested = new ArrayList<>();
		try {
			for (CsvLine line = reader.read(); line != null; line = reader.read()) {
				ingested.add(parser.process(line));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			reader.close();
		}
		return ingested;
	}

}
