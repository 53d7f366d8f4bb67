package com.widgetsunlimited.etl.model;

import java.util.Locale;

/** The three operational systems the pipeline reads (docs/sources.md). */
public enum Source {

	/** The inventory system's daily CSV drop. */
	INVENTORY,
	/** The e-commerce system's change events on Kafka. */
	ECOMMERCE,
	/** The in-store PostgreSQL database. */
	INSTORE;

	/** The name used in staging paths and reject rows: {@code inventory}, ... */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
