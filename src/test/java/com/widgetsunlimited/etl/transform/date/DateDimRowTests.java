package com.widgetsunlimited.etl.transform.date;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateDimRowTests {

	@Test
	void calendarAttributes_ofALeapDay() {
		// when
		DateDimRow row = DateDimRow.of(LocalDate.of(2024, 2, 29), 1);

		// then
		assertThat(row.dateKey()).isEqualTo(20240229);
		assertThat(row.dayOfWeek()).isEqualTo(4);
		assertThat(row.dayName()).isEqualTo("Thursday");
		assertThat(row.monthName()).isEqualTo("February");
		assertThat(row.quarter()).isEqualTo(1);
		assertThat(row.weekend()).isFalse();
		assertThat(row.fiscalYear()).isEqualTo(2024);
		assertThat(row.fiscalMonth()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0} with FY starting in month {1}: FY{2} Q{3} M{4}")
	@CsvSource({ "2013-11-01, 11, 2014, 1, 1", "2014-10-31, 11, 2014, 4, 12", "2014-01-15, 11, 2014, 1, 3",
			"2013-10-31, 11, 2013, 4, 12", "2024-12-31, 1, 2024, 4, 12", "2024-07-01, 7, 2025, 1, 1",
			"2024-06-30, 7, 2024, 4, 12" })
	void fiscalYear_isNamedAfterTheYearItEndsIn(LocalDate date, int startMonth, int fiscalYear, int fiscalQuarter,
			int fiscalMonth) {
		// when
		DateDimRow row = DateDimRow.of(date, startMonth);

		// then
		assertThat(row.fiscalYear()).isEqualTo(fiscalYear);
		assertThat(row.fiscalQuarter()).isEqualTo(fiscalQuarter);
		assertThat(row.fiscalMonth()).isEqualTo(fiscalMonth);
	}

	@Test
	void weekend_isSaturdayAndSunday() {
		assertThat(DateDimRow.of(LocalDate.of(2024, 1, 6), 1).weekend()).isTrue();
		assertThat(DateDimRow.of(LocalDate.of(2024, 1, 7), 1).weekend()).isTrue();
		assertThat(DateDimRow.of(LocalDate.of(2024, 1, 8), 1).weekend()).isFalse();
	}

	@Test
	void fiscalStartMonthOutOfRange_isRefused() {
		assertThatThrownBy(() -> DateDimRow.of(LocalDate.of(2024, 1, 1), 13))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
