package com.widgetsunlimited.etl.transform;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tidies free text typed by people (names, categories, brands) and codes typed in any
 * case, so that the same value is stored the same way whichever source it came from.
 */
public final class Cleaning {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private Cleaning() {
	}

	/**
	 * A text value as the warehouse stores it: trimmed, each run of whitespace inside it
	 * made one space, and blank made {@code null}. A value typed all in upper case or all
	 * in lower case is put in title case ({@code MARY-JANE O'BRIEN} is
	 * {@code Mary-Jane O'Brien}); a value in mixed case ({@code McDonald},
	 * {@code iPhone Accessories}) is kept as typed. A letter is capitalised at the start
	 * of each word, after a hyphen, and after the apostrophe of a one-letter prefix such
	 * as {@code O'} or {@code D'}, but not after the apostrophe of {@code 's} or
	 * {@code n't} ({@code JOE'S} is {@code Joe's}).
	 * @param value the value as typed, or {@code null}
	 * @return the cleaned value, or {@code null} when there is nothing in it
	 */
	public static String text(String value) {
		if (value == null) {
			return null;
		}
		String collapsed = WHITESPACE.matcher(value).replaceAll(" ").strip();
		if (collapsed.isEmpty()) {
			return null;
		}
		return isSingleCase(collapsed) ? titleCase(collapsed) : collapsed;
	}

	/**
	 * A code as the warehouse stores it: trimmed and in upper case, blank made
	 * {@code null}.
	 * @param value the code as typed, or {@code null}
	 * @return the cleaned code, or {@code null} when there is nothing in it
	 */
	public static String upperCode(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed.toUpperCase(Locale.ROOT);
	}

	private static boolean isSingleCase(String value) {
		boolean hasLetter = false;
		boolean allUpper = true;
		boolean allLower = true;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isLetter(c)) {
				hasLetter = true;
				allUpper &= Character.isUpperCase(c);
				allLower &= Character.isLowerCase(c);
			}
		}
		return hasLetter && (allUpper || allLower);
	}

	private static String titleCase(String value) {
		StringBuilder result = new StringBuilder(value.length());
		boolean capitaliseNext = true;
		int lettersInWord = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isLetter(c)) {
				result.append(capitaliseNext ? Character.toUpperCase(c) : Character.toLowerCase(c));
				capitaliseNext = false;
				lettersInWord++;
				continue;
			}
			result.append(c);
			if (c == ' ' || c == '-') {
				capitaliseNext = true;
				lettersInWord = 0;
			}
			else if (isApostrophe(c)) {
				capitaliseNext = lettersInWord == 1;
				lettersInWord = 0;
			}
		}
		return result.toString();
	}

	private static boolean isApostrophe(char c) {
		return c == '\'' || c == '\u2019';
	}

}
