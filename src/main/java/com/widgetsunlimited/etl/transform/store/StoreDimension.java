package com.widgetsunlimited.etl.transform.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.model.ScdType;
import com.widgetsunlimited.etl.model.UsStates;
import com.widgetsunlimited.etl.transform.Cleaning;
import com.widgetsunlimited.etl.transform.RawRows;
import com.widgetsunlimited.etl.transform.scd.Attribute;
import com.widgetsunlimited.etl.transform.scd.Attribute.Kind;
import com.widgetsunlimited.etl.transform.scd.Dimension;
import com.widgetsunlimited.etl.transform.scd.Member;

/**
 * {@code store_dim}: an in-store branch with its location, standardized (USPS state code,
 * five-digit ZIP). The location keeps its history (type 2); name, manager and the rest
 * are overwritten. The web shop is the one member of channel {@code ONLINE}, store id
 * {@value #ONLINE_STORE_ID}, created with the schema.
 */
public final class StoreDimension {

	/** The natural key of the member that stands for the web shop. */
	public static final long ONLINE_STORE_ID = -1;

	/** The default history of each attribute. */
	public static final Dimension DEFAULT = new Dimension("store_dim", "store_key", "store_id", List.of(
			new Attribute("name", Kind.TEXT, ScdType.TYPE_1), new Attribute("channel", Kind.TEXT, ScdType.TYPE_1),
			new Attribute("manager_name", Kind.TEXT, ScdType.TYPE_1),
			new Attribute("number_of_employees", Kind.NUMBER, ScdType.TYPE_1),
			new Attribute("opened_date", Kind.DATE, ScdType.TYPE_1),
			new Attribute("closed_date", Kind.DATE, ScdType.TYPE_1),
			new Attribute("street_address", Kind.TEXT, ScdType.TYPE_2),
			new Attribute("city", Kind.TEXT, ScdType.TYPE_2), new Attribute("state", Kind.TEXT, ScdType.TYPE_2),
			new Attribute("zip", Kind.TEXT, ScdType.TYPE_2), new Attribute("sq_footage", Kind.NUMBER, ScdType.TYPE_2)),
			Map.of("name", "Unknown", "channel", "STORE", "manager_name", "Unknown"));

	/**
	 * The current state of every store that changed on the business date (the first
	 * {@code ?}), or whose location did (the second), with its newest location.
	 */
	public static final String CHANGED_STORES = """
			SELECT st.store_id, st.name, st.manager_name, st.number_of_employees, st.opened_date, st.closed_date,
			       l.street_address, l.city, l.state, l.zip_code, l.sq_footage, st.inserted_at
			FROM raw_instore_store st
			LEFT JOIN raw_instore_store_location l ON l.store_location_id = (
			    SELECT MAX(x.store_location_id) FROM raw_instore_store_location x
			    WHERE x.store_id = st.store_id AND x.is_deleted = FALSE)
			WHERE st.business_date = ?
			   OR st.store_id IN (SELECT store_id FROM raw_instore_store_location WHERE business_date = ?)
			ORDER BY st.store_id""";

	private StoreDimension() {
	}

	/** A store's member state from a row of {@link #CHANGED_STORES}. */
	public static Member member(ResultSet rs, int row) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", Cleaning.text(RawRows.text(rs, "name")));
		values.put("channel", "STORE");
		values.put("manager_name", Cleaning.text(RawRows.text(rs, "manager_name")));
		values.put("number_of_employees", RawRows.number(rs, "number_of_employees"));
		values.put("opened_date", RawRows.date(rs, "opened_date"));
		values.put("closed_date", RawRows.date(rs, "closed_date"));
		String street = RawRows.text(rs, "street_address");
		values.put("street_address", (street != null) ? street.strip().replaceAll("\\s+", " ") : null);
		values.put("city", Cleaning.text(RawRows.text(rs, "city")));
		values.put("state", UsStates.code(RawRows.text(rs, "state")).orElse(null));
		values.put("zip", zip(RawRows.text(rs, "zip_code")));
		values.put("sq_footage", RawRows.number(rs, "sq_footage"));
		return new Member(rs.getLong("store_id"), values, RawRows.day(rs, "inserted_at"));
	}

	/** The five-digit ZIP code of a ZIP or ZIP+4, {@code null} if it is neither. */
	static String zip(String zip) {
		if (zip == null) {
			return null;
		}
		String trimmed = zip.strip();
		return trimmed.matches("\\d{5}(-\\d{4})?") ? trimmed.substring(0, 5) : null;
	}

}
