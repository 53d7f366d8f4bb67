package com.widgetsunlimited.etl.transform.date;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * One row of {@code date_dim}: calendar attributes of a date, and its fiscal attributes
 * for a fiscal year that starts on the first of {@code fiscalYearStartMonth}. A fiscal
 * year is named after the calendar year in which it ends: with November as the first
 * month, 2013-11-01 is in FY2014 (fiscal month 1) and so is 2014-10-31 (fiscal month 12).
 */
public record DateDimRow(int dateKey, LocalDate fullDate, int dayOfWeek, String dayName, int dayOfMonth, int month,
		String monthName, int quarter, int year, boolean weekend, int fiscalYear, int fiscalQuarter, int fiscalMonth) {

	/** The row for {@code date}; {@code fiscalYearStartMonth} is 1 (January) to 12. */
	public static DateDimRow of(LocalDate date, int fiscalYearStartMonth) {
		if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
			throw new IllegalArgumentException("fiscal year start month must be 1-12, not " + fiscalYearStartMonth);
		}
		int month = date.getMonthValue();
		int fiscalMonth = Math.floorMod(month - fiscalYearStartMonth, 12) + 1;
		int fiscalYear = (fiscalYearStartMonth == 1 || month < fiscalYearStartMonth) ? date.getYear()
				: date.getYear() + 1;
		DayOfWeek dayOfWeek = date.getDayOfWeek();
		return new DateDimRow(dateKey(date), date, dayOfWeek.getValue(),
				dayOfWeek.getDisplayName(TextStyle.FULL, Locale.ENGLISH), date.getDayOfMonth(), month,
				date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), (month - 1) / 3 + 1, date.getYear(),
				dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY, fiscalYear, (fiscalMonth - 1) / 3 + 1,
				fiscalMonth);
	}

	/** The surrogate key of a date: {@code yyyymmdd} as an integer. */
	public static int dateKey(LocalDate date) {
		return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
	}

}
