package com.widgetsunlimited.etl.staging;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Conversions;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StagingSchemasTests {

	@Test
	void everyEntity_hasARecordNamedAfterItInItsSourcesNamespace() {
		for (Entity entity : Entity.values()) {
			// when
			Schema schema = StagingSchemas.schema(entity);

			// then
			assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD);
			assertThat(schema.getName()).isEqualTo(entity.id());
			assertThat(schema.getNamespace()).isEqualTo("com.widgetsunlimited.etl.staging." + entity.source().id());
		}
	}

	@Test
	void everyEntity_hasItsColumnsInOrderThenTheStagingFields() {
		for (Entity entity : Entity.values()) {
			// given
			List<String> expected = new ArrayList<>();
			for (Column column : entity.columns()) {
				switch (column.sensitivity()) {
					case NONE -> expected.add(column.name());
					case CARD_NUMBER -> expected.add(column.name() + "_last4");
					case SECRET -> {
					}
				}
			}
			expected.addAll(List.of("_op", "_source_ts", "_origin", "_unavailable"));

			// when
			List<String> fields = StagingSchemas.schema(entity).getFields().stream().map(Schema.Field::name).toList();

			// then
			assertThat(fields).as(entity.id()).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void customer_hasNoPasswordAndOnlyTheCardNumbersLastFour() {
		// when
		Schema schema = StagingSchemas.schema(Entity.CUSTOMER);

		// then
		assertThat(schema.getField("password")).isNull();
		assertThat(schema.getField("credit_card_number")).isNull();
		assertThat(schema.getField("credit_card_number_last4").schema())
			.isEqualTo(nullable(Schema.create(Schema.Type.STRING)));
		assertThat(schema.toString()).doesNotContain("password");
		assertThat(StagingSchemas.schema(Entity.STORE_SALES).getField("cc_number_last4")).isNotNull();
	}

	@Test
	void logicalTypes_areDecimalWithScaleTwoDateAndTimestampMicros() {
		// given
		Schema product = StagingSchemas.schema(Entity.PRODUCT);
		Schema order = StagingSchemas.schema(Entity.ORDER);

		// when
		Schema unitCost = product.getField("unit_cost").schema().getTypes().get(1);
		Schema length = product.getField("length").schema();
		Schema introduced = product.getField("introduced_date").schema();
		Schema executionTime = order.getField("execution_time").schema().getTypes().get(1);

		// then
		assertThat(unitCost.getType()).isEqualTo(Schema.Type.BYTES);
		assertThat(unitCost.getLogicalType()).isEqualTo(LogicalTypes.decimal(18, 2));
		assertThat(length).isEqualTo(nullable(unitCost));
		assertThat(product.getField("length").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
		assertThat(introduced.getTypes().get(1).getType()).isEqualTo(Schema.Type.INT);
		assertThat(introduced.getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.date());
		assertThat(executionTime.getType()).isEqualTo(Schema.Type.LONG);
		assertThat(executionTime.getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
		assertThat(product.getField("product_id").schema().getType()).isEqualTo(Schema.Type.LONG);
		assertThat(product.getField("discontinued").schema()).isEqualTo(nullable(Schema.create(Schema.Type.BOOLEAN)));
		assertThat(StagingSchemas.schema(Entity.INVENTORY).getField("quantity").schema())
			.isEqualTo(nullable(Schema.create(Schema.Type.INT)));
	}

	@Test
	void aChangeWithoutSomeValues_namesThem_andReadsBackWithThemUnavailable() {
		// given: a delete that names only the key, and a complete row
		Object[] values = new Object[Entity.CUSTOMER.columns().size()];
		values[0] = 7L;
		long unknown = ((1L << values.length) - 1) & ~1L;
		StagedRow keyOnly = new StagedRow(com.widgetsunlimited.etl.model.Row.partial(Entity.CUSTOMER, values, unknown),
				"d", StagingTestRows.T0, "shop.public.customer/0@9");
		StagedRow complete = StagingTestRows.customer(7);

		// when
		GenericRecord record = StagingSchemas.toRecord(keyOnly);
		StagedRecord read = StagedRecord.of(Entity.CUSTOMER, record);
		StagedRecord whole = StagedRecord.of(Entity.CUSTOMER, StagingSchemas.toRecord(complete));

		// then: every staged field but the key, the password having none
		List<String> unavailable = StagingSchemas.fieldNames(Entity.CUSTOMER)
			.subList(1, StagingSchemas.fieldNames(Entity.CUSTOMER).size());
		assertThat(GenericData.get().validate(record.getSchema(), record)).isTrue();
		assertThat(record.get("_unavailable")).hasToString(String.join(",", unavailable));
		assertThat(read.complete()).isFalse();
		assertThat(read.unavailable()).containsExactlyElementsOf(unavailable);
		assertThat(read.key()).isEqualTo(7L);
		assertThat(read.over(whole).values()).isEqualTo(whole.values());
		assertThat(read.over(whole).complete()).isTrue();
		assertThat(read.over(whole).deleted()).isTrue();
		assertThat(whole.complete()).isTrue();
		assertThat(StagingSchemas.toRecord(complete).get("_unavailable")).isNull();
	}

	@Test
	void stagingFields_areOperationNullableSourceTimeAndOrigin() {
		// when
		Schema schema = StagingSchemas.schema(Entity.STORE);

		// then
		assertThat(schema.getField("_op").schema().getType()).isEqualTo(Schema.Type.STRING);
		assertThat(schema.getField("_source_ts").schema())
			.isEqualTo(nullable(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))));
		assertThat(schema.getField("_origin").schema().getType()).isEqualTo(Schema.Type.STRING);
	}

	@Test
	void toRecord_dropsThePasswordAndKeepsTheCardNumbersLastFourDigits() {
		// given
		StagedRow customer = StagingTestRows.customer(7);

		// when
		GenericRecord record = StagingSchemas.toRecord(customer);

		// then
		assertThat(record.get("credit_card_number_last4")).isEqualTo("1007");
		assertThat(record.hasField("password")).isFalse();
		assertThat(record.toString()).doesNotContain(StagingTestRows.PASSWORD).doesNotContain("4111");
		assertThat(record.get("_op")).isEqualTo("u");
		assertThat(record.get("_source_ts")).isEqualTo(micros(StagingTestRows.T0.plusSeconds(7)));
		assertThat(record.get("_origin")).isEqualTo("ecommerce.customer/0@7");
	}

	@Test
	void lastFourDigits_ignoresSeparatorsAndKeepsWhatDigitsThereAre() {
		assertThat(StagingSchemas.lastFourDigits("4111 1111-1111 1234")).isEqualTo("1234");
		assertThat(StagingSchemas.lastFourDigits("12-3")).isEqualTo("123");
		assertThat(StagingSchemas.lastFourDigits("none")).isEmpty();
		assertThat(StagingSchemas.lastFourDigits(null)).isNull();
	}

	@Test
	void toRecord_convertsDatesToDaysAndTimestampsToMicrosTruncatingNanos() {
		// given
		StagedRow order = StagingTestRows.order(3);
		StagedRow beforeEpoch = new StagedRow(order.row(), "c", Instant.parse("1969-12-31T23:59:59.999999999Z"), "o");
		StagedRow product = StagingTestRows.product(2);

		// when
		GenericRecord orderRecord = StagingSchemas.toRecord(order);
		GenericRecord productRecord = StagingSchemas.toRecord(product);

		// then
		assertThat(orderRecord.get("execution_time")).isEqualTo(1704096000126456L);
		assertThat(StagingSchemas.toRecord(beforeEpoch).get("_source_ts")).isEqualTo(-1L);
		assertThat(productRecord.get("introduced_date")).isEqualTo((int) LocalDate.of(2023, 5, 3).toEpochDay());
		assertThat(productRecord.get("brand")).isEqualTo("Acme");
		assertThat(productRecord.get("length")).isNull();
	}

	@Test
	void toRecord_rescalesDecimalsHalfUp() {
		// given
		StagedRow product = StagingTestRows.product(1);

		// when
		GenericRecord record = StagingSchemas.toRecord(product);

		// then
		assertThat(decimal(record.get("unit_cost"))).isEqualTo(new BigDecimal("2.01"));
		assertThat(decimal(record.get("list_price"))).isEqualTo(new BigDecimal("19.99"));
	}

	@Test
	void decimals_readBack_asTheyWereStaged_fromOneByteToEight() {
		for (String value : new String[] { "0.00", "0.01", "-0.01", "1.27", "1.28", "-1.28", "-1.29", "327.67",
				"-327.68", "2.01", "-19.99", "9999999999999999.99", "-9999999999999999.99" }) {
			StagedRow product = StagingTestRows.product(1);
			StagedRow staged = new StagedRow(product.row().with("unit_cost", new BigDecimal(value)),
					product.operation(), product.sourceTime(), product.origin());

			StagedRecord read = StagedRecord.of(Entity.PRODUCT, StagingSchemas.toRecord(staged));

			assertThat(read.get("unit_cost")).as(value).isEqualTo(new BigDecimal(value));
		}
	}

	@Test
	void toRecord_refusesADecimalThatDoesNotFitNamingItsColumn() {
		// given
		StagedRow product = StagingTestRows.product(1);
		StagedRow tooLarge = new StagedRow(product.row().with("list_price", new BigDecimal("1e17")), "r", null, "x");

		// then
		assertThatIllegalArgumentException().isThrownBy(() -> StagingSchemas.toRecord(tooLarge))
			.withMessageContaining("product.list_price");
	}

	@Test
	void toRecord_refusesAnUnknownOperationAndAMissingOrigin() {
		// given
		StagedRow product = StagingTestRows.product(1);

		// then
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StagingSchemas.toRecord(new StagedRow(product.row(), "x", null, "o")))
			.withMessageContaining("c, u, d, r");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StagingSchemas.toRecord(new StagedRow(product.row(), "r", null, null)))
			.withMessageContaining("origin");
	}

	@Test
	void toRecord_convertsEveryEntitysRowToAValidRecordOfItsSchema() {
		// given
		List<StagedRow> rows = List.of(StagingTestRows.product(1), StagingTestRows.customer(1),
				StagingTestRows.order(1));

		for (StagedRow row : rows) {
			// when
			GenericRecord record = StagingSchemas.toRecord(row);

			// then
			assertThat(GenericData.get().validate(record.getSchema(), record)).isTrue();
		}
	}

	private static Schema nullable(Schema type) {
		return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

	private static BigDecimal decimal(Object bytes) {
		LogicalType decimal = LogicalTypes.decimal(18, 2);
		return new Conversions.DecimalConversion().fromBytes((ByteBuffer) bytes, null, decimal);
	}

}
