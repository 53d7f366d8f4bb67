package com.widgetsunlimited.etl.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CleaningTests {

	@Test
	void nullText_staysNull() {
		assertThat(Cleaning.text(null)).isNull();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "", "   ", "\t\n", "\u00A0" })
	void blankText_becomesNull(String value) {
		assertThat(Cleaning.text(value)).isNull();
	}

	@Test
	void surroundingWhitespace_isTrimmed() {
		assertThat(Cleaning.text("  Ergonomic Steel Chair \t")).isEqualTo("Ergonomic Steel Chair");
	}

	@Test
	void innerWhitespaceRuns_becomeOneSpace() {
		assertThat(Cleaning.text("Ergonomic \t Steel\n\u00A0Chair")).isEqualTo("Ergonomic Steel Chair");
	}

	@Test
	void allUpperCase_becomesTitleCase() {
		assertThat(Cleaning.text("ERGONOMIC STEEL CHAIR")).isEqualTo("Ergonomic Steel Chair");
	}

	@Test
	void allLowerCase_becomesTitleCase() {
		assertThat(Cleaning.text("ergonomic steel chair  ")).isEqualTo("Ergonomic Steel Chair");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "McDonald", "iPhone Accessories", "Jane Doe", "Toys & Games" })
	void mixedCase_isKeptAsTyped(String value) {
		assertThat(Cleaning.text(value)).isEqualTo(value);
	}

	@Test
	void mixedCase_isStillTrimmedAndCollapsed() {
		assertThat(Cleaning.text("  iPhone   Accessories ")).isEqualTo("iPhone Accessories");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "mary-jane, Mary-Jane", "MARY-JANE WATSON, Mary-Jane Watson", "SMITH-JONES LLC, Smith-Jones Llc" })
	void letterAfterHyphen_isCapitalised(String value, String cleaned) {
		assertThat(Cleaning.text(value)).isEqualTo(cleaned);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "o'brien|O'Brien", "PATRICK O'BRIEN|Patrick O'Brien", "d'angelo|D'Angelo",
			"o\u2019hara|O\u2019Hara" })
	void letterAfterOneLetterPrefixApostrophe_isCapitalised(String value, String cleaned) {
		assertThat(Cleaning.text(value)).isEqualTo(cleaned);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "JOE'S DINER|Joe's Diner", "don't panic|Don't Panic" })
	void letterAfterPossessiveOrContractionApostrophe_staysLowerCase(String value, String cleaned) {
		assertThat(Cleaning.text(value)).isEqualTo(cleaned);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "3M COMPANY, 3M Company", "ACME 2000, Acme 2000" })
	void firstLetterAfterDigits_isTheOneCapitalised(String value, String cleaned) {
		assertThat(Cleaning.text(value)).isEqualTo(cleaned);
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "12345", "  - / - " })
	void textWithoutLetters_isKeptTrimmed(String value) {
		assertThat(Cleaning.text(value)).isEqualTo(value.strip());
	}

	@Test
	void upperCode_isTrimmedAndUpperCased() {
		assertThat(Cleaning.upperCode("  wu123 ")).isEqualTo("WU123");
	}

	@ParameterizedTest(name = "[{0}]")
	@NullAndEmptySource
	@ValueSource(strings = { "  ", "\t\n" })
	void blankOrNullCode_becomesNull(String value) {
		assertThat(Cleaning.upperCode(value)).isNull();
	}

}
