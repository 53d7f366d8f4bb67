package com.widgetsunlimited.etl.transform.date;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Every date from {@code from} to {@code to}, inclusive. Restartable: its position is the
 * item count that the base class keeps in the step's execution context.
 */
public class DateRangeItemReader extends AbstractItemCountingItemStreamItemReader<LocalDate> {

	private final LocalDate from;

	public DateRangeItemReader(LocalDate from, LocalDate to) {
		this.from = from;
		setName("dateRangeReader");
		setMaxItemCount(Math.toIntExact(ChronoUnit.DAYS.between(from, to) + 1));
	}

	@Override
	protected LocalDate doRead() {
		// the base class counts the items and stops at the max item count
		return this.from.plusDays(getCurrentItemCount() - 1L);
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// positions are computed from the count; nothing to skip over
	}

	@Override
	protected void doOpen() {
	}

	@Override
	protected void doClose() {
	}

}
