package com.widgetsunlimited.etl.transform.raw;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawLayerWriterTests {

	@Test
	void anInstant_isItsUtcWallClockTime_toTheNanosecond() {
		List<Instant> edges = List.of(Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.parse("2024-01-01T00:00:00Z"),
				Instant.parse("2023-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:34:56.000001Z"),
				Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
				Instant.parse("1969-12-31T23:59:59.5Z"));
		for (Instant instant : edges) {
			assertThat(RawLayerWriter.jdbcValue(instant)).as(instant.toString())
				.isEqualTo(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
		}
		Random random = new Random(20240101);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
					random.nextInt(1_000_000_000));
			assertThat(RawLayerWriter.jdbcValue(instant)).as(instant.toString())
				.isEqualTo(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
		}
	}

	@Test
	void otherValues_areStoredAsTheyAre() {
		LocalDate date = LocalDate.of(2024, 1, 2);
		BigDecimal amount = new BigDecimal("12.34");

		assertThat(RawLayerWriter.jdbcValue(date)).isSameAs(date);
		assertThat(RawLayerWriter.jdbcValue(amount)).isSameAs(amount);
		assertThat(RawLayerWriter.jdbcValue(null)).isNull();
	}

}
