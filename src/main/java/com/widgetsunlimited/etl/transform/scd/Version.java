package com.widgetsunlimited.etl.transform.scd;

import java.time.LocalDate;
import java.util.Map;

/**
 * One stored version of a dimension member.
 *
 * @param key its surrogate key
 * @param naturalKey the member's source key
 * @param effectiveDate the first day it describes the member
 * @param expirationDate the last day ({@link Dimension#END_OF_TIME} while current)
 * @param inferred whether it is an inferred member, waiting for its real attributes
 * @param values its attribute values
 * @param completedDate the business date an inferred member got its real attributes, if
 * it was one
 */
public record Version(long key, long naturalKey, LocalDate effectiveDate, LocalDate expirationDate, boolean inferred,
		Map<String, Object> values, LocalDate completedDate) {

	/** Whether it describes the member on {@code date}. */
	public boolean covers(LocalDate date) {
		return !date.isBefore(this.effectiveDate) && !date.isAfter(this.expirationDate);
	}

}
