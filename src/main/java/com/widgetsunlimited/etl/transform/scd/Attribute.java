package com.widgetsunlimited.etl.transform.scd;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.widgetsunlimited.etl.model.ScdType;

/**
 * One descriptive column of a dimension: its name, the kind of its values, and how its
 * history is kept.
 */
public record Attribute(String column, Kind kind, ScdType scdType) {

	/** What a column holds, so that values read back from any database compare equal. */
	public enum Kind {

		TEXT, NUMBER, DECIMAL, DATE, BOOLEAN;

		/**
		 * The value in one canonical form: text as is, whole numbers as {@code Long},
		 * decimals without trailing zeros, dates as {@code LocalDate}, booleans as
		 * {@code Boolean} (some databases return them as numbers).
		 */
		public Object canonical(Object value) {
			if (value == null) {
				return null;
			}
			return switch (this) {
				case TEXT -> value.toString();
				case NUMBER -> ((Number) value).longValue();
				case DECIMAL -> new BigDecimal(value.toString()).stripTrailingZeros();
				case DATE -> (value instanceof java.sql.Date date) ? date.toLocalDate() : (LocalDate) value;
				case BOOLEAN -> (value instanceof Number number) ? number.intValue() != 0 : (Boolean) value;
			};
		}

	}

	public Attribute withScdType(ScdType type) {
		return new Attribute(this.column, this.kind, type);
	}

}
