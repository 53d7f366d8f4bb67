package com.widgetsunlimited.etl.model;

/**
 * How a dimension keeps the history of one of its columns (docs/warehouse.md): configured
 * per column, as {@code etl.scd.<dimension>.<column>: type-2}, {@code type-1} or
 * {@code type-1-all-versions}.
 */
public enum ScdType {

	/** A change closes the current version and opens a new one, effective that day. */
	TYPE_2,
	/** A change overwrites the current version. */
	TYPE_1,
	/** A change overwrites every version of the member: a correction. */
	TYPE_1_ALL_VERSIONS

}
