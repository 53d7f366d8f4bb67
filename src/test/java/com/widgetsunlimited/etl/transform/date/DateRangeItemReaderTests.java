package com.widgetsunlimited.etl.transform.date;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class DateRangeItemReaderTests {

	@Test
	void readsEveryDateOfTheRangeInclusive() throws Exception {
		// given
		DateRangeItemReader reader = new DateRangeItemReader(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 1));
		reader.open(new ExecutionContext());

		// when
		List<LocalDate> dates = readAll(reader);

		// then
		assertThat(dates).containsExactly(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 2, 28),
				LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1));
	}

	@Test
	void restart_continuesAfterTheLastCommittedItem() throws Exception {
		// given: a reader that read two dates and saved its state, as at a chunk commit
		ExecutionContext context = new ExecutionContext();
		DateRangeItemReader first = new DateRangeItemReader(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 5));
		first.open(context);
		first.read();
		first.read();
		first.update(context);
		first.close();

		// when: a new reader opens on that state
		DateRangeItemReader restarted = new DateRangeItemReader(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 5));
		restarted.open(context);

		// then
		assertThat(readAll(restarted)).containsExactly(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4),
				LocalDate.of(2024, 1, 5));
	}

	private static List<LocalDate> readAll(DateRangeItemReader reader) throws Exception {
		List<LocalDate> dates = new ArrayList<>();
		for (LocalDate date = reader.read(); date != null; date = reader.read()) {
			dates.add(date);
		}
		return dates;
	}

}
