package com.widgetsunlimited.etl.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

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

}
