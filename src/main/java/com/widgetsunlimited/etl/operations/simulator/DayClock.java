package com.widgetsunlimited.etl.operations.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The simulated time of a business day: each call is a little later than the one before,
 * spread so that the day's expected number of changes fits in the day (UTC), never past
 * its last millisecond.
 */
final class DayClock implements Supplier<Instant> {

	private final long start;

	private final long end;

	private final long meanStep;

	private final Random random;

	private long now;

	DayClock(LocalDate date, long expectedChanges, Random random) {
		this.start = date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
		this.end = this.start + 86_400_000L - 1;
		// leave an hour at the start and the end of the day
		this.meanStep = Math.max(1, (86_400_000L - 2 * 3_600_000L) / Math.max(1, expectedChanges));
		this.random = random;
		this.now = this.start + 3_600_000L;
	}

	@Override
	public Instant get() {
		this.now = Math.min(this.end, this.now + 1 + (long) (this.random.nextDouble() * 2 * this.meanStep));
		return Instant.ofEpochMilli(this.now);
	}

}
