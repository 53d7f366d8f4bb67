package com.widgetsunlimited.etl.warehouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a raw source payload safe to keep (in {@code etl_reject}, in messages): every run
 * of 13 to 19 digits that may be a payment card number is reduced to its last four
 * digits, every JSON {@code password} value is removed, a payload longer than
 * {@link #MAX_LENGTH} is cut (and says by how much), and NUL characters, which PostgreSQL
 * cannot store, become U+FFFD. Applied to text that could not be parsed, so it works on
 * the text itself rather than on columns.
 */
public final class PayloadMasking {

	private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");

	private static final Pattern PASSWORD = Pattern.compile("(\"password\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|null)",
			Pattern.CASE_INSENSITIVE);

	/** The longest payload kept; a longer one is cut, and says so. */
	public static final int MAX_LENGTH = 64 * 1024;

	/** Characters beyond the cut that are masked too, since the cut may split a match. */
	private static final int MARGIN = 1024;

	private PayloadMasking() {
	}

	public static String mask(String payload) {
		if (payload == null) {
			return null;
		}
		// masked before it is cut, so that a cut cannot leave the first digits of a
		// card number or a password's key behind; the margin covers a card number or a
		// password that straddles the cut
		String text = (payload.length() > MAX_LENGTH + MARGIN) ? payload.substring(0, MAX_LENGTH + MARGIN) : payload;
		text = PASSWORD.matcher(text).replaceAll("$1\"******\"");
		Matcher card = CARD.matcher(text);
		StringBuilder masked = new StringBuilder();
		while (card.find()) {
			String digits = card.group().replaceAll("[^0-9]", "");
			card.appendReplacement(masked, "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4));
		}
		card.appendTail(masked);
		if (payload.length() > MAX_LENGTH) {
			int cut = Character.isHighSurrogate(masked.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
			masked.setLength(cut);
			masked.append("... [").append(payload.length() - cut).append(" more characters]");
		}
		// PostgreSQL text cannot hold U+0000
		return masked.toString().replace('\u0000', '\uFFFD');
	}

}
