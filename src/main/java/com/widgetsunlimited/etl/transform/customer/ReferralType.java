package com.widgetsunlimited.etl.transform.customer;

import java.util.Locale;

/**
 * How a customer came to the e-commerce site, decoded from the one- or two-letter code
 * the site records.
 */
public final class ReferralType {

	/** The referral type of a customer who was not referred. */
	public static final String NONE = "None";

	/** The referral type of a code the site does not document. */
	public static final String UNKNOWN = "Unknown";

	private ReferralType() {
	}

	/**
	 * The referral type of a code, read trimmed and in any case: {@code OA} is
	 * {@code Online Advertising}, {@code AM} is {@code Affiliate Marketing}, no code is
	 * {@code None} and any other code is {@code Unknown}.
	 * @param code the code as recorded, or {@code null}
	 * @return the referral type, never {@code null}
	 */
	public static String decode(String code) {
		if (code == null || code.isBlank()) {
			return NONE;
		}
		return switch (code.strip().toUpperCase(Locale.ROOT)) {
			case "OA" -> "Online Advertising";
			case "AM" -> "Affiliate Marketing";
			default -> UNKNOWN;
		};
	}

}
