package com.widgetsunlimited.etl.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowRulesTests {

	/**
	 * A row of {@code entity} with {@code values} and a valid value in every other
	 * required column.
	 */
	private static Row row(Entity entity, Map<String, Object> values) {
		Map<String, Object> all = new HashMap<>(values);
		for (Column column : entity.columns()) {
			if (!column.nullable()) {
				all.putIfAbsent(column.name(), switch (column.type()) {
					case STRING -> "x";
					case LONG -> 1L;
					case INTEGER -> 1;
					case DECIMAL -> BigDecimal.ONE;
					case BOOLEAN -> false;
					case DATE -> LocalDate.of(2024, 1, 1);
					case TIMESTAMP -> Instant.parse("2024-01-01T08:00:00Z");
				});
			}
		}
		return Row.of(entity, all);
	}

	@Test
	void aTextLongerThanItsDimensionsColumn_isAProblem_namingTheColumnAndBothLengths() {
		Row longName = row(Entity.PRODUCT, Map.of("product_id", 1L, "name", "n".repeat(301)));
		Row fullName = row(Entity.PRODUCT, Map.of("product_id", 1L, "name", "n".repeat(300)));

		assertThat(RowRules.problems(longName))
			.containsExactly("name is 301 characters long, more than the 300 the warehouse stores");
		assertThat(RowRules.problems(fullName)).isEmpty();
	}

	@Test
	void lengthsCountCharacters_notBytesOrUtf16Units() {
		// 254 characters of which some take two UTF-16 units and four UTF-8 bytes
		Row email = row(Entity.CUSTOMER,
				Map.of("customer_id", 1L, "email", "\uD83D\uDE00".repeat(100) + "x".repeat(154)));

		assertThat(RowRules.problems(email)).isEmpty();
	}

	@Test
	void aTextWithoutADimensionColumn_hasNoLimit() {
		Row line = row(Entity.ORDER_LINE_ITEM, Map.of("order_line_item_id", 1L, "comments", "c".repeat(10_000)));

		assertThat(RowRules.problems(line)).isEmpty();
	}

	@Test
	void instantsAreStorable_exactlyWhenTheirUtcDateIsInTheYears1To9999() {
		// given: the edges, to the nanosecond, and instants all over the range Instant
		// holds
		List<Instant> instants = new ArrayList<>(List.of(Instant.parse("0001-01-01T00:00:00Z"),
				Instant.parse("0001-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
				Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH));
		Random random = new Random(3);
		for (int i = 0; i < 10_000; i++) {
			instants.add(Instant.ofEpochSecond(random.nextLong(-400_000_000_000L, 400_000_000_000L),
					random.nextInt(1_000_000_000)));
		}

		for (Instant instant : instants) {
			// when
			boolean storable = RowRules.storable(instant);
			List<String> problems = RowRules
				.problems(row(Entity.CUSTOMER, Map.of("customer_id", 1L, "updated_at", instant)));

			// then
			LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
			boolean expected = date.getYear() >= 1 && date.getYear() <= 9999;
			assertThat(storable).as(instant.toString()).isEqualTo(expected);
			assertThat(problems).as(instant.toString())
				.isEqualTo(expected ? List.of() : List.of("updated_at is in year " + date.getYear()
						+ ", outside the years 1 to 9999 the warehouse stores"));
		}
	}

	@Test
	void decimalsFit_whenTheyRoundToAtMost16DigitsAndTwoDecimals() {
		assertThat(RowRules.problems(row(Entity.ORDER_LINE_ITEM,
				Map.of("order_line_item_id", 1L, "unit_price", new BigDecimal("9999999999999999.994")))))
			.isEmpty();
		assertThat(RowRules.problems(row(Entity.ORDER_LINE_ITEM,
				Map.of("order_line_item_id", 1L, "unit_price", new BigDecimal("-9999999999999999.995")))))
			.containsExactly("unit_price -9999999999999999.995 does not fit decimal(18,2)");
	}

}
