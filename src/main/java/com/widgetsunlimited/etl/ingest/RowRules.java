package com.widgetsunlimited.etl.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.staging.StagingSchemas;

/**
 * What every source row must satisfy before it is staged, whichever source it comes from:
 * values that staging and every warehouse database can hold, and the business rules the
 * three systems share. A row that breaks one becomes a reject with these reasons rather
 * than failing a later step (a decimal too large for staging, a date that MySQL and
 * MariaDB cannot store, a NUL that PostgreSQL cannot store, a text longer than its
 * dimension's column) or loading a sale of no item.
 */
public final class RowRules {

	/** The first date every warehouse database stores. */
	public static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);

	/** The last date every warehouse database stores. */
	public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

	private static final BigDecimal LARGEST_DECIMAL = BigDecimal.TEN
		.pow(StagingSchemas.DECIMAL_PRECISION - StagingSchemas.DECIMAL_SCALE)
		.subtract(BigDecimal.ONE.movePointLeft(StagingSchemas.DECIMAL_SCALE));

	/** What rounds to more than {@link #LARGEST_DECIMAL}: it, and half a cent. */
	private static final BigDecimal DECIMAL_BOUND = LARGEST_DECIMAL.add(new BigDecimal("0.005"));

	/**
	 * The first second of {@link #FIRST_DATE} and the first after {@link #LAST_DATE}, in
	 * epoch seconds: an instant is checked against them without making its date (which
	 * makes the UTC offset's rules anew each time on JDK 17), once per time of every row.
	 */
	private static final long FIRST_SECOND = FIRST_DATE.toEpochDay() * 86_400L;

	private static final long END_SECOND = (LAST_DATE.toEpochDay() + 1) * 86_400L;

	private RowRules() {
	}

	/** Why {@code row} cannot be staged, one reason per broken rule; empty if it can. */
	public static List<String> problems(Row row) {
		List<String> problems = new ArrayList<>();
		List<Column> columns = row.entity().columns();
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			Object value = row.get(i);
			if (value != null) {
				String problem = problem(column, value);
				if (problem != null) {
					problems.add(problem);
				}
			}
		}
		if (hasQuantity(row.entity()) && row.integer("quantity") != null && row.integer("quantity") < 1) {
			problems.add("quantity is " + row.integer("quantity") + ": a sale, return or stock movement moves at "
					+ "least one item");
		}
		return problems;
	}

	/** Whether every warehouse database stores the date of {@code instant}. */
	public static boolean storable(Instant instant) {
		long second = instant.getEpochSecond();
		return second >= FIRST_SECOND && second < END_SECOND;
	}

	private static boolean hasQuantity(Entity entity) {
		return entity == Entity.INVENTORY || entity == Entity.ORDER_LINE_ITEM || entity == Entity.STORE_SALES;
	}

	private static String problem(Column column, Object value) {
		return switch (column.type()) {
			case STRING -> textProblem(column, (String) value);
			case DECIMAL -> fits((BigDecimal) value) ? null
					: column.name() + " " + abbreviate(((BigDecimal) value).toString()) + " does not fit decimal("
							+ StagingSchemas.DECIMAL_PRECISION + "," + StagingSchemas.DECIMAL_SCALE + ")";
			case DATE -> dateProblem(column, (LocalDate) value);
			case TIMESTAMP -> storable((Instant) value) ? null
					: dateProblem(column, LocalDate.ofInstant((Instant) value, ZoneOffset.UTC));
			case LONG, INTEGER, BOOLEAN -> null;
		};
	}

	private static String textProblem(Column column, String text) {
		if (text.indexOf('\u0000') >= 0) {
			return column.name() + " holds a NUL character (U+0000), which the warehouse cannot store";
		}
		int length = text.codePointCount(0, text.length());
		if (column.maxLength() > 0 && length > column.maxLength()) {
			return column.name() + " is " + length + " characters long, more than the " + column.maxLength()
					+ " the warehouse stores";
		}
		return null;
	}

	private static boolean fits(BigDecimal value) {
		return value.abs().compareTo(DECIMAL_BOUND) < 0
				&& value.setScale(StagingSchemas.DECIMAL_SCALE, RoundingMode.HALF_UP)
					.precision() <= StagingSchemas.DECIMAL_PRECISION;
	}

	private static String dateProblem(Column column, LocalDate date) {
		if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
			return column.name() + " is in year " + date.getYear() + ", outside the years 1 to 9999 the warehouse "
					+ "stores";
		}
		return null;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

}
