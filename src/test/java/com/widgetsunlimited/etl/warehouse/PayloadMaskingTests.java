package com.widgetsunlimited.etl.warehouse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadMaskingTests {

	@Test
	void cardNumbers_keepOnlyTheirLastFourDigits_inAnyText() {
		assertThat(PayloadMasking.mask("9,4111111111111111,SALE")).isEqualTo("9,************1111,SALE");
		assertThat(PayloadMasking.mask("{\"credit_card_number\":\"5500-0000-0000-0004\"}"))
			.isEqualTo("{\"credit_card_number\":\"************0004\"}");
	}

	@Test
	void shortNumbers_keys_pricesAndDates_stayReadable() {
		String line = "1001,3,17,2,19.99,39.98,SALE,2024-01-01 10:00:00,,WU100007919";
		assertThat(PayloadMasking.mask(line)).isEqualTo(line);
	}

	@Test
	void passwords_areRemoved_evenFromATruncatedValue() {
		assertThat(PayloadMasking.mask("{\"after\":{\"password\":\"s3cr\\\"et!\",\"email\":\"a@b.c\"}}"))
			.isEqualTo("{\"after\":{\"password\":\"******\",\"email\":\"a@b.c\"}}");
		assertThat(PayloadMasking.mask("{\"after\":{\"user_id\":\"ab1\",\"password\":\"hunt")).doesNotContain("hunt");
	}

	@Test
	void hugePayloads_areCut_andSaySo() {
		String masked = PayloadMasking.mask("x".repeat(PayloadMasking.MAX_LENGTH + 10));
		assertThat(masked).hasSize(PayloadMasking.MAX_LENGTH + " more characters]".length() + 7)
			.endsWith("... [10 more characters]");
	}

}
