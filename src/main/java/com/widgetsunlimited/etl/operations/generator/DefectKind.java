package com.widgetsunlimited.etl.operations.generator;

import java.util.Locale;

/**
 * The kinds of dirt the real systems put in their data (docs/sources.md), each injected
 * at its own configurable rate. Some are shapes the pipeline must clean, some are defects
 * it must reject.
 */
public enum DefectKind {

	/** An e-commerce address with the full state name instead of the USPS code. */
	STATE_NAME_SPELLED_OUT(0.10),
	/** A ZIP+4 code instead of five digits. */
	ZIP_PLUS_FOUR(0.10),
	/** An e-commerce address without a space after the city's comma. */
	NO_SPACE_AFTER_COMMA(0.05),
	/** An in-store state name in odd case ({@code new york}, {@code NEW YORK}). */
	STATE_NAME_CASE(0.30),
	/** A referral code that is none of OA, AM or blank. */
	UNKNOWN_REFERRAL_CODE(0.02),
	/** Leading or trailing blanks, or odd case, in a name, category or brand. */
	STRAY_WHITESPACE_OR_CASE(0.05),
	/** A Kafka event delivered twice. */
	DUPLICATE_EVENT(0.02),
	/** An order (with its lines) executed the day before, arriving today. */
	LATE_EVENT(0.01),
	/** A sale of a product the inventory feed announces only the next day. */
	UNANNOUNCED_PRODUCT(0.005),
	/** A CSV line with a field missing. */
	CSV_WRONG_FIELD_COUNT(0.002),
	/** A CSV line whose quantity or number is not numeric. */
	CSV_NON_NUMERIC(0.002),
	/** A Kafka value that is not JSON. */
	KAFKA_NOT_JSON(0.002),
	/** A Kafka change event without its {@code after} row's key. */
	KAFKA_MISSING_FIELD(0.002),
	/** A store sale with quantity zero. */
	INSTORE_ZERO_QUANTITY(0.002),
	/** A store sale for a store that does not exist. */
	INSTORE_UNKNOWN_STORE(0.002);

	private final double defaultRate;

	DefectKind(double defaultRate) {
		this.defaultRate = defaultRate;
	}

	/** The share of eligible rows that get this defect unless configured otherwise. */
	public double defaultRate() {
		return this.defaultRate;
	}

	/** The configuration key: {@code etl.simulator.defects.state-name-spelled-out}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
