package com.widgetsunlimited.etl.transform;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.StagedRecord;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.staging.StagingSchemas;
import com.widgetsunlimited.etl.support.MigratedWarehouse;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.transform.audit.DayAudit;
import com.widgetsunlimited.etl.transform.audit.InvariantViolationException;
import com.widgetsunlimited.etl.transform.customer.CustomerDimension;
import com.widgetsunlimited.etl.transform.product.ProductDimension;
import com.widgetsunlimited.etl.transform.raw.RawLayerWriter;
import com.widgetsunlimited.etl.transform.sales.SaleLineReader;
import com.widgetsunlimited.etl.transform.sales.SalesFactLoader;
import com.widgetsunlimited.etl.transform.sales.SalesFactWriter;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.transform.scd.ScdWriter;
import com.widgetsunlimited.etl.transform.scd.Version;
import com.widgetsunlimited.etl.transform.store.StoreDimension;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transformation rules on a real warehouse database, each with its own small input:
 * staged rows of hand-written days go through the raw load, the dimension loads and the
 * fact loads in the order {@code dailyCycle} runs them, and the tests read the tables
 * back. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTransformIntegrationTests {

	static final LocalDate DAY_1 = LocalDate.of(2024, 3, 4);

	static final LocalDate DAY_2 = DAY_1.plusDays(1);

	static final LocalDate DAY_3 = DAY_1.plusDays(2);

	private MigratedWarehouse migrated;

	protected WarehouseDatabase warehouse;

	protected JdbcTemplate jdbc;

	private final Map<Entity, List<StagedRecord>> staged = new LinkedHashMap<>();

	private StagingLocation staging;

	protected DayAudit audit;

	/**
	 * The sales lines the fact steps' readers gave their writer in the last
	 * {@link #runDay}, as {@code source_system:line_id}.
	 */
	protected final List<String> saleLinesRead = new ArrayList<>();

	/**
	 * Whether the sales facts are merged set-based where the database supports it, as the
	 * steps do by default ({@code etl.sales-fact.set-based}).
	 */
	protected boolean setBasedFacts = true;

	/** A new, empty database of the kind under test, dropped when closed. */
	protected abstract TestDatabase openDatabase() throws Exception;

	@BeforeAll
	void migrate() throws Exception {
		this.migrated = MigratedWarehouse.of(openDatabase());
		this.warehouse = this.migrated.warehouse();
		this.jdbc = new JdbcTemplate(this.migrated.pool());
		this.staging = new StagingLocation(Files.createTempDirectory("etl-transform-staging").toString());
		this.audit = new DayAudit(this.warehouse, this.staging);
	}

	@AfterAll
	void close() {
		if (this.migrated != null) {
			this.migrated.close();
		}
	}

	/** Every test starts from the schema's own members only. */
	@BeforeEach
	void emptyWarehouse() {
		this.setBasedFacts = true;
		for (RawTable table : RawTable.all()) {
			this.jdbc.update("DELETE FROM " + table.name());
		}
		this.jdbc.update("DELETE FROM etl_work_sales_fact");
		this.jdbc.update("DELETE FROM etl_reject");
		this.jdbc.update("DELETE FROM etl_audit");
		this.jdbc.update("DELETE FROM etl_work_customer_dim WHERE customer_id <> -1");
		this.jdbc.update("DELETE FROM etl_work_product_dim");
		this.jdbc.update("DELETE FROM etl_work_store_dim WHERE store_id <> -1");
		this.staged.clear();
	}

	/** Stages a row of {@code entity}: its defaults, with {@code changes} applied. */
	protected void stage(Entity entity, String operation, Instant at, Object... changes) {
		Map<String, Object> values = new LinkedHashMap<>(defaults(entity));
		for (int i = 0; i < changes.length; i += 2) {
			String column = (String) changes[i];
			if (!values.containsKey(column)) {
				throw new IllegalArgumentException(entity.id() + " has no staged column " + column);
			}
			values.put(column, changes[i + 1]);
		}
		values.put("updated_at", at);
		if (("c".equals(operation) || "r".equals(operation)) && !List.of(changes).contains("inserted_at")) {
			// a row created (or first read) then
			values.put("inserted_at", at);
		}
		String origin = "test:" + entity.id() + ":" + values.get(entity.keyColumn()) + "@" + at;
		this.staged.computeIfAbsent(entity, (key) -> new ArrayList<>())
			.add(new StagedRecord(entity, values, operation, at, origin));
	}

	/**
	 * Runs the day's loads on what was staged since the last day: raw layer, product,
	 * store and customer dimensions, web and store sales.
	 */
	protected void runDay(LocalDate day) throws Exception {
		for (Entity entity : Entity.values()) {
			List<StagedRecord> records = this.staged.getOrDefault(entity, List.of());
			writeStagingFile(day, entity, records);
			new RawLayerWriter(this.warehouse, new RawTable(entity), day, 1L).write(new Chunk<>(records));
		}
		this.staged.clear();
		DataSource dataSource = this.warehouse.dataSource();
		DimensionTable products = new DimensionTable(this.warehouse, ProductDimension.DEFAULT);
		DimensionTable stores = new DimensionTable(this.warehouse, StoreDimension.DEFAULT);
		DimensionTable customers = new DimensionTable(this.warehouse, CustomerDimension.DEFAULT);
		drain(RawRows.reader("products", dataSource, ProductDimension.CHANGED_PRODUCTS, 100, ProductDimension::member,
				day, day), new ScdWriter(products, day, 1L));
		drain(RawRows.reader("stores", dataSource, StoreDimension.CHANGED_STORES, 100, StoreDimension::member, day,
				day), new ScdWriter(stores, day, 1L));
		drain(RawRows.reader("customers", dataSource, CustomerDimension.changedCustomers(this.warehouse.dialect()), 100,
				CustomerDimension::member, day, day), new ScdWriter(customers, day, 1L, CustomerDimension::refine));
		SalesFactWriter facts = new SalesFactWriter(this.warehouse, customers, products, stores, day, 1L);
		this.saleLinesRead.clear();
		for (SaleLineReader reader : List.of(
				SalesFactLoader.of(this.warehouse, this.setBasedFacts).web("web", 100, day, 1L),
				SalesFactLoader.of(this.warehouse, this.setBasedFacts).store("store", 100, day, 1L))) {
			drain(reader, facts).forEach((line) -> this.saleLinesRead.add(line.sourceSystem() + ":" + line.lineId()));
		}
		this.audit.audit(day, 1L);
	}

	/**
	 * The day's staging file of {@code entity}, as the ingestion writes it, for the audit
	 * to read.
	 */
	private void writeStagingFile(LocalDate day, Entity entity, List<StagedRecord> records) throws Exception {
		Schema schema = StagingSchemas.schema(entity);
		org.apache.hadoop.fs.Path file = this.staging.entityFile(day, entity);
		try (ParquetWriter<GenericRecord> writer = AvroParquetWriter
			.<GenericRecord>builder(HadoopOutputFile.fromPath(file, this.staging.configuration()))
			.withSchema(schema)
			.withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
			.build()) {
			for (StagedRecord record : records) {
				GenericData.Record avro = new GenericData.Record(schema);
				record.values().forEach((field, value) -> avro.put(field, avroValue(value)));
				avro.put(StagingSchemas.OPERATION, record.operation());
				avro.put(StagingSchemas.SOURCE_TIME, avroValue(record.sourceTime()));
				avro.put(StagingSchemas.ORIGIN, record.origin());
				writer.write(avro);
			}
		}
	}

	private static Object avroValue(Object value) {
		if (value instanceof BigDecimal decimal) {
			return java.nio.ByteBuffer.wrap(decimal.setScale(2).unscaledValue().toByteArray());
		}
		if (value instanceof LocalDate date) {
			return (int) date.toEpochDay();
		}
		if (value instanceof Instant instant) {
			return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
		}
		return value;
	}

	private static <T> List<T> drain(ItemStreamReader<T> reader, ItemWriter<T> writer) throws Exception {
		reader.open(new ExecutionContext());
		List<T> items = new ArrayList<>();
		try {
			for (T item = reader.read(); item != null; item = reader.read()) {
				items.add(item);
			}
		}
		finally {
			reader.close();
		}
		writer.write(new Chunk<>(items));
		return items;
	}

	@Test
	void threeNewCustomers_addressesParsedPerType_andNotAvailableWhereNone() throws Exception {
		// given: billing and shipping in different states (one spelled out, one ZIP+4,
		// no space after the comma), billing only, no address at all
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"), "customer_id", 1L);
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"), "customer_id", 2L, "user_id", "u2");
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"), "customer_id", 3L, "user_id", "u3");
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:01:00"), "customer_address_id", 11L, "customer_id", 1L,
				"address_type", "B", "address", "Ada Lovelace\n12 Elm Street\nSpringfield, New York 10001-2345");
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:01:00"), "customer_address_id", 12L, "customer_id", 1L,
				"address_type", "S", "address", "Charles Babbage\n5 Oak Avenue\nAustin,TX 73301");
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:01:00"), "customer_address_id", 21L, "customer_id", 2L,
				"address_type", "B", "address", "Bo Diddley\n1 Pine Road\nMiami, fl 33101");

		// when
		runDay(DAY_1);

		// then
		assertThat(versions("customer", 1)).singleElement().satisfies((c) -> {
			assertThat(c).containsEntry("billing_name", "Ada Lovelace")
				.containsEntry("billing_street", "12 Elm Street")
				.containsEntry("billing_city", "Springfield")
				.containsEntry("billing_state", "NY")
				.containsEntry("billing_zip", "10001")
				.containsEntry("shipping_name", "Charles Babbage")
				.containsEntry("shipping_city", "Austin")
				.containsEntry("shipping_state", "TX")
				.containsEntry("shipping_zip", "73301");
			assertThat(date(c.get("effective_date"))).isEqualTo(DAY_1);
			assertThat(date(c.get("expiration_date"))).isEqualTo(LocalDate.of(9999, 12, 31));
		});
		assertThat(versions("customer", 2)).singleElement().satisfies((c) -> {
			assertThat(c).containsEntry("billing_state", "FL").containsEntry("shipping_name", "N/A");
			assertThat(c.get("shipping_state")).isNull();
		});
		assertThat(versions("customer", 3)).singleElement()
			.satisfies(
					(c) -> assertThat(c).containsEntry("billing_name", "N/A").containsEntry("shipping_street", "N/A"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM etl_work_customer_dim WHERE customer_id > 0",
				Long.class))
			.isEqualTo(3);
	}

	@Test
	void anUpdateOfTheEmailOnly_overwritesIt_leavesTheCard_andOpensNoVersion() throws Exception {
		// given
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"));
		runDay(DAY_1);

		// when
		stage(Entity.CUSTOMER, "u", at(DAY_2, "09:00:00"), "email", "ada@new.example.com");
		runDay(DAY_2);

		// then
		assertThat(versions("customer", 1)).singleElement().satisfies((c) -> {
			assertThat(c).containsEntry("email", "ada@new.example.com");
			assertThat(c.get("card_last4").toString().strip()).isEqualTo("4242");
			assertThat(date(c.get("last_update_date"))).isEqualTo(DAY_2);
			assertThat(date(c.get("effective_date"))).isEqualTo(DAY_1);
		});
	}

	@Test
	void aCorrectedDateOfBirth_isWrittenToEveryVersion_andATypeOneChangeOnlyToTheCurrent() throws Exception {
		// given: a customer with two versions (preferred from day 2, type 2)
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"));
		runDay(DAY_1);
		stage(Entity.CUSTOMER, "u", at(DAY_2, "09:00:00"), "is_preferred", true);
		runDay(DAY_2);

		// when: the date of birth is corrected (type 1 in every version) and the email
		// changes (type 1)
		stage(Entity.CUSTOMER, "u", at(DAY_3, "09:00:00"), "is_preferred", true, "date_of_birth",
				LocalDate.of(1991, 6, 2), "email", "ada@example.org");
		runDay(DAY_3);

		// then: no third version; both carry the corrected date, only the current the
		// email
		List<Map<String, Object>> versions = versions("customer", 1);
		assertThat(versions).hasSize(2);
		assertThat(versions).extracting((v) -> date(v.get("date_of_birth")))
			.containsExactly(LocalDate.of(1991, 6, 2), LocalDate.of(1991, 6, 2));
		assertThat(versions).extracting((v) -> v.get("email"))
			.containsExactly("ada.lovelace1@example.com", "ada@example.org");
		assertThat(versions).extracting((v) -> bool(v.get("is_current"))).containsExactly(false, true);
	}

	@Test
	void theNewestAddressOfEachType_describesTheCustomer_andADeletedOneIsPassedOver() throws Exception {
		// given: two billing addresses, the newer one (higher id) staged first
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"));
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:01:00"), "customer_address_id", 13L, "address_type", "B",
				"address", "Ada Lovelace\n3 New Street\nBoston, MA 02108");
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:02:00"), "customer_address_id", 11L, "address_type", "B",
				"address", "Ada Lovelace\n1 Old Street\nSalem, OR 97301");
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:02:00"), "customer_address_id", 12L, "address_type", "S",
				"address", "Ada Lovelace\n2 Ship Street\nDover, DE 19901");
		runDay(DAY_1);
		assertThat(versions("customer", 1)).singleElement()
			.satisfies((c) -> assertThat(c).containsEntry("billing_street", "3 New Street")
				.containsEntry("shipping_street", "2 Ship Street"));

		// when: the newer billing address is deleted
		stage(Entity.CUSTOMER_ADDRESS, "d", at(DAY_2, "10:00:00"), "customer_address_id", 13L, "address_type", "B",
				"address", "Ada Lovelace\n3 New Street\nBoston, MA 02108");
		runDay(DAY_2);

		// then: the older one describes the customer again, the shipping address stays
		List<Map<String, Object>> versions = versions("customer", 1);
		assertThat(versions).hasSize(2);
		assertThat(date(versions.get(1).get("effective_date"))).isEqualTo(DAY_2);
		assertThat(versions.get(1)).containsEntry("billing_street", "1 Old Street")
			.containsEntry("billing_state", "OR")
			.containsEntry("shipping_street", "2 Ship Street");
	}

	@Test
	void anAddressOnlyChange_opensAVersionThatChangesOnlyThatAddress() throws Exception {
		// given
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"));
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:00:00"), "customer_address_id", 11L, "address_type", "B");
		stage(Entity.CUSTOMER_ADDRESS, "c", at(DAY_1, "09:00:00"), "customer_address_id", 12L, "address_type", "S",
				"address", "Ada Lovelace\n9 Shipping Lane\nDover, DE 19901");
		runDay(DAY_1);

		// when: the shipping address moves
		stage(Entity.CUSTOMER_ADDRESS, "u", at(DAY_2, "15:00:00"), "customer_address_id", 12L, "address_type", "S",
				"address", "Ada Lovelace\n77 Harbour Road\nPortland, Oregon 97201");
		runDay(DAY_2);

		// then
		List<Map<String, Object>> versions = versions("customer", 1);
		assertThat(versions).hasSize(2);
		Map<String, Object> before = new java.util.HashMap<>(versions.get(0));
		Map<String, Object> after = new java.util.HashMap<>(versions.get(1));
		assertThat(date(before.get("expiration_date"))).isEqualTo(DAY_1);
		assertThat(bool(before.get("is_current"))).isFalse();
		assertThat(date(after.get("effective_date"))).isEqualTo(DAY_2);
		assertThat(after).containsEntry("shipping_street", "77 Harbour Road").containsEntry("shipping_state", "OR");
		assertThat(date(after.get("last_update_date"))).isEqualTo(DAY_2);
		List<String> changed = new ArrayList<>();
		for (String column : before.keySet()) {
			if (!java.util.Objects.equals(before.get(column), after.get(column))) {
				changed.add(column);
			}
		}
		assertThat(changed).containsExactlyInAnyOrder("customer_key", "effective_date", "expiration_date", "is_current",
				"shipping_street", "shipping_city", "shipping_state", "shipping_zip", "last_update_date");
	}

	@Test
	void isActiveFlips_deactivateOnTheDayOfTheChange_andReactivate() throws Exception {
		// given
		stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"), "inserted_at", at(DAY_1, "09:00:00"));
		runDay(DAY_1);

		// when: deactivated on day 2, active again on day 3
		stage(Entity.CUSTOMER, "u", at(DAY_2, "12:00:00"), "inserted_at", at(DAY_1, "09:00:00"), "is_active", false);
		runDay(DAY_2);
		stage(Entity.CUSTOMER, "u", at(DAY_3, "12:00:00"), "inserted_at", at(DAY_1, "09:00:00"), "is_active", true);
		runDay(DAY_3);

		// then
		List<Map<String, Object>> versions = versions("customer", 1);
		assertThat(versions).hasSize(3);
		assertThat(date(versions.get(0).get("activation_date"))).isEqualTo(DAY_1);
		assertThat(date(versions.get(0).get("start_date"))).isEqualTo(DAY_1);
		assertThat(date(versions.get(0).get("deactivation_date"))).isEqualTo(LocalDate.of(9999, 12, 31));
		assertThat(bool(versions.get(1).get("is_active"))).isFalse();
		assertThat(date(versions.get(1).get("deactivation_date"))).isEqualTo(DAY_2);
		assertThat(bool(versions.get(2).get("is_active"))).isTrue();
		assertThat(date(versions.get(2).get("deactivation_date"))).isEqualTo(LocalDate.of(9999, 12, 31));
		assertThat(date(versions.get(2).get("activation_date"))).isEqualTo(DAY_3);
		assertThat(date(versions.get(2).get("start_date"))).isEqualTo(DAY_1);
	}

	@Test
	void referralCodes_areDecoded() throws Exception {
		// given
		String[] codes = { "OA", "AM", "", "ZZ" };
		for (int i = 0; i < codes.length; i++) {
			stage(Entity.CUSTOMER, "c", at(DAY_1, "09:00:00"), "customer_id", 100L + i, "referral_type", codes[i]);
		}

		// when
		runDay(DAY_1);

		// then
		assertThat(this.jdbc.queryForList(
				"SELECT referral_type FROM etl_work_customer_dim WHERE customer_id >= 100 ORDER BY customer_id",
				String.class))
			.containsExactly("Online Advertising", "Affiliate Marketing", "None", "Unknown");
	}

	@Test
	void aType2Change_makesVersionsThatMeet_andFactsOfEachDayPointAtTheirOwnVersion() throws Exception {
		// given: a product, a store, and a sale on day 1
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.STORE_LOCATION, "c", at(DAY_1, "06:00:00"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"));
		runDay(DAY_1);

		// when: the category changes (type 2) and the name (type 1) on day 2, with a sale
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "category", "Gadgets", "name", "Azure Widget");
		stage(Entity.STORE_SALES, "c", at(DAY_2, "11:00:00"), "store_sales_id", 2L, "transaction_date",
				at(DAY_2, "11:00:00"));
		runDay(DAY_2);

		// then
		List<Map<String, Object>> versions = versions("product", 1);
		assertThat(versions).hasSize(2);
		assertThat(date(versions.get(0).get("expiration_date"))).isEqualTo(DAY_1);
		assertThat(date(versions.get(1).get("effective_date"))).isEqualTo(DAY_2);
		assertThat(versions).extracting((v) -> v.get("category")).containsExactly("Widgets", "Gadgets");
		assertThat(versions.get(1)).containsEntry("name", "Azure Widget").containsEntry("dimensions", "10 x 5.5 x 2");
		assertThat(productKeyOfSale(1)).isEqualTo(((Number) versions.get(0).get("product_key")).longValue());
		assertThat(productKeyOfSale(2)).isEqualTo(((Number) versions.get(1).get("product_key")).longValue());
		assertThat(versions("store", 1)).singleElement()
			.satisfies((s) -> assertThat(s).containsEntry("state", "IL").containsEntry("zip", "62701"));
	}

	@Test
	void aType1Change_makesNoVersion() throws Exception {
		// given
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		runDay(DAY_1);

		// when
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "brand", "  ACME INDUSTRIES ");
		runDay(DAY_2);

		// then
		assertThat(versions("product", 1)).singleElement().satisfies((p) -> {
			assertThat(p).containsEntry("brand", "Acme Industries");
			assertThat(date(p.get("effective_date"))).isEqualTo(DAY_1);
		});
	}

	@Test
	void severalChangesOfOneDay_collapseToTheLastState() throws Exception {
		// given
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		runDay(DAY_1);

		// when
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "unit_cost", new BigDecimal("5.00"));
		stage(Entity.PRODUCT, "r", at(DAY_2, "07:00:00"), "unit_cost", new BigDecimal("6.00"));
		stage(Entity.PRODUCT, "r", at(DAY_2, "08:00:00"), "unit_cost", new BigDecimal("7.25"));
		runDay(DAY_2);

		// then
		assertThat(versions("product", 1)).extracting((v) -> new BigDecimal(v.get("unit_cost").toString()))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("4.00"), new BigDecimal("7.25"));
	}

	@Test
	void aSaleOfAnUnannouncedProduct_infersAMember_completedInPlaceWhenAnnounced() throws Exception {
		// given: a store sale of product 77, which the inventory feed has not announced
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "product_id", 77L);
		runDay(DAY_1);
		long inferredKey = productKeyOfSale(1);
		assertThat(versions("product", 77)).singleElement().satisfies((p) -> {
			assertThat(bool(p.get("is_inferred"))).isTrue();
			assertThat(p).containsEntry("name", "Unknown");
		});

		// when: announced the next day
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "product_id", 77L, "name", "Red Widget");
		runDay(DAY_2);

		// then: one member, the same key, the real attributes
		assertThat(versions("product", 77)).singleElement().satisfies((p) -> {
			assertThat(bool(p.get("is_inferred"))).isFalse();
			assertThat(p).containsEntry("name", "Red Widget").containsEntry("category", "Widgets");
			assertThat(((Number) p.get("product_key")).longValue()).isEqualTo(inferredKey);
		});
		assertThat(productKeyOfSale(1)).isEqualTo(inferredKey);
	}

	@Test
	void storeSales_returnsNegative_loyalCustomerKnown_anonymousUnknown() throws Exception {
		// given
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "loyalty_number", "WU123");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 1L, "loyalty_number", "WU123");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "12:00:00"), "store_sales_id", 2L, "transaction_type", "RETURN",
				"quantity", 2, "total_price", new BigDecimal("19.98"), "loyalty_number", "WU999");

		// when
		runDay(DAY_1);

		// then
		Map<String, Object> sale = fact("instore", 1);
		Map<String, Object> ret = fact("instore", 2);
		assertThat(customerIdOf(sale)).isEqualTo(1L);
		assertThat(customerIdOf(ret)).isEqualTo(-1L);
		assertThat(((Number) ret.get("quantity")).intValue()).isEqualTo(-2);
		assertThat(new BigDecimal(ret.get("total_price").toString())).isEqualByComparingTo("-19.98");
		assertThat(ret).containsEntry("transaction_type", "RETURN").containsEntry("channel", "STORE");
	}

	@Test
	void aLoyaltySaleBeforeItsCustomerArrived_keepsTheUnknownCustomer_evenWhenItsDayIsLoadedAgain() throws Exception {
		// given: a store sale naming loyalty number WU777, whose customer arrives a day
		// later
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "loyalty_number", "WU777");
		runDay(DAY_1);
		stage(Entity.CUSTOMER, "c", at(DAY_2, "06:00:00"), "customer_id", 7L, "loyalty_number", "WU777");
		runDay(DAY_2);

		// when
		runDay(DAY_1);

		// then: no version of the customer described the sale's date
		assertThat(customerIdOf(fact("instore", 1))).isEqualTo(-1L);
	}

	@Test
	void aLoyaltySaleOfAnInferredCustomerCompletedLater_keepsTheUnknownCustomer_onEveryRun() throws Exception {
		// given: customer 8 known only by key (a web order named it) when its loyalty
		// number WU888 is used in a store on day 1; its real attributes arrive on day 2
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.ORDER, "c", at(DAY_1, "09:00:00"), "customer_id", 8L, "execution_time", at(DAY_1, "09:00:00"));
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "09:00:00"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "loyalty_number", "WU888");
		runDay(DAY_1);
		stage(Entity.CUSTOMER, "c", at(DAY_2, "06:00:00"), "customer_id", 8L, "loyalty_number", "WU888");
		runDay(DAY_2);

		// when
		runDay(DAY_1);

		// then
		assertThat(versions("customer", 8)).singleElement().satisfies((c) -> {
			assertThat(bool(c.get("is_inferred"))).isFalse();
			assertThat(date(c.get("completed_date"))).isEqualTo(DAY_2);
		});
		assertThat(customerIdOf(fact("ecommerce", 1))).isEqualTo(8L);
		assertThat(customerIdOf(fact("instore", 1))).isEqualTo(-1L);
	}

	@Test
	void aLoyaltyNumberHeldByTwoCustomers_namesTheLowerId_andOneBetweenTabs_isStillMatched() throws Exception {
		// given: WU500 held by customers 5 and 4; a sale naming WU600 between tabs, which
		// the database's TRIM (spaces only) does not match
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "customer_id", 5L, "loyalty_number", "WU500");
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "customer_id", 4L, "loyalty_number", "WU500");
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "customer_id", 6L, "loyalty_number", "WU600");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 1L, "loyalty_number", "WU500");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "12:00:00"), "store_sales_id", 2L, "loyalty_number", "\tWU600\t");

		// when
		runDay(DAY_1);

		// then
		assertThat(customerIdOf(fact("instore", 1))).isEqualTo(4L);
		assertThat(customerIdOf(fact("instore", 2))).isEqualTo(6L);
	}

	@Test
	void aSaleDatedBeforeItsProductsFirstVersion_getsThatFirstVersion() throws Exception {
		// given: a product announced on day 2, and a store sale of day 1 that arrives on
		// day 2 (no version covers its date)
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		runDay(DAY_1);
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "product_id", 9L, "name", "Late Widget");
		stage(Entity.STORE_SALES, "c", at(DAY_2, "11:00:00"), "product_id", 9L, "transaction_date",
				at(DAY_1, "23:00:00"));

		// when
		runDay(DAY_2);

		// then: the product's one version, not an inferred member
		assertThat(versions("product", 9)).singleElement().satisfies((p) -> {
			assertThat(bool(p.get("is_inferred"))).isFalse();
			assertThat(((Number) p.get("product_key")).longValue()).isEqualTo(productKeyOfSale(1));
		});
	}

	@Test
	void overlappingVersionsOfADamagedWarehouse_giveOneFactPerLine_withTheEarliestCoveringVersion_andFailTheAudit()
			throws Exception {
		// given: product 1's version of day 1, and a second current one from January,
		// written on day 2 (the damage)
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		runDay(DAY_1);
		this.jdbc.update(
				"INSERT INTO etl_work_product_dim (product_id, effective_date, expiration_date, is_current, "
						+ "is_inferred, business_date) VALUES (1, ?, ?, TRUE, FALSE, ?)",
				LocalDate.of(2024, 1, 1), LocalDate.of(9999, 12, 31), DAY_2);
		long damaged = this.jdbc.queryForObject(
				"SELECT product_key FROM etl_work_product_dim WHERE product_id = 1 AND effective_date = ?", Long.class,
				LocalDate.of(2024, 1, 1));
		stage(Entity.STORE_SALES, "c", at(DAY_2, "11:00:00"), "store_sales_id", 2L, "transaction_date",
				at(DAY_2, "11:00:00"));

		// when / then: the sale is loaded once, and the audit names the product
		assertThatThrownBy(() -> runDay(DAY_2)).isInstanceOf(InvariantViolationException.class)
			.hasMessageContaining("product_dim members without exactly one current version: [1]");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM etl_work_sales_fact WHERE source_system = 'instore' AND source_line_id = 2",
				Long.class))
			.isEqualTo(1);
		assertThat(productKeyOfSale(2)).isEqualTo(damaged);
	}

	@Test
	void webLines_datedByTheirOrder_cancelledAndDeletedFlagged_orphansRejected() throws Exception {
		// given: an order executed late on day 1 that arrives on day 2, with two lines
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"));
		runDay(DAY_1);
		stage(Entity.ORDER, "c", at(DAY_1, "23:30:00"), "execution_time", at(DAY_1, "23:30:00"));
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "23:30:00"), "order_line_item_id", 1L);
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "23:30:00"), "order_line_item_id", 2L);
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_2, "08:00:00"), "order_line_item_id", 3L, "order_id", 404L);
		runDay(DAY_2);

		// when: the order is cancelled and a line deleted on day 3
		stage(Entity.ORDER, "u", at(DAY_3, "09:00:00"), "execution_time", at(DAY_1, "23:30:00"), "cancelled", true);
		stage(Entity.ORDER_LINE_ITEM, "d", at(DAY_3, "09:00:00"), "order_line_item_id", 2L);
		runDay(DAY_3);

		// then
		Map<String, Object> line1 = fact("ecommerce", 1);
		Map<String, Object> line2 = fact("ecommerce", 2);
		assertThat(((Number) line1.get("date_key")).intValue()).isEqualTo(20240304);
		assertThat(line1).containsEntry("channel", "ONLINE");
		assertThat(bool(line1.get("is_cancelled"))).isTrue();
		assertThat(bool(line1.get("is_deleted"))).isFalse();
		assertThat(bool(line2.get("is_deleted"))).isTrue();
		assertThat(customerIdOf(line1)).isEqualTo(1L);
		assertThat(this.jdbc.queryForList(
				"SELECT source_line_id FROM etl_work_sales_fact WHERE source_system = 'ecommerce'", Long.class))
			.containsExactlyInAnyOrder(1L, 2L);
		assertThat(
				this.jdbc.queryForList("SELECT reason FROM etl_reject WHERE entity = 'order_line_item'", String.class))
			.singleElement()
			.asString()
			.contains("order_id 404");
	}

	@Test
	void aLineChangedOnADayItsOrderDidNot_keepsItsOrdersDateCustomerAndCancellation() throws Exception {
		// given: customer 2's order, executed and cancelled on day 1, and its line
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "customer_id", 2L, "user_id", "ghopper2");
		loadAnOrderWithOneLineOnDay1("customer_id", 2L, "cancelled", true);

		// when: only the line changes, on day 3
		stage(Entity.ORDER_LINE_ITEM, "u", at(DAY_3, "09:00:00"), "quantity", 5, "total_price",
				new BigDecimal("49.95"));
		runDay(DAY_3);

		// then: the fact has the line's new state and its order's date, customer and
		// cancellation
		Map<String, Object> line = fact("ecommerce", 1);
		assertThat(((Number) line.get("quantity")).intValue()).isEqualTo(5);
		assertThat(new BigDecimal(line.get("total_price").toString())).isEqualByComparingTo("49.95");
		assertThat(((Number) line.get("date_key")).intValue()).isEqualTo(20240304);
		assertThat(customerIdOf(line)).isEqualTo(2L);
		assertThat(bool(line.get("is_cancelled"))).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM etl_reject", Long.class)).isZero();
	}

	@Test
	void aLineWhoseChangeLeavesItsFactAsItWas_isAuditedWithTheFactAnEarlierDayWrote() throws Exception {
		// given: an order and its line, loaded on day 1
		loadAnOrderWithOneLineOnDay1();

		// when: on day 3 only the line's comment changes, which the fact does not hold
		stage(Entity.ORDER_LINE_ITEM, "u", at(DAY_3, "09:00:00"), "comments", "gift wrap");
		runDay(DAY_3);

		// then: the fact row is day 1's, and day 3's audit found it and its amount
		assertThat(date(fact("ecommerce", 1).get("business_date"))).isEqualTo(DAY_1);
		Map<String, Object> audit = this.jdbc.queryForMap("SELECT source_amount, loaded_amount "
				+ "FROM etl_audit WHERE entity = 'order_line_item' AND business_date = ?", DAY_3);
		assertThat(new BigDecimal(audit.get("source_amount").toString())).isEqualByComparingTo("19.98");
		assertThat(new BigDecimal(audit.get("loaded_amount").toString())).isEqualByComparingTo("19.98");
	}

	/**
	 * Loads day 1 with product 1, customer 1 and order 1 (with {@code orderChanges}) of
	 * one line, beside whatever was staged before.
	 */
	private void loadAnOrderWithOneLineOnDay1(Object... orderChanges) throws Exception {
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"));
		stage(Entity.ORDER, "c", at(DAY_1, "10:00:00"), orderChanges);
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "10:00:00"));
		runDay(DAY_1);
	}

	@Test
	void aDayLoadedAgain_changesNothing() throws Exception {
		// given
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"));
		runDay(DAY_1);
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "category", "Gadgets");
		stage(Entity.CUSTOMER, "u", at(DAY_2, "06:00:00"), "is_preferred", true);
		runDay(DAY_2);
		List<Map<String, Object>> before = everything();

		// when: day 1 again, after day 2
		runDay(DAY_1);
		runDay(DAY_2);

		// then
		assertThat(everything()).isEqualTo(before);
	}

	@Test
	void theAudit_recordsTheDay_andFailsNamingTheRows_whenAGuaranteeIsBroken() throws Exception {
		// given: a day loaded and audited
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 1L);
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:30:00"), "store_sales_id", 2L, "transaction_type", "RETURN");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "12:00:00"), "store_sales_id", 3L);
		stage(Entity.STORE_SALES, "c", at(DAY_1, "12:30:00"), "store_sales_id", 4L, "transaction_type", "RETURN");
		runDay(DAY_1);
		assertThat(this.jdbc.queryForMap("SELECT rows_staged, rows_loaded, rows_rejected, source_amount, "
				+ "loaded_amount FROM etl_audit WHERE entity = 'store_sales'"))
			.satisfies((row) -> {
				assertThat(((Number) row.get("rows_staged")).longValue()).isEqualTo(4);
				assertThat(((Number) row.get("rows_loaded")).longValue()).isEqualTo(4);
				assertThat(new BigDecimal(row.get("source_amount").toString())).isZero();
				assertThat(new BigDecimal(row.get("loaded_amount").toString())).isZero();
			});

		// when: a fact row goes missing, a raw row too, another raw row holds a state a
		// microsecond older than the staged one, another fact row is a cent off, and a
		// product gets a second current version
		this.jdbc.update("DELETE FROM etl_work_sales_fact WHERE source_line_id = 2");
		this.jdbc.update("UPDATE etl_work_sales_fact SET total_price = total_price + 0.01 WHERE source_line_id = 3");
		this.jdbc.update("DELETE FROM raw_instore_store_sales WHERE store_sales_id = 1");
		this.jdbc.update("UPDATE raw_instore_store_sales SET change_ts = ? WHERE store_sales_id = 4",
				java.time.LocalDateTime.of(2024, 3, 4, 12, 29, 59, 999_999_000));
		this.jdbc.update("INSERT INTO etl_work_product_dim (product_id, effective_date, expiration_date, is_current, "
				+ "is_inferred, business_date) VALUES (1, DATE '2024-03-01', DATE '9999-12-31', TRUE, FALSE, DATE "
				+ "'2024-03-04')");
		this.jdbc.update("UPDATE etl_work_store_dim SET effective_date = DATE '2024-03-05' WHERE store_id = 1");

		// then
		assertThatThrownBy(() -> this.audit.audit(DAY_1, 1L)).isInstanceOf(InvariantViolationException.class)
			.hasMessageContaining("store_sales lines changed on 2024-03-04 are neither in sales_fact nor rejected "
					+ "(raw_instore_store_sales keys [2])")
			.hasMessageContaining("sales_fact holds 0.01 for the instore lines changed on 2024-03-04, the sources 0.00")
			.hasMessageContaining("2 staged store_sales rows are not in raw_instore_store_sales (for instance "
					+ "test:store_sales:1@" + at(DAY_1, "11:00:00") + ", test:store_sales:4@" + at(DAY_1, "12:30:00")
					+ ")")
			.hasMessageContaining("product_dim members without exactly one current version: [1]")
			.hasMessageContaining("product_dim members whose versions overlap or leave a gap: [1]")
			.hasMessageContaining("sales_fact lines outside the store_dim version they point at: [instore:1, "
					+ "instore:3, instore:4]");
	}

	@Test
	void aLateOrderOfACustomerAndAProductThatArriveWithIt_liesInsideTheirFirstVersions() throws Exception {
		// given: day 1's order reaches the warehouse on day 2, with its customer, created
		// on day 1, and a product the source created on day 1 too; a second order of
		// that day names a customer created the next morning (the source's clock), a
		// third one a customer that arrived first on day 1
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "customer_id", 3L, "user_id", "u3");
		runDay(DAY_1);
		stage(Entity.PRODUCT, "r", at(DAY_2, "06:00:00"), "inserted_at", at(DAY_1, "05:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "07:00:00"), "customer_id", 1L);
		stage(Entity.CUSTOMER, "c", at(DAY_2, "00:10:00"), "customer_id", 2L, "user_id", "u2");
		stage(Entity.ORDER, "c", at(DAY_1, "22:00:00"), "order_id", 1L, "customer_id", 1L, "execution_time",
				at(DAY_1, "22:00:00"));
		stage(Entity.ORDER, "c", at(DAY_1, "23:00:00"), "order_id", 2L, "customer_id", 2L, "execution_time",
				at(DAY_1, "23:00:00"));
		stage(Entity.ORDER, "c", at(DAY_1, "23:30:00"), "order_id", 3L, "customer_id", 3L, "execution_time",
				at(DAY_1, "23:30:00"));
		for (long line = 1; line <= 3; line++) {
			stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "23:40:00"), "order_line_item_id", line, "order_id", line);
		}

		// when
		runDay(DAY_2);
		runDay(DAY_2);

		// then: each version begins when its member came into being, or at its earliest
		// sale if that was earlier; every fact lies inside what it points at
		assertThat(versions("customer", 1)).singleElement()
			.satisfies((c) -> assertThat(date(c.get("effective_date"))).isEqualTo(DAY_1));
		assertThat(versions("customer", 2)).singleElement()
			.satisfies((c) -> assertThat(date(c.get("effective_date"))).isEqualTo(DAY_1));
		assertThat(versions("customer", 3)).singleElement()
			.satisfies((c) -> assertThat(date(c.get("effective_date"))).isEqualTo(DAY_1));
		assertThat(versions("product", 1)).singleElement().satisfies((p) -> {
			assertThat(date(p.get("effective_date"))).isEqualTo(DAY_1);
			assertThat(bool(p.get("is_inferred"))).isFalse();
		});
		for (long line = 1; line <= 3; line++) {
			Map<String, Object> fact = fact("ecommerce", line);
			assertThat(((Number) fact.get("date_key")).intValue()).isEqualTo(20240304);
			assertThat(customerIdOf(fact)).isEqualTo(line);
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM etl_work_sales_fact f JOIN etl_work_customer_dim c "
				+ "ON c.customer_key = f.customer_key JOIN etl_work_product_dim p ON p.product_key = f.product_key "
				+ "WHERE c.effective_date > DATE '2024-03-04' OR p.effective_date > DATE '2024-03-04'", Long.class))
			.isZero();
	}

	@Test
	void aStagedRowWhoseKeyALaterDayChangedAgain_isInTheRawLayer_whenTheEarlierDayIsAuditedAgain() throws Exception {
		// given: a product changed on day 1 and again on day 2
		stage(Entity.PRODUCT, "c", at(DAY_1, "06:00:00"));
		runDay(DAY_1);
		stage(Entity.PRODUCT, "u", at(DAY_2, "06:00:00"), "name", "Widget Pro");
		runDay(DAY_2);

		// when: day 1 is audited again, its product row now holding day 2's state
		this.audit.audit(DAY_1, 2L);

		// then: day 1's staged row counts as loaded (the raw layer holds a newer state)
		assertThat(this.jdbc.queryForMap(
				"SELECT rows_staged, rows_loaded FROM etl_audit WHERE entity = 'product' " + "AND business_date = ?",
				java.sql.Date.valueOf(DAY_1)))
			.satisfies((row) -> {
				assertThat(((Number) row.get("rows_staged")).longValue()).isEqualTo(1);
				assertThat(((Number) row.get("rows_loaded")).longValue()).isEqualTo(1);
			});
	}

	private List<Map<String, Object>> everything() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (String table : List.of("etl_work_customer_dim", "etl_work_product_dim", "etl_work_store_dim",
				"etl_work_sales_fact")) {
			rows.addAll(this.jdbc.queryForList("SELECT '" + table + "' AS t, x.* FROM " + table + " x"));
		}
		rows.sort(java.util.Comparator.comparing(Object::toString));
		return rows;
	}

	private long productKeyOfSale(long storeSalesId) {
		return ((Number) fact("instore", storeSalesId).get("product_key")).longValue();
	}

	private Map<String, Object> fact(String sourceSystem, long lineId) {
		return this.jdbc.queryForMap("SELECT * FROM etl_work_sales_fact WHERE source_system = ? AND source_line_id = ?",
				sourceSystem, lineId);
	}

	private long customerIdOf(Map<String, Object> fact) {
		return this.jdbc.queryForObject("SELECT customer_id FROM etl_work_customer_dim WHERE customer_key = ?",
				Long.class, fact.get("customer_key"));
	}

	/** The versions of one member, oldest first, as maps of column to value. */
	@Test
	void aMemberAnotherStepInferredMeanwhile_isFound_byAStepThatHadReadTheVersionsBefore() {
		// given: a step's transaction has read the versions of product 7 (none yet)
		DimensionTable products = new DimensionTable(this.warehouse, ProductDimension.DEFAULT);
		var transactions = new TransactionTemplate(new JdbcTransactionManager(this.warehouse.dataSource()));
		var concurrently = new TransactionTemplate(transactions.getTransactionManager());
		concurrently.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		Map<Long, List<Version>> found = transactions.execute((status) -> {
			assertThat(products.versions(List.of(7L))).isEmpty();
			// when: another step infers the member and commits, then this one infers it
			// too
			concurrently.executeWithoutResult((other) -> products.versionsInferringMissing(List.of(7L), DAY_1, 2L));
			return products.versionsInferringMissing(List.of(7L), DAY_1, 1L);
		});

		// then: it finds the other step's inferred member, the only one
		assertThat(found.get(7L)).singleElement().satisfies((version) -> assertThat(version.inferred()).isTrue());
		assertThat(this.jdbc.queryForObject("SELECT job_execution_id FROM etl_work_product_dim WHERE product_id = 7",
				Long.class))
			.isEqualTo(2L);
	}

	protected List<Map<String, Object>> versions(String dimension, long id) {
		return this.jdbc.queryForList(
				"SELECT * FROM etl_work_" + dimension + "_dim WHERE " + dimension + "_id = ? ORDER BY effective_date",
				id);
	}

	protected static Instant at(LocalDate day, String time) {
		return Instant.parse(day + "T" + time + "Z");
	}

	protected static boolean bool(Object value) {
		return (value instanceof Number number) ? number.intValue() != 0 : (Boolean) value;
	}

	protected static LocalDate date(Object value) {
		return ((java.sql.Date) value).toLocalDate();
	}

	private static Map<String, Object> defaults(Entity entity) {
		Instant created = at(DAY_1.minusDays(30), "08:00:00");
		Map<String, Object> values = new HashMap<>();
		switch (entity) {
			case CUSTOMER -> {
				values.put("customer_id", 1L);
				values.put("name", "Ada Lovelace");
				values.put("user_id", "alovelace1");
				values.put("email", "ada.lovelace1@example.com");
				values.put("referral_type", "OA");
				values.put("sex", "F");
				values.put("date_of_birth", LocalDate.of(1990, 5, 1));
				values.put("loyalty_number", null);
				values.put("credit_card_number_last4", "4242");
				values.put("is_preferred", false);
				values.put("is_active", true);
			}
			case CUSTOMER_ADDRESS -> {
				values.put("customer_address_id", 1L);
				values.put("customer_id", 1L);
				values.put("address_type", "B");
				values.put("address", "Ada Lovelace\n12 St James's Square\nSpringfield, IL 62701");
			}
			case PRODUCT -> {
				values.put("product_id", 1L);
				values.put("name", "Blue Widget");
				values.put("description", "A widget, blue");
				values.put("category", "Widgets");
				values.put("brand", "Acme");
				values.put("preferred_supplier_id", null);
				values.put("unit_cost", new BigDecimal("4.00"));
				values.put("list_price", new BigDecimal("9.99"));
				values.put("length", new BigDecimal("10.00"));
				values.put("width", new BigDecimal("5.50"));
				values.put("height", new BigDecimal("2.00"));
				values.put("introduced_date", LocalDate.of(2023, 1, 1));
				values.put("discontinued", false);
				values.put("no_longer_offered", false);
			}
			case STORE -> {
				values.put("store_id", 1L);
				values.put("name", "Widgets Unlimited Springfield");
				values.put("manager_name", "Grace Hopper");
				values.put("number_of_employees", 12);
				values.put("opened_date", LocalDate.of(2015, 6, 1));
				values.put("closed_date", null);
			}
			case STORE_LOCATION -> {
				values.put("store_location_id", 1L);
				values.put("store_id", 1L);
				values.put("street_address", "1 Main Street");
				values.put("city", "Springfield");
				values.put("state", "ILLINOIS");
				values.put("zip_code", "62701-1234");
				values.put("sq_footage", 4000);
			}
			case ORDER -> {
				values.put("order_id", 1L);
				values.put("customer_id", 1L);
				values.put("shipping_address_id", null);
				values.put("special_instructions", null);
				values.put("shipping_cost", new BigDecimal("4.99"));
				values.put("execution_time", at(DAY_1, "10:00:00"));
				values.put("cancelled", false);
			}
			case ORDER_LINE_ITEM -> {
				values.put("order_line_item_id", 1L);
				values.put("order_id", 1L);
				values.put("product_id", 1L);
				values.put("quantity", 2);
				values.put("unit_price", new BigDecimal("9.99"));
				values.put("total_price", new BigDecimal("19.98"));
				values.put("comments", null);
			}
			case STORE_SALES -> {
				values.put("store_sales_id", 1L);
				values.put("store_id", 1L);
				values.put("product_id", 1L);
				values.put("quantity", 1);
				values.put("unit_price", new BigDecimal("9.99"));
				values.put("total_price", new BigDecimal("9.99"));
				values.put("transaction_type", "SALE");
				values.put("transaction_date", at(DAY_1, "11:00:00"));
				values.put("cc_number_last4", "1111");
				values.put("loyalty_number", null);
			}
			default -> throw new IllegalArgumentException(entity.id());
		}
		values.put("inserted_at", created);
		values.put("updated_at", created);
		return values;
	}

}
