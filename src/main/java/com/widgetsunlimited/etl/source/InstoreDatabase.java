package com.widgetsunlimited.etl.source;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.model.Entity;

/**
 * The in-store system's database (docs/sources.md): the tables {@code instore.store},
 * {@code instore.store_location} and {@code instore.store_sales}, with timestamps stored
 * as UTC wall-clock values.
 *
 * @param dataSource the connections to it
 */
public record InstoreDatabase(DataSource dataSource) {

	/** The schema every in-store table lives in. */
	public static final String SCHEMA = "instore";

	/** The qualified table of an in-store entity. */
	public static String table(Entity entity) {
		return SCHEMA + "." + entity.id();
	}

}
