package com.widgetsunlimited.etl.transform.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.widgetsunlimited.etl.model.ScdType;
import com.widgetsunlimited.etl.transform.Cleaning;
import com.widgetsunlimited.etl.transform.RawRows;
import com.widgetsunlimited.etl.transform.scd.Attribute;
import com.widgetsunlimited.etl.transform.scd.Attribute.Kind;
import com.widgetsunlimited.etl.transform.scd.Dimension;
import com.widgetsunlimited.etl.transform.scd.Member;
import com.widgetsunlimited.etl.transform.scd.Version;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;

/**
 * {@code customer_dim}: an e-commerce customer with its billing and shipping addresses
 * parsed out of their one-string form. Preferred and active flags and the addresses keep
 * their history (type 2); sex and date of birth are corrections of every version; the
 * rest is overwritten. Anonymous store sales belong to the member of customer id
 * {@value #UNKNOWN_CUSTOMER_ID}, created with the schema.
 */
public final class CustomerDimension {

	/** The natural key of the "unknown customer" member. */
	public static final long UNKNOWN_CUSTOMER_ID = -1;

	private static final List<String> ADDRESS_PARTS = List.of("name", "street", "city", "state", "zip");

	/** The default history of each attribute. */
	public static final Dimension DEFAULT = new Dimension("customer_dim", "customer_key", "customer_id", attributes(),
			Map.of("name", "Unknown", "user_id", "Unknown", "email", "Unknown", "referral_type", "Unknown",
					"age_cohort", "Unknown"));

	/**
	 * The current state of every customer that changed on the business date (the first
	 * {@code ?}), or one of whose addresses did (the second), with its newest billing and
	 * shipping address: the one of each type with the highest id that is not deleted.
	 * Each newest address is joined as the dialect joins a latest row
	 * ({@link WarehouseDialect#latestRowJoin}).
	 * @param dialect the warehouse's
	 */
	public static String changedCustomers(WarehouseDialect dialect) {
		return """
				SELECT c.customer_id, c.name, c.user_id, c.email, c.referral_type, c.sex, c.date_of_birth,
				       c.loyalty_number, c.credit_card_number_last4, c.is_preferred, c.is_active, c.inserted_at,
				       c.updated_at, c.is_deleted, c.change_ts,
				       b.address AS billing_address, b.updated_at AS billing_updated_at,
				       s.address AS shipping_address, s.updated_at AS shipping_updated_at
				FROM raw_ecommerce_customer c
				%s
				%s
				WHERE c.business_date = ?
				   OR c.customer_id IN (SELECT customer_id FROM raw_ecommerce_customer_address WHERE business_date = ?)
				ORDER BY c.customer_id""".formatted(newestAddress(dialect, "b", "B"), newestAddress(dialect, "s", "S"));
	}

	/** The join of the customer's newest address of {@code type} as {@code alias}. */
	private static String newestAddress(WarehouseDialect dialect, String alias, String type) {
		return dialect.latestRowJoin("raw_ecommerce_customer_address", alias, "customer_address_id",
				List.of("address", "updated_at"),
				"x.customer_id = c.customer_id AND x.address_type = '" + type + "' AND x.is_deleted = FALSE");
	}

	private CustomerDimension() {
	}

	private static List<Attribute> attributes() {
		List<Attribute> attributes = new ArrayList<>(List.of(new Attribute("name", Kind.TEXT, ScdType.TYPE_1),
				new Attribute("user_id", Kind.TEXT, ScdType.TYPE_1), new Attribute("email", Kind.TEXT, ScdType.TYPE_1),
				new Attribute("referral_type", Kind.TEXT, ScdType.TYPE_1),
				new Attribute("sex", Kind.TEXT, ScdType.TYPE_1_ALL_VERSIONS),
				new Attribute("date_of_birth", Kind.DATE, ScdType.TYPE_1_ALL_VERSIONS),
				new Attribute("age_cohort", Kind.TEXT, ScdType.TYPE_1),
				new Attribute("loyalty_number", Kind.TEXT, ScdType.TYPE_1),
				new Attribute("card_last4", Kind.TEXT, ScdType.TYPE_1),
				new Attribute("is_preferred", Kind.BOOLEAN, ScdType.TYPE_2),
				new Attribute("is_active", Kind.BOOLEAN, ScdType.TYPE_2),
				new Attribute("activation_date", Kind.DATE, ScdType.TYPE_1),
				new Attribute("deactivation_date", Kind.DATE, ScdType.TYPE_1),
				new Attribute("start_date", Kind.DATE, ScdType.TYPE_1),
				new Attribute("last_update_date", Kind.DATE, ScdType.TYPE_1)));
		for (String type : List.of("billing", "shipping")) {
			ADDRESS_PARTS
				.forEach((part) -> attributes.add(new Attribute(type + "_" + part, Kind.TEXT, ScdType.TYPE_2)));
		}
		return List.copyOf(attributes);
	}

	/**
	 * A customer's state from a row of {@link #changedCustomers}, before {@link #refine}
	 * completes the dates that depend on its history. A customer the source deleted (an
	 * account closed) is inactive from the day of the deletion.
	 */
	public static Member member(ResultSet rs, int row) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		boolean deleted = Boolean.TRUE.equals(RawRows.bool(rs, "is_deleted"));
		Instant updatedAt = RawRows.instant(rs, "updated_at");
		values.put("name", Cleaning.text(RawRows.text(rs, "name")));
		values.put("user_id", strip(RawRows.text(rs, "user_id")));
		values.put("email", strip(RawRows.text(rs, "email")));
		values.put("referral_type", ReferralType.decode(RawRows.text(rs, "referral_type")));
		values.put("sex", Cleaning.upperCode(RawRows.text(rs, "sex")));
		LocalDate dateOfBirth = RawRows.date(rs, "date_of_birth");
		values.put("date_of_birth", dateOfBirth);
		values.put("loyalty_number", strip(RawRows.text(rs, "loyalty_number")));
		values.put("card_last4", strip(RawRows.text(rs, "credit_card_number_last4")));
		values.put("is_preferred", RawRows.bool(rs, "is_preferred"));
		values.put("is_active", !deleted && Boolean.TRUE.equals(RawRows.bool(rs, "is_active")));
		LocalDate inserted = day(RawRows.instant(rs, "inserted_at"));
		values.put("activation_date", inserted);
		values.put("deactivation_date", day(deleted ? RawRows.instant(rs, "change_ts") : updatedAt));
		values.put("start_date", inserted);
		LocalDate lastUpdate = latest(day(updatedAt), day(RawRows.instant(rs, "billing_updated_at")),
				day(RawRows.instant(rs, "shipping_updated_at")));
		values.put("last_update_date", lastUpdate);
		values.put("age_cohort", AgeCohort.of(dateOfBirth, lastUpdate));
		address(values, "billing", RawRows.text(rs, "billing_address"));
		address(values, "shipping", RawRows.text(rs, "shipping_address"));
		return new Member(rs.getLong("customer_id"), values, inserted);
	}

	/**
	 * Completes the activation and deactivation dates from the current version: an active
	 * customer has no deactivation date (9999-12-31); one that has just become inactive
	 * is deactivated on the day of that change, one that stays inactive keeps its
	 * deactivation date; one that becomes active again is activated on that day. On its
	 * first version a customer is activated when it was created.
	 */
	public static Member refine(Member member, Version current) {
		Map<String, Object> values = new LinkedHashMap<>(member.values());
		boolean active = Boolean.TRUE.equals(values.get("is_active"));
		LocalDate changeDay = (LocalDate) values.get("deactivation_date");
		boolean wasKnown = current != null && !current.inferred();
		boolean wasActive = wasKnown && Boolean.TRUE.equals(current.values().get("is_active"));
		if (active) {
			values.put("deactivation_date", Dimension.END_OF_TIME);
			if (wasKnown && !wasActive) {
				values.put("activation_date", changeDay);
			}
			else if (wasKnown) {
				values.put("activation_date", current.values().get("activation_date"));
			}
		}
		else {
			if (wasKnown && !wasActive) {
				values.put("deactivation_date", current.values().get("deactivation_date"));
			}
			if (wasKnown) {
				values.put("activation_date", current.values().get("activation_date"));
			}
		}
		return new Member(member.naturalKey(), values, member.since());
	}

	private static void address(Map<String, Object> values, String type, String address) {
		CustomerAddress parsed;
		if (address == null) {
			parsed = CustomerAddress.NOT_AVAILABLE;
		}
		else {
			try {
				parsed = CustomerAddress.parse(address);
			}
			catch (IllegalArgumentException ex) {
				// kept, not lost: the whole text as the street, to be corrected at the
				// source
				parsed = new CustomerAddress(null, address.strip().replaceAll("\\s+", " "), null, null, null);
			}
		}
		values.put(type + "_name", parsed.name());
		values.put(type + "_street", parsed.street());
		values.put(type + "_city", parsed.city());
		values.put(type + "_state", parsed.state());
		values.put(type + "_zip", parsed.zip());
	}

	private static LocalDate day(Instant instant) {
		return (instant != null) ? LocalDate.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static LocalDate latest(LocalDate... dates) {
		return java.util.Arrays.stream(dates).filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
	}

	private static String strip(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
