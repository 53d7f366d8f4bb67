package com.widgetsunlimited.etl.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The USPS codes of the 50 states and DC, and their names: both shapes the sources use.
 */
public final class UsStates {

	private static final Map<String, String> NAME_BY_CODE;

	private static final Map<String, String> CODE_BY_NAME = new LinkedHashMap<>();

	static {
		String[][] states = { { "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" }, { "AR", "Arkansas" },
				{ "CA", "California" }, { "CO", "Colorado" }, { "CT", "Connecticut" }, { "DE", "Delaware" },
				{ "DC", "District of Columbia" }, { "FL", "Florida" }, { "GA", "Georgia" }, { "HI", "Hawaii" },
				{ "ID", "Idaho" }, { "IL", "Illinois" }, { "IN", "Indiana" }, { "IA", "Iowa" }, { "KS", "Kansas" },
				{ "KY", "Kentucky" }, { "LA", "Louisiana" }, { "ME", "Maine" }, { "MD", "Maryland" },
				{ "MA", "Massachusetts" }, { "MI", "Michigan" }, { "MN", "Minnesota" }, { "MS", "Mississippi" },
				{ "MO", "Missouri" }, { "MT", "Montana" }, { "NE", "Nebraska" }, { "NV", "Nevada" },
				{ "NH", "New Hampshire" }, { "NJ", "New Jersey" }, { "NM", "New Mexico" }, { "NY", "New York" },
				{ "NC", "North Carolina" }, { "ND", "North Dakota" }, { "OH", "Ohio" }, { "OK", "Oklahoma" },
				{ "OR", "Oregon" }, { "PA", "Pennsylvania" }, { "RI", "Rhode Island" }, { "SC", "South Carolina" },
				{ "SD", "South Dakota" }, { "TN", "Tennessee" }, { "TX", "Texas" }, { "UT", "Utah" },
				{ "VT", "Vermont" }, { "VA", "Virginia" }, { "WA", "Washington" }, { "WV", "West Virginia" },
				{ "WI", "Wisconsin" }, { "WY", "Wyoming" } };
		Map<String, String> byCode = new LinkedHashMap<>();
		for (String[] state : states) {
			byCode.put(state[0], state[1]);
			CODE_BY_NAME.put(state[1].toLowerCase(Locale.ROOT), state[0]);
		}
		NAME_BY_CODE = Collections.unmodifiableMap(byCode);
	}

	private UsStates() {
	}

	/** Every USPS code, in a fixed order. */
	public static List<String> codes() {
		return List.copyOf(NAME_BY_CODE.keySet());
	}

	/** The name of a USPS code: {@code NY} is {@code New York}. */
	public static String name(String code) {
		String name = NAME_BY_CODE.get(code.toUpperCase(Locale.ROOT));
		if (name == null) {
			throw new IllegalArgumentException("not a USPS state code: " + code);
		}
		return name;
	}

	/**
	 * The USPS code of a state given as a code or a name in any case and spacing:
	 * {@code ny}, {@code New York}, {@code NEW  YORK}.
	 */
	public static Optional<String> code(String codeOrName) {
		if (codeOrName == null) {
			return Optional.empty();
		}
		String cleaned = codeOrName.trim().replaceAll("\\s+", " ");
		String upper = cleaned.toUpperCase(Locale.ROOT);
		if (NAME_BY_CODE.containsKey(upper)) {
			return Optional.of(upper);
		}
		return Optional.ofNullable(CODE_BY_NAME.get(cleaned.toLowerCase(Locale.ROOT)));
	}

}
