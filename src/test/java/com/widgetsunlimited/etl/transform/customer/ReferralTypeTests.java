package com.widgetsunlimited.etl.transform.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferralTypeTests {

	@Test
	void oa_isOnlineAdvertising() {
		assertThat(ReferralType.decode("OA")).isEqualTo("Online Advertising");
	}

	@Test
	void am_isAffiliateMarketing() {
		assertThat(ReferralType.decode("AM")).isEqualTo("Affiliate Marketing");
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "oa", "Oa", " OA ", "\toa\n" })
	void codeInAnyCaseWithSpaces_isDecoded(String code) {
		assertThat(ReferralType.decode(code)).isEqualTo("Online Advertising");
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "am", " aM  " })
	void affiliateCodeInAnyCaseWithSpaces_isDecoded(String code) {
		assertThat(ReferralType.decode(code)).isEqualTo("Affiliate Marketing");
	}

	@ParameterizedTest(name = "[{0}]")
	@NullAndEmptySource
	@ValueSource(strings = { "  ", "\t" })
	void noCode_isNone(String code) {
		assertThat(ReferralType.decode(code)).isEqualTo("None");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "XX", "TV", "RADIO", "99", "O A", "OAM" })
	void undocumentedCode_isUnknown(String code) {
		assertThat(ReferralType.decode(code)).isEqualTo("Unknown");
	}

}
