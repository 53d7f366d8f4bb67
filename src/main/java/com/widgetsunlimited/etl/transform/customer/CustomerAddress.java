package com.widgetsunlimited.etl.transform.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.widgetsunlimited.etl.model.UsStates;

/**
 * A customer's billing or shipping address, split into the columns of
 * {@code customer_dim}: the name on it, the street, the city, the USPS state code and the
 * five-digit ZIP code.
 *
 * @param name the name the address is for
 * @param street the street lines, joined with {@code ", "} when there are several
 * @param city the city
 * @param state the two-letter USPS state code, {@code null} only in
 * {@link #NOT_AVAILABLE}
 * @param zip the five-digit ZIP code, {@code null} only in {@link #NOT_AVAILABLE}
 */
public record CustomerAddress(String name, String street, String city, String state, String zip) {

	/**
	 * The address of a customer who has none of that type: {@code N/A} for the name,
	 * street and city, and {@code null} for the state and ZIP, whose columns are only two
	 * and five characters wide.
	 */
	public static final CustomerAddress NOT_AVAILABLE = new CustomerAddress("N/A", "N/A", "N/A", null, null);

	private static final Pattern LINE_BREAK = Pattern.compile("\\R");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private static final Pattern ZIP = Pattern.compile("(\\d{5})(-\\d{4})?");

	/**
	 * Splits the one-string address the e-commerce site records:
	 * {@code Name\nStreet\nCity, ST 12345}. Lines may end in {@code \r\n} and carry stray
	 * spaces; the comma may have no space after it; the state may be a USPS code or a
	 * state name in any case; the ZIP may be ZIP+4, of which the first five digits are
	 * kept. Lines between the first and the last are the street, joined with
	 * {@code ", "}. In the last line the city is everything before the last comma; after
	 * it, the ZIP is the last word and the state is what is between.
	 * @param address the address as recorded
	 * @return the address split into its parts
	 * @throws IllegalArgumentException if the address does not have that shape; the
	 * message names the problem and the part at fault, never the whole address
	 */
	public static CustomerAddress parse(String address) {
		if (address == null || address.isBlank()) {
			throw new IllegalArgumentException("address: empty");
		}
		List<String> lines = new ArrayList<>();
		for (String line : LINE_BREAK.split(address)) {
			String collapsed = collapse(line);
			if (!collapsed.isEmpty()) {
				lines.add(collapsed);
			}
		}
		if (lines.size() < 3) {
			throw new IllegalArgumentException(
					"address: expected at least 3 lines (name, street, city/state/ZIP), found " + lines.size());
		}
		String name = lines.get(0);
		String street = String.join(", ", lines.subList(1, lines.size() - 1));
		String last = lines.get(lines.size() - 1);
		int comma = last.lastIndexOf(',');
		if (comma < 0) {
			throw new IllegalArgumentException("address: no comma between city and state in the last line");
		}
		String city = last.substring(0, comma).strip();
		if (city.isEmpty()) {
			throw new IllegalArgumentException("address: no city before the comma");
		}
		String stateAndZip = last.substring(comma + 1).strip();
		int space = stateAndZip.lastIndexOf(' ');
		if (space < 0) {
			throw new IllegalArgumentException(
					"address: expected a state and a ZIP after the comma, found '" + stateAndZip + "'");
		}
		String stateText = stateAndZip.substring(0, space);
		String state = UsStates.code(stateText)
			.orElseThrow(() -> new IllegalArgumentException("address: unknown state '" + stateText + "'"));
		String zipText = stateAndZip.substring(space + 1);
		var zip = ZIP.matcher(zipText);
		if (!zip.matches()) {
			throw new IllegalArgumentException("address: ZIP '" + zipText + "' is not 5 digits or ZIP+4");
		}
		return new CustomerAddress(name, street, city, state, zip.group(1));
	}

	private static String collapse(String value) {
		return WHITESPACE.matcher(value).replaceAll(" ").strip();
	}

}
