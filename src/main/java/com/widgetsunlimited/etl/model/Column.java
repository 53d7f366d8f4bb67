package com.widgetsunlimited.etl.model;

/**
 * One column of a source entity.
 *
 * @param name the column's name in every source format
 * @param type its logical type
 * @param nullable whether a row may lack it
 * @param mutable whether a business change may touch it (never the key or inserted_at)
 * @param sensitive whether it holds a secret (password) or a card number, which never
 * reach staging in the clear
 * @param defaultValue the value a new row gets when its creator sets none, or
 * {@code null}
 */
public record Column(String name, ColumnType type, boolean nullable, boolean mutable, boolean sensitive,
		Object defaultValue) {

	static Column key(String name) {
		return new Column(name, ColumnType.LONG, false, false, false, null);
	}

	static Column required(String name, ColumnType type) {
		return new Column(name, type, false, true, false, null);
	}

	static Column optional(String name, ColumnType type) {
		return new Column(name, type, true, true, false, null);
	}

	static Column secret(String name) {
		return new Column(name, ColumnType.STRING, true, true, true, null);
	}

	/** A column that is set once, when the row is created. */
	Column immutable() {
		return new Column(this.name, this.type, this.nullable, false, this.sensitive, this.defaultValue);
	}

	/** A column whose new rows get {@code value} unless their creator sets another. */
	Column defaultsTo(Object value) {
		return new Column(this.name, this.type, this.nullable, this.mutable, this.sensitive, value);
	}

}
