package com.widgetsunlimited.etl.transform.scd;

import java.time.LocalDate;
import java.util.Map;

/**
 * A dimension member's state as the sources tell it on a business date: its natural key,
 * a value for each attribute of its dimension, and the day it came into being at its
 * source, if known.
 *
 * @param naturalKey its source key
 * @param values its attribute values
 * @param since the UTC date the source created it ({@code inserted_at}), or {@code null}
 */
public record Member(long naturalKey, Map<String, Object> values, LocalDate since) {

	public Member(long naturalKey, Map<String, Object> values) {
		this(naturalKey, values, null);
	}

	/**
	 * The effective date of its first version, loaded on {@code businessDate}: the day it
	 * came into being at the source where that is earlier (a member that arrives late
	 * describes the sales of the days before its arrival too), else the business date.
	 */
	public LocalDate firstEffectiveDate(LocalDate businessDate) {
		return (this.since != null && this.since.isBefore(businessDate)) ? this.since : businessDate;
	}

}
