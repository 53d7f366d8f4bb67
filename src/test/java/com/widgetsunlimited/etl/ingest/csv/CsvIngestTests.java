package com.widgetsunlimited.etl.ingest.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.DataGenerator;
import com.widgetsunlimited.etl.operations.generator.Defects;
import com.widgetsunlimited.etl.operations.generator.GenerationRequest;
import com.widgetsunlimited.etl.operations.generator.GeneratorState;
import com.widgetsunlimited.etl.operations.inventory.InventoryDrop;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and parsing the inventory drop as the inventory system writes it. */
class CsvIngestTests {

	static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	@TempDir
	Path folder;

	@Test
	void cleanDrop_everyLineBecomesTheRowThatWasWritten() throws Exception {
		// given: a drop written from generated products
		DataGenerator generator = new DataGenerator(new GeneratorState(), new Random(3), Defects.none(new Random(4)));
		generator.generate(GenerationRequest.inserts(Entity.SUPPLIER, 3));
		List<Change> products = generator.generate(GenerationRequest.inserts(Entity.PRODUCT, 25));
		InventoryDrop drop = new InventoryDrop(new InventoryDropFolder(this.folder));
		drop.write(DAY, products, Defects.none(new Random(5)));
		Path file = drop.folder().file(Entity.PRODUCT, DAY);

		// when
		List<Ingested> ingested = ingest(file, Entity.PRODUCT, new ExecutionContext());

		// then: the same rows come back, except for the seconds' fractions CSV times do
		// not keep
		assertThat(ingested).hasSize(25).noneMatch(Ingested::isRejected);
		for (int i = 0; i < 25; i++) {
			var expected = products.get(i).after();
			var actual = ingested.get(i).staged().row();
			assertThat(actual.values()).usingRecursiveComparison()
				.ignoringFields("inserted_at", "updated_at")
				.isEqualTo(expected.values());
			assertThat(ingested.get(i).staged().origin()).isEqualTo("product_20240101.csv:" + (i + 2));
			assertThat(ingested.get(i).staged().operation()).isEqualTo("r");
		}
	}

	@Test
	void badLines_becomeRejectsNamingFieldAndValue_andTheRestGoesOn() throws Exception {
		// given
		Path file = this.folder.resolve("inventory_20240101.csv");
		String header = String.join(",", Entity.INVENTORY.columnNames());
		Files.writeString(file,
				header + "\r\n" + "1,SUPPLY,7,2,1,40,01/01/2024 10:00:00,01/01/2024 10:00:00\r\n"
						+ "2,SHIPMENT,7,,1,twelve,01/01/2024 11:00:00,01/01/2024 11:00:00\r\n"
						+ "3,SHIPMENT,7,,1,01/01/2024 12:00:00,01/01/2024 12:00:00\r\n"
						+ "4,RETURN,7,,1,\"3\",2024-01-01,01/01/2024 13:00:00\r\n"
						+ "5,SUPPLY,8,2,1,\"multi\nline\",01/01/2024 14:00:00,01/01/2024 14:00:00\r\n"
						+ "6,SUPPLY,8,2,1,5,01/01/2024 15:00:00,01/01/2024 15:00:00\r\n",
				StandardCharsets.UTF_8);

		// when
		List<Ingested> ingested = ingest(file, Entity.INVENTORY, new ExecutionContext());

		// then
		assertThat(ingested).hasSize(6);
		assertThat(ingested.get(0).isRejected()).isFalse();
		assertThat(ingested.get(1).reject().reason()).isEqualTo("quantity 'twelve' is not a whole number");
		assertThat(ingested.get(1).reject().origin()).isEqualTo("inventory_20240101.csv:3");
		assertThat(ingested.get(2).reject().reason()).isEqualTo("expected 8 fields as in the header, found 7");
		assertThat(ingested.get(3).reject().reason())
			.isEqualTo("inserted_at '2024-01-01' is not a time (MM/dd/yyyy HH:mm:ss)");
		assertThat(ingested.get(4).reject().reason()).contains("quantity 'multi\nline' is not a whole number");
		assertThat(ingested.get(5).staged().origin()).isEqualTo("inventory_20240101.csv:8");
		assertThat(ingested.get(5).staged().row().integer("quantity")).isEqualTo(5);
	}

	@Test
	void restart_continuesAfterTheLastCommittedRecord() throws Exception {
		Path file = this.folder.resolve("supplier_20240101.csv");
		StringBuilder text = new StringBuilder(String.join(",", Entity.SUPPLIER.columnNames()) + "\n");
		for (int i = 1; i <= 5; i++) {
			text.append(i + ",Supplier " + i + ",,,,,,false,true,01/01/2024 10:00:00,01/01/2024 10:00:00\n");
		}
		Files.writeString(file, text);
		ExecutionContext context = new ExecutionContext();
		CsvDropReader first = new CsvDropReader(file);
		first.open(context);
		first.read();
		first.read();
		first.update(context);
		first.close();

		List<Ingested> rest = ingest(file, Entity.SUPPLIER, context);

		assertThat(rest).extracting((item) -> item.staged().row().key()).containsExactly(3L, 4L, 5L);
	}

	@Test
	void aHeaderThatIsNotTheEntitys_failsTheFileNamingTheColumns() throws Exception {
		Path file = this.folder.resolve("product_20240101.csv");
		Files.writeString(file, "product_id,nme,unit_cost\n1,x,2\n");

		assertThatThrownBy(() -> CsvDropReader.header(file, Entity.PRODUCT))
			.hasMessageContaining("unknown columns [nme]")
			.hasMessageContaining("missing columns [name, category, list_price");
	}

	@Test
	void missingDrop_failsAfterTheWait_namingTheExpectedFiles() {
		InventoryDropWait wait = new InventoryDropWait(new InventoryDropFolder(this.folder), Duration.ofMillis(300),
				Duration.ofMillis(50));

		assertThatThrownBy(() -> wait.await(DAY)).hasMessageContaining("not complete after waiting PT0.3S")
			.hasMessageContaining("_READY_20240101")
			.hasMessageContaining("[supplier_20240101.csv, product_20240101.csv, inventory_20240101.csv]");
	}

	private static List<Ingested> ingest(Path file, Entity entity, ExecutionContext context) throws Exception {
		CsvLineParser parser = new CsvLineParser(entity, DAY, CsvDropReader.header(file, entity));
		CsvDropReader reader = new CsvDropReader(file);
		reader.open(context);
		List<Ingested> ingested = new ArrayList<>();
		for (CsvLine line = reader.read(); line != null; line = reader.read()) {
			ingested.add(parser.process(line));
		}
		reader.close();
		return ingested;
	}

}
