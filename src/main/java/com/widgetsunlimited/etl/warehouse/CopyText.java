package com.widgetsunlimited.etl.warehouse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's {@code COPY} text format, encoded as UTF-8 straight into a
 * reusable byte buffer that {@link BulkWrite} hands to the driver a few tens of kilobytes
 * at a time. Building the chunk's text as a {@code String} first (then read back through
 * a {@code Reader} and encoded by the driver) held three copies of it and allocated about
 * a third of the raw layer's garbage.
 */
final class CopyText {

	private byte[] bytes;

	private int length;

	CopyText(int capacity) {
		this.bytes = new byte[capacity];
	}

	int length() {
		return this.length;
	}

	byte[] bytes() {
		return this.bytes;
	}

	void clear() {
		this.length = 0;
	}

	/** An ASCII character, written as is. */
	CopyText append(char ascii) {
		ensure(1);
		this.bytes[this.length++] = (byte) ascii;
		return this;
	}

	/** ASCII text, written as is. */
	CopyText appendAscii(String ascii) {
		ensure(ascii.length());
		for (int i = 0; i < ascii.length(); i++) {
			this.bytes[this.length++] = (byte) ascii.charAt(i);
		}
		return this;
	}

	/** A whole number in decimal digits. */
	CopyText append(long value) {
		if (value == Long.MIN_VALUE) {
			return appendAscii(Long.toString(value));
		}
		ensure(20);
		if (value < 0) {
			this.bytes[this.length++] = '-';
			value = -value;
		}
		int digits = 1;
		for (long rest = value / 10; rest != 0; rest /= 10) {
			digits++;
		}
		int position = this.length + digits;
		do {
			this.bytes[--position] = (byte) ('0' + value % 10);
			value /= 10;
		}
		while (value != 0);
		this.length += digits;
		return this;
	}

	/**
	 * Text as UTF-8, with what {@code COPY} would read as a separator or an escape
	 * ({@code \}, tab, newline, carriage return) escaped.
	 */
	@SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for
										// ASCII
	CopyText appendEscaped(String text) {
		int count = text.length();
		if (isPlainAscii(text)) {
			// most values: copied in bulk, each char is its byte
			ensure(count);
			text.getBytes(0, count, this.bytes, this.length);
			this.length += count;
			return this;
		}
		for (int i = 0; i < count; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// not ASCII: the rest goes through the JDK's encoder; the escaped
				// characters are ASCII, and UTF-8 never uses ASCII bytes inside a
				// multi-byte character, so escaping the encoded bytes is exact
				appendEscapedBytes(text.substring(i).getBytes(StandardCharsets.UTF_8));
				return this;
			}
			appendEscapedByte((byte) c);
		}
		return this;
	}

	/** ASCII without a character that COPY text escapes. */
	private static boolean isPlainAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return false;
			}
		}
		return true;
	}

	private void appendEscapedBytes(byte[] encoded) {
		for (byte b : encoded) {
			appendEscapedByte(b);
		}
	}

	private void appendEscapedByte(byte b) {
		switch (b) {
			case '\\' -> appendPair('\\');
			case '\t' -> appendPair('t');
			case '\n' -> appendPair('n');
			case '\r' -> appendPair('r');
			default -> {
				ensure(1);
				this.bytes[this.length++] = b;
			}
		}
	}

	private void appendPair(char escaped) {
		ensure(2);
		this.bytes[this.length++] = '\\';
		this.bytes[this.length++] = (byte) escaped;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

	@Override
	public String toString() {
		return new String(this.bytes, 0, this.length, StandardCharsets.UTF_8);
	}

}
