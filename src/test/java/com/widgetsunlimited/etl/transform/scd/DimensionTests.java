package com.widgetsunlimited.etl.transform.scd;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.model.ScdType;
import com.widgetsunlimited.etl.transform.scd.Attribute.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DimensionTests {

	private static final List<Attribute> ATTRIBUTES = List.of(new Attribute("name", Kind.TEXT, ScdType.TYPE_1),
			new Attribute("stock", Kind.NUMBER, ScdType.TYPE_1), new Attribute("cost", Kind.DECIMAL, ScdType.TYPE_2),
			new Attribute("since", Kind.DATE, ScdType.TYPE_2), new Attribute("active", Kind.BOOLEAN, ScdType.TYPE_2));

	@Test
	void valuesAsADatabaseReadsThemBack_equalTheSourcesInCanonicalForm() {
		// given: the source's state, and the same values as a database returns them
		Map<String, Object> source = state("Widget", 7L, new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), true);
		Map<String, Object> readBack = state("Widget", 7, new BigDecimal("1.50"), java.sql.Date.valueOf("2024-01-02"),
				1);

		// when
		boolean same = Dimension.sameValues(ATTRIBUTES, source, readBack);

		// then
		assertThat(same).isTrue();
	}

	@Test
	void anyAttributeThatDiffers_makesTheStatesDiffer_andANullIsNotAnEmptyText() {
		Map<String, Object> source = state("Widget", 7L, new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), true);

		assertThat(Dimension.sameValues(ATTRIBUTES, source, with(source, "name", "Widget Pro"))).isFalse();
		assertThat(Dimension.sameValues(ATTRIBUTES, source, with(source, "stock", 8L))).isFalse();
		assertThat(Dimension.sameValues(ATTRIBUTES, source, with(source, "cost", new BigDecimal("1.51")))).isFalse();
		assertThat(Dimension.sameValues(ATTRIBUTES, source, with(source, "since", LocalDate.of(2024, 1, 3)))).isFalse();
		assertThat(Dimension.sameValues(ATTRIBUTES, source, with(source, "active", false))).isFalse();
		assertThat(Dimension.sameValues(ATTRIBUTES, with(source, "name", null), with(source, "name", ""))).isFalse();
		assertThat(Dimension.sameValues(ATTRIBUTES, with(source, "name", null), with(source, "name", null))).isTrue();
	}

	@Test
	void onlyTheGivenAttributesAreCompared() {
		Map<String, Object> source = state("Widget", 7L, new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), true);
		Map<String, Object> renamed = with(source, "name", "Widget Pro");

		assertThat(Dimension.sameValues(ATTRIBUTES.subList(1, ATTRIBUTES.size()), source, renamed)).isTrue();
	}

	private static Map<String, Object> state(String name, Object stock, BigDecimal cost, Object since, Object active) {
		Map<String, Object> state = new HashMap<>();
		state.put("name", name);
		state.put("stock", stock);
		state.put("cost", cost);
		state.put("since", since);
		state.put("active", active);
		return state;
	}

	private static Map<String, Object> with(Map<String, Object> state, String column, Object value) {
		Map<String, Object> changed = new HashMap<>(state);
		changed.put(column, value);
		return changed;
	}

}
