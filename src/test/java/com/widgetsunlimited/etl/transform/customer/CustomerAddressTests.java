package com.widgetsunlimited.etl.transform.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CustomerAddressTests {

	@Test
	void threeLineAddress_isSplitIntoItsParts() {
		// given
		String address = "Jane Doe\n12 Main Street\nSpringfield, IL 62701";

		// when
		CustomerAddress parsed = CustomerAddress.parse(address);

		// then
		assertThat(parsed).isEqualTo(new CustomerAddress("Jane Doe", "12 Main Street", "Springfield", "IL", "62701"));
	}

	@Test
	void windowsLineEnds_areAccepted() {
		// given
		String address = "Jane Doe\r\n12 Main Street\r\nSpringfield, IL 62701\r\n";

		// when
		CustomerAddress parsed = CustomerAddress.parse(address);

		// then
		assertThat(parsed).isEqualTo(new CustomerAddress("Jane Doe", "12 Main Street", "Springfield", "IL", "62701"));
	}

	@Test
	void straySpaces_areTrimmedAndCollapsed() {
		// given
		String address = "  Jane   Doe \n 12  Main   Street  \n  Port  St. Lucie ,  FL   34952  ";

		// when
		CustomerAddress parsed = CustomerAddress.parse(address);

		// then
		assertThat(parsed)
			.isEqualTo(new CustomerAddress("Jane Doe", "12 Main Street", "Port St. Lucie", "FL", "34952"));
	}

	@Test
	void blankLines_areSkipped() {
		// given
		String address = "\nJane Doe\n\n12 Main Street\n   \nSpringfield, IL 62701\n\n";

		// when
		CustomerAddress parsed = CustomerAddress.parse(address);

		// then
		assertThat(parsed).isEqualTo(new CustomerAddress("Jane Doe", "12 Main Street", "Springfield", "IL", "62701"));
	}

	@Test
	void noSpaceAfterComma_isAccepted() {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n12 Main Street\nSpringfield,IL 62701");

		// then
		assertThat(parsed.city()).isEqualTo("Springfield");
		assertThat(parsed.state()).isEqualTo("IL");
		assertThat(parsed.zip()).isEqualTo("62701");
	}

	@Test
	void cityWithSpaces_isKeptWhole() {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n1 Ocean Drive\nPort St. Lucie, FL 34952");

		// then
		assertThat(parsed.city()).isEqualTo("Port St. Lucie");
	}

	@Test
	void cityWithComma_endsAtTheLastComma() {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n1 Ocean Drive\nWashington, D.C., DC 20001");

		// then
		assertThat(parsed.city()).isEqualTo("Washington, D.C.");
		assertThat(parsed.state()).isEqualTo("DC");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ny", "Ny", "NY" })
	void stateCodeInAnyCase_becomesUpperCaseUspsCode(String state) {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n12 Main Street\nAlbany, " + state + " 12207");

		// then
		assertThat(parsed.state()).isEqualTo("NY");
	}

	@Test
	void fullStateName_becomesUspsCode() {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n12 Main Street\nAlbany, New York 12207");

		// then
		assertThat(parsed.state()).isEqualTo("NY");
		assertThat(parsed.city()).isEqualTo("Albany");
		assertThat(parsed.zip()).isEqualTo("12207");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "new york", "NEW YORK", "New   York", "nEw yOrK" })
	void fullStateNameInAnyCaseOrSpacing_becomesUspsCode(String state) {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n12 Main Street\nAlbany, " + state + " 12207");

		// then
		assertThat(parsed.state()).isEqualTo("NY");
	}

	@Test
	void zipPlusFour_becomesFiveDigits() {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n12 Main Street\nSpringfield, IL 62701-1234");

		// then
		assertThat(parsed.zip()).isEqualTo("62701");
	}

	@Test
	void zipWithLeadingZero_keepsIt() {
		// when
		CustomerAddress parsed = CustomerAddress.parse("Jane Doe\n1 Elm Street\nBoston, MA 02108");

		// then
		assertThat(parsed.zip()).isEqualTo("02108");
	}

	@Test
	void linesBetweenNameAndCity_areTheStreetJoinedWithCommas() {
		// given
		String address = "Jane Doe\n12 Main Street\n  Apt   4B \nc/o Acme\nSpringfield, IL 62701";

		// when
		CustomerAddress parsed = CustomerAddress.parse(address);

		// then
		assertThat(parsed.name()).isEqualTo("Jane Doe");
		assertThat(parsed.street()).isEqualTo("12 Main Street, Apt 4B, c/o Acme");
		assertThat(parsed.city()).isEqualTo("Springfield");
	}

	@Test
	void notAvailable_hasNaTextAndNoStateOrZip() {
		// when
		CustomerAddress none = CustomerAddress.NOT_AVAILABLE;

		// then
		assertThat(none).isEqualTo(new CustomerAddress("N/A", "N/A", "N/A", null, null));
	}

	@ParameterizedTest(name = "[{0}]")
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\n\r\n  \n" })
	void nullOrBlankAddress_isRejected(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerAddress.parse(address))
			.withMessage("address: empty");
	}

	@Test
	void fewerThanThreeLines_isRejectedWithTheLineCount() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerAddress.parse("Jane Doe\n\n  \nSpringfield, IL 62701"))
			.withMessage("address: expected at least 3 lines (name, street, city/state/ZIP), found 2");
	}

	@Test
	void lastLineWithoutComma_isRejectedWithoutEchoingTheAddress() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerAddress.parse("Jane Doe\n12 Main Street\nSpringfield IL 62701"))
			.withMessage("address: no comma between city and state in the last line");
	}

	@Test
	void nothingBeforeTheComma_isRejectedAsMissingCity() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerAddress.parse("Jane Doe\n12 Main Street\n , IL 62701"))
			.withMessage("address: no city before the comma");
	}

	@Test
	void onlyOneWordAfterTheComma_isRejectedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerAddress.parse("Jane Doe\n12 Main Street\nSpringfield, 62701"))
			.withMessage("address: expected a state and a ZIP after the comma, found '62701'");
	}

	@Test
	void unknownState_isRejectedNamingTheStateOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerAddress.parse("Jane Doe\n12 Main Street\nPoseidonis, Atlantis 12345"))
			.withMessage("address: unknown state 'Atlantis'")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("Jane", "Main", "Poseidonis", "12345"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "6270", "627011", "62701-123", "62701-12345", "6270A", "62701+1234" })
	void zipNotFiveDigitsOrZipPlusFour_isRejectedNamingTheZip(String zip) {
		// given
		String address = "Jane Doe\n12 Main Street\nSpringfield, IL " + zip;

		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> CustomerAddress.parse(address))
			.withMessage("address: ZIP '" + zip + "' is not 5 digits or ZIP+4");
	}

	@Test
	void zipSplitBySpace_isRejectedAsUnknownState() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CustomerAddress.parse("Jane Doe\n12 Main Street\nSpringfield, IL 62701 1234"))
			.withMessage("address: unknown state 'IL 62701'");
	}

}
