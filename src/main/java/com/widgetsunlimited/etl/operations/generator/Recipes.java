package com.widgetsunlimited.etl.operations.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.UsStates;
import net.datafaker.Faker;

import static com.widgetsunlimited.etl.model.Entity.CUSTOMER;
import static com.widgetsunlimited.etl.model.Entity.CUSTOMER_ADDRESS;
import static com.widgetsunlimited.etl.model.Entity.PRODUCT;
import static com.widgetsunlimited.etl.model.Entity.STORE;
import static com.widgetsunlimited.etl.model.Entity.SUPPLIER;

/**
 * How the business creates and changes each entity's rows: realistic values from
 * Datafaker, cross-references taken from one consistent row (a line item's product and
 * price), the changes the business makes (a customer moves or changes e-mail, a product's
 * cost changes, a store gets a new manager or relocates), and where the sources' dirt
 * goes. Key, parent column, timestamps and defaults are set by the {@link DataGenerator},
 * not here.
 */
final class Recipes {

	private static final List<String> REFERRAL_CODES = List.of("OA", "AM", "", "", "");

	private static final List<String> UNKNOWN_REFERRAL_CODES = List.of("XX", "TV", "RADIO", "99");

	private final DataGenerator generator;

	Recipes(DataGenerator generator) {
		this.generator = generator;
	}

	boolean deletable(Entity entity) {
		// a customer's account is closed; a line is removed from an order; a store sale
		// is
		// voided
		return entity == CUSTOMER || entity == Entity.ORDER_LINE_ITEM || entity == Entity.STORE_SALES;
	}

	boolean deletedWithParent(Entity child) {
		return child == CUSTOMER_ADDRESS;
	}

	Map<String, Object> create(Entity entity, long key, Row parent) {
		Map<String, Object> values = new HashMap<>();
		switch (entity) {
			case SUPPLIER -> {
				values.put("name", dirty(entity, key, faker().company().name()));
				values.put("address", faker().address().fullAddress());
				values.put("primary_contact_name", faker().name().fullName());
				values.put("primary_contact_phone", faker().phoneNumber().cellPhone());
				values.put("web_site", "https://www." + faker().internet().domainName());
				values.put("introduction_date", date().minusDays(random().nextInt(3650)));
				values.put("is_preferred", random().nextInt(4) == 0);
			}
			case PRODUCT -> {
				BigDecimal cost = money(2, 400);
				values.put("name", dirty(entity, key, faker().commerce().productName()));
				values.put("description", faker().lorem().sentence(8));
				values.put("category", dirty(entity, key, faker().commerce().department()));
				values.put("brand", dirty(entity, key, faker().commerce().brand()));
				values.put("preferred_supplier_id", state().size(SUPPLIER) == 0 ? null : pick(SUPPLIER).key());
				values.put("unit_cost", cost);
				values.put("list_price", markup(cost));
				values.put("length", BigDecimal.valueOf(10 + random().nextInt(990), 1));
				values.put("width", BigDecimal.valueOf(10 + random().nextInt(490), 1));
				values.put("height", BigDecimal.valueOf(5 + random().nextInt(295), 1));
				values.put("introduced_date", date());
			}
			case INVENTORY -> {
				Row product = pick(PRODUCT);
				String type = List.of("SUPPLY", "SUPPLY", "SHIPMENT", "SHIPMENT", "SHIPMENT", "RETURN")
					.get(random().nextInt(6));
				values.put("event_type", type);
				values.put("product_id", product.key());
				values.put("supplier_id", type.equals("SUPPLY") ? product.get("preferred_supplier_id") : null);
				values.put("warehouse_id", 1L + random().nextInt(3));
				values.put("quantity", 1 + random().nextInt(type.equals("SUPPLY") ? 500 : 20));
			}
			case CUSTOMER -> {
				String first = faker().name().firstName();
				String last = faker().name().lastName();
				String referral = REFERRAL_CODES.get(random().nextInt(REFERRAL_CODES.size()));
				if (defects().inject(DefectKind.UNKNOWN_REFERRAL_CODE, entity, key, "referral_type")) {
					referral = UNKNOWN_REFERRAL_CODES.get(defects().random().nextInt(UNKNOWN_REFERRAL_CODES.size()));
				}
				values.put("name", dirty(entity, key, first + " " + last));
				values.put("user_id", (first.charAt(0) + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + key);
				values.put("password", faker().internet().password(10, 20, true, true));
				values.put("email", email(first, last, key));
				values.put("referral_type", referral);
				values.put("sex", random().nextBoolean() ? "F" : "M");
				values.put("date_of_birth",
						date().minusYears(18 + random().nextInt(65)).minusDays(random().nextInt(365)));
				values.put("loyalty_number", random().nextInt(5) < 3 ? loyaltyNumber(key) : null);
				values.put("credit_card_number", cardNumber());
				values.put("is_preferred", random().nextInt(10) == 0);
			}
			case CUSTOMER_ADDRESS -> {
				boolean hasBilling = state().children(CUSTOMER_ADDRESS, parent.key())
					.stream()
					.anyMatch((address) -> "B".equals(address.get("address_type")));
				values.put("address_type", hasBilling ? "S" : "B");
				String name = (hasBilling && random().nextInt(4) == 0) ? faker().name().fullName()
						: parent.string("name");
				values.put("address", addressString(key, name.trim()));
			}
			case ORDER -> {
				Row customer = pick(CUSTOMER, (row) -> Boolean.TRUE.equals(row.bool("is_active")));
				List<Row> addresses = state().children(CUSTOMER_ADDRESS, customer.key());
				Row shipping = addresses.stream()
					.filter((address) -> "S".equals(address.get("address_type")))
					.findFirst()
					.orElse(addresses.isEmpty() ? null : addresses.get(0));
				values.put("customer_id", customer.key());
				values.put("shipping_address_id", (shipping != null) ? shipping.key() : null);
				values.put("special_instructions", random().nextInt(8) == 0 ? "Leave at the back door" : null);
				values.put(
						"shipping_cost", List
							.of(BigDecimal.ZERO.setScale(2), new BigDecimal("4.99"), new BigDecimal("9.99"),
									new BigDecimal("14.99"))
							.get(random().nextInt(4)));
				var at = this.generator.now(null);
				if (defects().inject(DefectKind.LATE_EVENT, entity, key, "executed the day before")) {
					at = date().atStartOfDay()
						.toInstant(java.time.ZoneOffset.UTC)
						.minusSeconds(1 + defects().random().nextInt(6 * 3600));
				}
				values.put("execution_time", at);
				values.put(Entity.INSERTED_AT, at);
			}
			case ORDER_LINE_ITEM -> {
				Row product = sellableProduct(entity, key);
				int quantity = 1 + random().nextInt(5);
				values.put("product_id", product.key());
				values.put("quantity", quantity);
				values.put("unit_price", product.decimal("list_price"));
				values.put("total_price", product.decimal("list_price").multiply(BigDecimal.valueOf(quantity)));
				values.put("comments", random().nextInt(10) == 0 ? "Gift wrap" : null);
			}
			case STORE -> {
				values.put("name", "Widgets Unlimited " + faker().address().city());
				values.put("manager_name", faker().name().fullName());
				values.put("number_of_employees", 5 + random().nextInt(56));
				values.put("opened_date", date().minusDays(365 + random().nextInt(3650)));
				values.put("closed_date", null);
			}
			case STORE_LOCATION -> {
				values.putAll(storeLocation(key));
				values.put("sq_footage", 2000 + 100 * random().nextInt(200));
			}
			case STORE_SALES -> {
				Row product = sellableProduct(entity, key);
				boolean isReturn = random().nextInt(20) == 0;
				int quantity = 1 + random().nextInt(4);
				long store = pick(STORE).key();
				if (defects().inject(DefectKind.INSTORE_UNKNOWN_STORE, entity, key, "store_id")) {
					store = 9000 + defects().random().nextInt(1000);
				}
				if (defects().inject(DefectKind.INSTORE_ZERO_QUANTITY, entity, key, "quantity")) {
					quantity = 0;
				}
				Row loyal = random().nextInt(5) < 2 ? pick(CUSTOMER, (row) -> row.get("loyalty_number") != null) : null;
				values.put("store_id", store);
				values.put("product_id", product.key());
				values.put("quantity", quantity);
				values.put("unit_price", product.decimal("list_price"));
				values.put("total_price", product.decimal("list_price").multiply(BigDecimal.valueOf(quantity)));
				values.put("transaction_type", isReturn ? "RETURN" : "SALE");
				values.put("transaction_date", this.generator.now(null));
				values.put("cc_number", random().nextInt(5) == 0 ? null : cardNumber());
				values.put("loyalty_number", (loyal != null) ? loyal.string("loyalty_number") : null);
			}
			default -> throw new IllegalStateException(entity.id());
		}
		return values;
	}

	/** The columns a business change sets on {@code row}, with their new values. */
	Map<String, Object> change(Row row) {
		Entity entity = row.entity();
		Map<String, Object> values = new HashMap<>();
		int choice = random().nextInt(4);
		switch (entity) {
			case SUPPLIER -> {
				if (choice < 2) {
					values.put("primary_contact_name", faker().name().fullName());
					values.put("primary_contact_phone", faker().phoneNumber().cellPhone());
				}
				else {
					values.put("is_preferred", !row.bool("is_preferred"));
				}
			}
			case PRODUCT -> {
				if (choice == 0) {
					values.put("category", faker().commerce().department());
				}
				else if (choice == 3 && !row.bool("discontinued")) {
					values.put("discontinued", true);
				}
				else {
					BigDecimal cost = row.decimal("unit_cost")
						.multiply(BigDecimal.valueOf(90 + random().nextInt(30), 2))
						.setScale(2, RoundingMode.HALF_UP)
						.max(new BigDecimal("1.00"));
					values.put("unit_cost", cost);
					values.put("list_price", markup(cost));
				}
			}
			case INVENTORY -> values.put("quantity", Math.max(1, row.integer("quantity") + random().nextInt(5) - 2));
			case CUSTOMER -> {
				if (choice == 0) {
					String[] names = row.string("name").trim().split(" ", 2);
					values.put("email", email(names[0], names.length > 1 ? names[1] : "", row.key() + 1000L));
				}
				else if (choice == 1) {
					values.put("is_preferred", !row.bool("is_preferred"));
				}
				else if (choice == 2) {
					values.put("is_active", !row.bool("is_active"));
				}
				else {
					values.put("email", email(faker().name().firstName(), faker().name().lastName(), row.key()));
				}
			}
			case CUSTOMER_ADDRESS -> {
				String name = row.string("address").split("\n", 2)[0];
				values.put("address", addressString(row.key(), name));
			}
			case ORDER -> values.put("cancelled", true);
			case ORDER_LINE_ITEM -> {
				int quantity = 1 + random().nextInt(5);
				values.put("quantity", quantity);
				values.put("total_price", row.decimal("unit_price").multiply(BigDecimal.valueOf(quantity)));
			}
			case STORE -> {
				values.put("manager_name", faker().name().fullName());
				values.put("number_of_employees", 5 + random().nextInt(56));
			}
			case STORE_LOCATION -> values.putAll(storeLocation(row.key()));
			case STORE_SALES -> values.put("loyalty_number", row.get("loyalty_number"));
			default -> throw new IllegalStateException(entity.id());
		}
		return values;
	}

	/**
	 * A product to sell: one the catalogue offers, or (a defect) a new one the inventory
	 * feed will announce only tomorrow.
	 */
	private Row sellableProduct(Entity entity, long key) {
		if (defects().inject(DefectKind.UNANNOUNCED_PRODUCT, entity, key, "product announced tomorrow")) {
			long productKey = state().nextKey(PRODUCT);
			Map<String, Object> values = new HashMap<>(create(PRODUCT, productKey, null));
			values.put("product_id", productKey);
			var at = this.generator.now(null);
			values.put(Entity.INSERTED_AT, at);
			values.put(Entity.UPDATED_AT, at);
			values.put("discontinued", false);
			values.put("no_longer_offered", false);
			Row product = Row.of(PRODUCT, values);
			state().put(product);
			state().unannouncedProducts().add(productKey);
			return product;
		}
		return pick(PRODUCT, (row) -> !row.bool("discontinued") && !state().unannouncedProducts().contains(row.key()));
	}

	/**
	 * An e-commerce address: {@code Name\nStreet\nCity, ST 12345}, in the shapes
	 * customers type.
	 */
	private String addressString(long key, String name) {
		String state = UsStates.codes().get(random().nextInt(UsStates.codes().size()));
		String stateText = state;
		if (defects().inject(DefectKind.STATE_NAME_SPELLED_OUT, CUSTOMER_ADDRESS, key, "state " + state)) {
			stateText = UsStates.name(state);
		}
		String zip = zip(CUSTOMER_ADDRESS, key);
		String comma = defects().inject(DefectKind.NO_SPACE_AFTER_COMMA, CUSTOMER_ADDRESS, key, "city,state") ? ","
				: ", ";
		return name + "\n" + faker().address().streetAddress() + "\n" + faker().address().city() + comma + stateText
				+ " " + zip;
	}

	/**
	 * An in-store location: split columns, the state as its name (in any case, as typed).
	 */
	private Map<String, Object> storeLocation(long key) {
		String state = UsStates.codes().get(random().nextInt(UsStates.codes().size()));
		String name = UsStates.name(state);
		if (defects().inject(DefectKind.STATE_NAME_CASE, Entity.STORE_LOCATION, key, "state " + state)) {
			name = defects().random().nextBoolean() ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
		}
		return Map.of("street_address", faker().address().streetAddress(), "city", faker().address().city(), "state",
				name, "zip_code", zip(Entity.STORE_LOCATION, key));
	}

	private String zip(Entity entity, long key) {
		String zip = String.format(Locale.ROOT, "%05d", 1001 + random().nextInt(98000));
		if (defects().inject(DefectKind.ZIP_PLUS_FOUR, entity, key, "zip+4")) {
			zip += String.format(Locale.ROOT, "-%04d", defects().random().nextInt(10000));
		}
		return zip;
	}

	/** A name, category or brand, sometimes with the blanks and case people type. */
	private String dirty(Entity entity, long key, String value) {
		if (!defects().inject(DefectKind.STRAY_WHITESPACE_OR_CASE, entity, key, "whitespace/case")) {
			return value;
		}
		return switch (defects().random().nextInt(3)) {
			case 0 -> "  " + value + " ";
			case 1 -> value.toUpperCase(Locale.ROOT);
			default -> value.toLowerCase(Locale.ROOT) + "  ";
		};
	}

	private String email(String first, String last, long key) {
		String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
		return local + key + "@" + faker().internet().domainName();
	}

	/** Unique per customer, so that a store sale's loyalty number names one customer. */
	private static String loyaltyNumber(long customerKey) {
		return "WU" + (100_000_000L + customerKey * 7919 % 900_000_000L);
	}

	private String cardNumber() {
		return faker().finance().creditCard().replaceAll("[^0-9]", "");
	}

	private BigDecimal money(int min, int max) {
		return BigDecimal.valueOf(min * 100L + random().nextInt((max - min) * 100), 2);
	}

	private BigDecimal markup(BigDecimal cost) {
		return cost.multiply(BigDecimal.valueOf(120 + random().nextInt(80), 2)).setScale(2, RoundingMode.HALF_UP);
	}

	private Row pick(Entity entity) {
		return this.generator.pick(entity, (row) -> true);
	}

	private Row pick(Entity entity, java.util.function.Predicate<Row> filter) {
		return this.generator.pick(entity, filter);
	}

	private LocalDate date() {
		return this.generator.businessDate();
	}

	private Faker faker() {
		return this.generator.faker();
	}

	private Random random() {
		return this.generator.random();
	}

	private Defects defects() {
		return this.generator.defects();
	}

	private GeneratorState state() {
		return this.generator.state();
	}

}
