package com.widgetsunlimited.etl.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The logical type of a source column, and the Java type its values have in a
 * {@link Row}.
 */
public enum ColumnType {

	LONG(Long.class), INTEGER(Integer.class), DECIMAL(BigDecimal.class), STRING(String.class), DATE(LocalDate.class),
	/** A point in time, UTC. */
	TIMESTAMP(Instant.class), BOOLEAN(Boolean.class);

	private final Class<?> javaType;

	ColumnType(Class<?> javaType) {
		this.javaType = javaType;
	}

	public Class<?> javaType() {
		return this.javaType;
	}

}
