package com.widgetsunlimited.etl.model;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The logical type of a source column, and the Java type its values have in a
 * {@link Row}.
 */
public enum ColumnType {

	LONG(Long.class, Types.BIGINT), INTEGER(Integer.class, Types.INTEGER), DECIMAL(BigDecimal.class, Types.NUMERIC),
	STRING(String.class, Types.VARCHAR), DATE(LocalDate.class, Types.DATE),
	/** A point in time, UTC. */
	TIMESTAMP(Instant.class, Types.TIMESTAMP), BOOLEAN(Boolean.class, Types.BOOLEAN);

	private final Class<?> javaType;

	private final int sqlType;

	ColumnType(Class<?> javaType, int sqlType) {
		this.javaType = javaType;
		this.sqlType = sqlType;
	}

	/** The {@link Types} code of its SQL columns. */
	public int sqlType() {
		return this.sqlType;
	}

	public Class<?> javaType() {
		return this.javaType;
	}

}
