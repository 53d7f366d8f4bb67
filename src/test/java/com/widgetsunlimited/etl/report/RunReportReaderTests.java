package com.widgetsunlimited.etl.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportReaderTests {

	@Test
	void rejectsOfTheSameKind_differingOnlyInTheirValues_groupTogether() {
		assertThat(RunReportReader.kind("quantity '-3' is negative"))
			.isEqualTo(RunReportReader.kind("quantity '17' is negative"))
			.isEqualTo("quantity '…' is negative");
		assertThat(RunReportReader.kind("order 1234 of line 99 never arrived"))
			.isEqualTo("order # of line # never arrived");
		assertThat(RunReportReader.kind("price is missing")).isNotEqualTo(RunReportReader.kind("quantity is missing"));
	}

}
