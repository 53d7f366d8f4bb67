package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;

/**
 * Rows of a few entities for staging tests, and a reader of staging files that shares
 * nothing with the writer: parquet-avro's own reader of a local file, with Avro's own
 * logical type conversions.
 */
final class StagingTestRows {

	static final Instant T0 = Instant.parse("2024-01-01T08:00:00.123456Z");

	static final String PASSWORD = "correct-horse-battery-staple";

	private StagingTestRows() {
	}

	static String cardNumber(long id) {
		return "4111-1111-1111-" + String.format("%04d", 1000 + id);
	}

	static StagedRow product(long id) {
		Map<String, Object> values = new HashMap<>();
		values.put("product_id", id);
		values.put("name", "Widget " + id);
		values.put("category", "widgets");
		values.put("brand", (id % 2 == 0) ? "Acme" : null);
		values.put("unit_cost", new BigDecimal("1.005").add(BigDecimal.valueOf(id)));
		values.put("list_price", new BigDecimal("19.99"));
		values.put("introduced_date", LocalDate.of(2023, 5, 1).plusDays(id));
		values.put("discontinued", id % 3 == 0);
		values.put("no_longer_offered", false);
		values.put("inserted_at", T0.plusSeconds(id));
		values.put("updated_at", T0.plusSeconds(id));
		return new StagedRow(Row.of(Entity.PRODUCT, values), "r", null, "product_20240101.csv:" + (id + 1));
	}

	static StagedRow customer(long id) {
		Map<String, Object> values = new HashMap<>();
		values.put("customer_id", id);
		values.put("name", "Customer " + id);
		values.put("user_id", "user" + id);
		values.put("password", PASSWORD + id);
		values.put("email", "customer" + id + "@example.com");
		values.put("date_of_birth", LocalDate.of(1980, 1, 1).plusDays(id));
		values.put("credit_card_number", cardNumber(id));
		values.put("is_preferred", false);
		values.put("is_active", true);
		values.put("inserted_at", T0);
		values.put("updated_at", T0.plusSeconds(id));
		return new StagedRow(Row.of(Entity.CUSTOMER, values), "u", T0.plusSeconds(id), "ecommerce.customer/0@" + id);
	}

	static StagedRow order(long id) {
		Map<String, Object> values = new HashMap<>();
		values.put("order_id", id);
		values.put("customer_id", id * 10);
		values.put("shipping_cost", new BigDecimal("4.5"));
		values.put("execution_time", T0.plusMillis(id));
		values.put("cancelled", false);
		values.put("inserted_at", T0);
		values.put("updated_at", T0);
		return new StagedRow(Row.of(Entity.ORDER, values), "c", T0, "ecommerce.order/1@" + id);
	}

	static List<StagedRow> rows(LongFunction<StagedRow> row, long from, long to) {
		return LongStream.rangeClosed(from, to).mapToObj(row).toList();
	}

	/**
	 * Every record of a staging file, logical types as BigDecimal, LocalDate, Instant.
	 */
	static List<GenericRecord> read(java.nio.file.Path file) throws IOException {
		GenericData model = new GenericData();
		model.addLogicalTypeConversion(new Conversions.DecimalConversion());
		model.addLogicalTypeConversion(new TimeConversions.DateConversion());
		model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
		List<GenericRecord> records = new ArrayList<>();
		try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
			.withDataModel(model)
			.build()) {
			for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
		}
		return records;
	}

	static byte[] bytes(java.nio.file.Path file) throws IOException {
		return Files.readAllBytes(file);
	}

}
