package com.widgetsunlimited.etl.transform.scd;

import java.time.LocalDate;
import java.util.Map;

import com.widgetsunlimited.etl.model.ScdType;

/**
 * What a member's state of a business date does to its dimension, decided from its
 * current version alone (SCD types per column, docs/warehouse.md).
 */
public enum ScdDecision {

	/** Nothing changed. */
	NONE,
	/** A member the dimension does not have: its first version, effective that day. */
	FIRST_VERSION,
	/** An inferred member's real attributes arrived: completed in place, same key. */
	COMPLETE_INFERRED,
	/**
	 * A type 2 attribute changed: the current version closes the day before, a new one
	 * opens that day.
	 */
	NEW_VERSION,
	/**
	 * A type 2 attribute changed again on the day the current version opened (or a rerun
	 * saw a state the current version does not hold): that version is overwritten, so a
	 * day has at most one version.
	 */
	OVERWRITE_VERSION,
	/** Only type 1 attributes changed: the current version is overwritten. */
	OVERWRITE_TYPE_1;

	/** The decision for {@code state} on {@code date}, given the current version. */
	public static ScdDecision decide(Dimension dimension, Map<String, Object> state, Version current, LocalDate date) {
		if (current == null) {
			return FIRST_VERSION;
		}
		if (current.inferred()) {
			return COMPLETE_INFERRED;
		}
		var type2 = dimension.attributes(ScdType.TYPE_2);
		if (!Dimension.sameValues(type2, state, current.values())) {
			return current.effectiveDate().isBefore(date) ? NEW_VERSION : OVERWRITE_VERSION;
		}
		var type1 = dimension.attributes(ScdType.TYPE_1, ScdType.TYPE_1_ALL_VERSIONS);
		if (!Dimension.sameValues(type1, state, current.values())) {
			return OVERWRITE_TYPE_1;
		}
		return NONE;
	}

}
