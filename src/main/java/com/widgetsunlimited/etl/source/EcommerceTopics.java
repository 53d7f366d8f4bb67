package com.widgetsunlimited.etl.source;

import com.widgetsunlimited.etl.model.Entity;

/**
 * The e-commerce system's change events (docs/sources.md): one topic per entity
 * ({@code ecommerce.customer}, ...), keyed by the row's primary key, each value a change
 * event in Debezium's JSON envelope.
 */
public final class EcommerceTopics {

	private EcommerceTopics() {
	}

	/** The topic of an e-commerce entity. */
	public static String topic(Entity entity) {
		return "ecommerce." + entity.id();
	}

}
