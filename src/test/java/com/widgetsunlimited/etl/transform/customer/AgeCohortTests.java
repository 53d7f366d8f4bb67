package com.widgetsunlimited.etl.transform.customer;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AgeCohortTests {

	private static final LocalDate AS_OF = LocalDate.of(2024, 6, 15);

	@ParameterizedTest(name = "born {0}: {1}")
	@CsvSource({ "2024-06-15, Under 18", "2006-06-16, Under 18", "2006-06-15, 18-24", "1999-06-16, 18-24",
			"1999-06-15, 25-34", "1989-06-16, 25-34", "1989-06-15, 35-44", "1979-06-16, 35-44", "1979-06-15, 45-54",
			"1969-06-16, 45-54", "1969-06-15, 55-64", "1959-06-16, 55-64", "1959-06-15, 65+", "1920-01-01, 65+" })
	void ageInWholeYears_fallsInItsCohort(LocalDate dateOfBirth, String cohort) {
		assertThat(AgeCohort.of(dateOfBirth, AS_OF)).isEqualTo(cohort);
	}

	@Test
	void dayBeforeEighteenthBirthday_isUnder18() {
		// given
		LocalDate dateOfBirth = LocalDate.of(2006, 6, 16);

		// when
		String cohort = AgeCohort.of(dateOfBirth, AS_OF);

		// then
		assertThat(cohort).isEqualTo("Under 18");
	}

	@Test
	void onEighteenthBirthday_is18To24() {
		// given
		LocalDate dateOfBirth = LocalDate.of(2006, 6, 15);

		// when
		String cohort = AgeCohort.of(dateOfBirth, AS_OF);

		// then
		assertThat(cohort).isEqualTo("18-24");
	}

	@Test
	void leapDayBirth_turnsAYearOlderOnFirstOfMarchInACommonYear() {
		// given
		LocalDate dateOfBirth = LocalDate.of(2004, 2, 29);

		// when
		String onFebruary28 = AgeCohort.of(dateOfBirth, LocalDate.of(2022, 2, 28));
		String onMarch1 = AgeCohort.of(dateOfBirth, LocalDate.of(2022, 3, 1));

		// then
		assertThat(onFebruary28).isEqualTo("Under 18");
		assertThat(onMarch1).isEqualTo("18-24");
	}

	@Test
	void missingDateOfBirth_isUnknown() {
		assertThat(AgeCohort.of(null, AS_OF)).isEqualTo("Unknown");
	}

	@Test
	void dateOfBirthAfterAsOf_isUnknown() {
		assertThat(AgeCohort.of(AS_OF.plusDays(1), AS_OF)).isEqualTo("Unknown");
	}

}
