package com.widgetsunlimited.etl.cli;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTests {

	@Test
	void inATurkishLocale_identifiersUpperCaseAsInEnglish_whileNumbersKeepTheUsersFormat() {
		Locale before = Locale.getDefault();
		Locale turkish = Locale.forLanguageTag("tr-TR");
		try {
			// given: a machine whose default locale is Turkish
			Locale.setDefault(turkish);
			assertThat("classic".toUpperCase()).isEqualTo("CLASS\u0130C");

			// when
			Launcher.keepCaseMappingOutOfTheLocale();

			// then: Kafka's "classic" group type is found again; numbers read as before
			assertThat("classic".toUpperCase()).isEqualTo("CLASSIC");
			assertThat(String.format("%,.2f", 1234.5)).isEqualTo("1.234,50");
			assertThat(Locale.getDefault(Locale.Category.DISPLAY)).isEqualTo(turkish);
		}
		finally {
			Locale.setDefault(before);
		}
	}

}
