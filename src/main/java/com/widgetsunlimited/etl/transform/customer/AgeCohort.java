package com.widgetsunlimited.etl.transform.customer;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The age band of a customer, for reports that compare customers by age:
 * {@code Under 18}, {@code 18-24}, {@code 25-34}, {@code 35-44}, {@code 45-54},
 * {@code 55-64} and {@code 65+}, or {@code Unknown} without a usable birth date.
 */
public final class AgeCohort {

	/** The cohort of a customer whose date of birth is missing or in the future. */
	public static final String UNKNOWN = "Unknown";

	private AgeCohort() {
	}

	/**
	 * The cohort of a customer's age in whole years on a date. A customer turns a year
	 * older on their birthday; one born on 29 February turns a year older on 1 March in a
	 * year that has no 29 February.
	 * @param dateOfBirth the customer's date of birth, or {@code null}
	 * @param asOf the date the age is taken on
	 * @return the cohort, {@code Unknown} when {@code dateOfBirth} is {@code null} or
	 * after {@code asOf}
	 */
	public static String of(LocalDate dateOfBirth, LocalDate asOf) {
		Objects.requireNonNull(asOf, "asOf");
		if (dateOfBirth == null || dateOfBirth.isAfter(asOf)) {
			return UNKNOWN;
		}
		long age = ChronoUnit.YEARS.between(dateOfBirth, asOf);
		if (age < 18) {
			return "Under 18";
		}
		if (age < 25) {
			return "18-24";
		}
		if (age < 35) {
			return "25-34";
		}
		if (age < 45) {
			return "35-44";
		}
		if (age < 55) {
			return "45-54";
		}
		if (age < 65) {
			return "55-64";
		}
		return "65+";
	}

}
