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
 * @param maxLength for a text that reaches a star-schema column as it is, that column's
 * width in characters (a longer value is rejected at ingestion, not left to fail the
 * load); 0 for no limit
 */
public record Column(String name, ColumnType type, boolean nullable, boolean mutable, Sensitivity sensitivity,
		Object defaultValue, int maxLength) {

	Column(String name, ColumnType type, boolean nullable, boolean mutable, Sensitivity sensitivity,
			Object defaultValue) {
		this(name, type, nullable, mutable, sensitivity, defaultValue, 0);
	}

	static Column key(String name) {
		return new Column(name, ColumnType.LONG, false, false, Sensitivity.NONE, null);
	}

	static Column required(String name, ColumnType type) {
		return new Column(name, type, false, true, Sensitivity.NONE, null);
	}

	static Column optional(String name, ColumnType type) {
		return new Column(name, type, true, true, Sensitivity.NONE, null);
	}

	static Column secret(String name) {
		return new Column(name, ColumnType.STRING, true, true, Sensitivity.SECRET, null);
	}

	static Column cardNumber(String name) {
		return new Column(name, ColumnType.STRING, true, true, Sensitivity.CARD_NUMBER, null);
	}

	/**
	 * Whether it holds a secret or a card number, which never leave the source in the
	 * clear.
	 */
	public boolean sensitive() {
		return this.sensitivity != Sensitivity.NONE;
	}

	/** A column that is set once, when the row is created. */
	Column immutable() {
		return new Column(this.name, this.type, this.nullable, false, this.sensitivity, this.defaultValue,
				this.maxLength);
	}

	/** A column whose new rows get {@code value} unless their creator sets another. */
	Column defaultsTo(Object value) {
		return new Column(this.name, this.type, this.nullable, this.mutable, this.sensitivity, value, this.maxLength);
	}

	/**
	 * A text column whose values reach a star-schema column of {@code length} characters.
	 */
	Column atMost(int length) {
		return new Column(this.name, this.type, this.nullable, this.mutable, this.sensitivity, this.defaultValue,
				length);
	}

	/** What a column's values must never be, outside the source system. */
	public enum Sensitivity {

		/** An ordinary value. */
		NONE,
		/** A secret (a password): dropped before anything is staged. */
		SECRET,
		/** A payment card number: only its last four digits are staged. */
		CARD_NUMBER

	}

}
