package com.widgetsunlimited.etl.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A business day as a window of time: from its first instant (UTC), to the next day's
 * first.
 */
public record BusinessDay(LocalDate date) {

	public Instant start() {
		return this.date.atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	public Instant end() {
		return this.date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	public boolean contains(Instant instant) {
		return !instant.isBefore(start()) && instant.isBefore(end());
	}

}
