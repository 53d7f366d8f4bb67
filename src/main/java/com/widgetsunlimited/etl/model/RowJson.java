package com.widgetsunlimited.etl.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Row} as a JSON object in the shape the e-commerce simulator publishes: numbers
 * as numbers, decimals as strings (no binary rounding), dates as ISO dates and instants
 * as ISO instants in UTC, booleans as booleans.
 */
public final class RowJson {

	private RowJson() {
	}

	/** The row's values, ready for a JSON writer, in column order. */
	public static Map<String, Object> toJson(Row row) {
		Map<String, Object> json = new LinkedHashMap<>();
		row.values().forEach((column, value) -> json.put(column, encode(value)));
		return json;
	}

	/**
	 * The row of {@code entity} that {@code json} describes; values may be strings or
	 * numbers.
	 */
	public static Row fromJson(Entity entity, Map<String, ?> json) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Column column : entity.columns()) {
			values.put(column.name(), decode(column.type(), json.get(column.name())));
		}
		return Row.of(entity, values);
	}

	private static Object encode(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof LocalDate || value instanceof Instant) {
			return value.toString();
		}
		return value;
	}

	/** A value of {@code type} from its JSON form: a string, a number or a boolean. */
	public static Object decode(ColumnType type, Object json) {
		if (json == null) {
			return null;
		}
		String text = json.toString();
		return switch (type) {
			case LONG -> (json instanceof Number number) ? number.longValue() : Long.parseLong(text);
			case INTEGER -> (json instanceof Number number) ? number.intValue() : Integer.parseInt(text);
			case DECIMAL -> new BigDecimal(text);
			case STRING -> text;
			case DATE -> LocalDate.parse(text);
			case TIMESTAMP -> Instant.parse(text);
			case BOOLEAN -> (json instanceof Boolean bool) ? bool : Boolean.parseBoolean(text);
		};
	}

}
