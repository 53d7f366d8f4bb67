package com.widgetsunlimited.etl.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.widgetsunlimited.etl.model.Column.cardNumber;
import static com.widgetsunlimited.etl.model.Column.key;
import static com.widgetsunlimited.etl.model.Column.optional;
import static com.widgetsunlimited.etl.model.Column.required;
import static com.widgetsunlimited.etl.model.Column.secret;
import static com.widgetsunlimited.etl.model.ColumnType.BOOLEAN;
import static com.widgetsunlimited.etl.model.ColumnType.DATE;
import static com.widgetsunlimited.etl.model.ColumnType.DECIMAL;
import static com.widgetsunlimited.etl.model.ColumnType.INTEGER;
import static com.widgetsunlimited.etl.model.ColumnType.LONG;
import static com.widgetsunlimited.etl.model.ColumnType.STRING;
import static com.widgetsunlimited.etl.model.ColumnType.TIMESTAMP;

/**
 * Every entity of the three operational systems (docs/sources.md), described once: its
 * source, its columns in source order, its single integer key and, for a child, the
 * parent it belongs to. The generator, the operational systems and the ingestions all
 * work from this description. Every entity ends with {@code inserted_at} and
 * {@code updated_at}.
 */
public enum Entity {

	SUPPLIER(Source.INVENTORY, "supplier", null, null, key("supplier_id"), required("name", STRING).atMost(200),
			optional("address", STRING), optional("primary_contact_name", STRING),
			optional("primary_contact_phone", STRING), optional("web_site", STRING),
			optional("introduction_date", DATE), required("is_preferred", BOOLEAN).defaultsTo(false),
			required("is_active", BOOLEAN).defaultsTo(true)),

	PRODUCT(Source.INVENTORY, "product", null, null, key("product_id"), required("name", STRING).atMost(300),
			optional("description", STRING).atMost(2000), required("category", STRING).atMost(100),
			optional("brand", STRING).atMost(100), optional("preferred_supplier_id", LONG),
			required("unit_cost", DECIMAL), required("list_price", DECIMAL), optional("length", DECIMAL),
			optional("width", DECIMAL), optional("height", DECIMAL), optional("introduced_date", DATE),
			required("discontinued", BOOLEAN).defaultsTo(false),
			required("no_longer_offered", BOOLEAN).defaultsTo(false)),

	/** Stock movement events. */
	INVENTORY(Source.INVENTORY, "inventory", null, null, key("inventory_event_id"),
			required("event_type", STRING).immutable(), required("product_id", LONG).immutable(),
			optional("supplier_id", LONG).immutable(), required("warehouse_id", LONG).immutable(),
			required("quantity", INTEGER)),

	CUSTOMER(Source.ECOMMERCE, "customer", null, null, key("customer_id"), required("name", STRING).atMost(200),
			required("user_id", STRING).atMost(100).immutable(), secret("password"),
			required("email", STRING).atMost(254), optional("referral_type", STRING), optional("sex", STRING),
			optional("date_of_birth", DATE), optional("loyalty_number", STRING).atMost(30).immutable(),
			cardNumber("credit_card_number"), required("is_preferred", BOOLEAN).defaultsTo(false),
			required("is_active", BOOLEAN).defaultsTo(true)),

	CUSTOMER_ADDRESS(Source.ECOMMERCE, "customer_address", CUSTOMER, "customer_id", key("customer_address_id"),
			required("customer_id", LONG).immutable(), required("address_type", STRING).immutable(),
			required("address", STRING).atMost(300)),

	ORDER(Source.ECOMMERCE, "order", null, null, key("order_id"), required("customer_id", LONG).immutable(),
			optional("shipping_address_id", LONG), optional("special_instructions", STRING),
			required("shipping_cost", DECIMAL), required("execution_time", TIMESTAMP).immutable(),
			required("cancelled", BOOLEAN).defaultsTo(false)),

	ORDER_LINE_ITEM(Source.ECOMMERCE, "order_line_item", ORDER, "order_id", key("order_line_item_id"),
			required("order_id", LONG).immutable(), required("product_id", LONG).immutable(),
			required("quantity", INTEGER), required("unit_price", DECIMAL), required("total_price", DECIMAL),
			optional("comments", STRING)),

	STORE(Source.INSTORE, "store", null, null, key("store_id"), required("name", STRING).atMost(200),
			optional("manager_name", STRING).atMost(200), optional("number_of_employees", INTEGER),
			optional("opened_date", DATE), optional("closed_date", DATE)),

	STORE_LOCATION(Source.INSTORE, "store_location", STORE, "store_id", key("store_location_id"),
			required("store_id", LONG).immutable(), optional("street_address", STRING).atMost(300),
			optional("city", STRING).atMost(200), optional("state", STRING), optional("zip_code", STRING),
			optional("sq_footage", INTEGER)),

	STORE_SALES(Source.INSTORE, "store_sales", null, null, key("store_sales_id"),
			required("store_id", LONG).immutable(), required("product_id", LONG).immutable(),
			required("quantity", INTEGER), required("unit_price", DECIMAL), required("total_price", DECIMAL),
			required("transaction_type", STRING).immutable(), required("transaction_date", TIMESTAMP).immutable(),
			cardNumber("cc_number"), optional("loyalty_number", STRING).atMost(30));

	/** Set when a row is created; never changed afterwards. */
	public static final String INSERTED_AT = "inserted_at";

	/** Set whenever a row is created or changed. */
	public static final String UPDATED_AT = "updated_at";

	private final Source source;

	private final String id;

	private final Entity parent;

	private final String parentColumn;

	private final List<Column> columns;

	/** Each column's position in {@link #columns()}, by name. */
	private final Map<String, Integer> positions;

	Entity(Source source, String id, Entity parent, String parentColumn, Column... columns) {
		this.source = source;
		this.id = id;
		this.parent = parent;
		this.parentColumn = parentColumn;
		this.columns = List
			.of(concat(columns, new Column(INSERTED_AT, TIMESTAMP, false, false, Column.Sensitivity.NONE, null),
					new Column(UPDATED_AT, TIMESTAMP, false, true, Column.Sensitivity.NONE, null)));
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < this.columns.size(); i++) {
			positions.put(this.columns.get(i).name(), i);
		}
		this.positions = Map.copyOf(positions);
	}

	private static Column[] concat(Column[] columns, Column... more) {
		Column[] all = new Column[columns.length + more.length];
		System.arraycopy(columns, 0, all, 0, columns.length);
		System.arraycopy(more, 0, all, columns.length, more.length);
		return all;
	}

	public Source source() {
		return this.source;
	}

	/** The entity's name in docs/sources.md: file prefix, topic suffix, table name. */
	public String id() {
		return this.id;
	}

	/** The single integer primary key column. */
	public String keyColumn() {
		return this.columns.get(0).name();
	}

	public List<Column> columns() {
		return this.columns;
	}

	public List<String> columnNames() {
		return this.columns.stream().map(Column::name).toList();
	}

	public Column column(String name) {
		return this.columns.get(position(name));
	}

	/**
	 * The position of column {@code name} in {@link #columns()}.
	 * @throws IllegalArgumentException if the entity has no such column
	 */
	public int position(String name) {
		Integer position = this.positions.get(name);
		if (position == null) {
			throw new IllegalArgumentException(this.id + " has no column " + name);
		}
		return position;
	}

	/**
	 * The entity this one's rows belong to (an order's line items, a customer's
	 * addresses).
	 */
	public Optional<Entity> parent() {
		return Optional.ofNullable(this.parent);
	}

	/** The column that holds the parent's key. */
	public String parentColumn() {
		if (this.parent == null) {
			throw new IllegalStateException(this.id + " has no parent");
		}
		return this.parentColumn;
	}

	/** The entities of one source, in the order they are written and read. */
	public static List<Entity> of(Source source) {
		return java.util.Arrays.stream(values()).filter((entity) -> entity.source == source).toList();
	}

	/** The entity named {@code id} ({@code customer_address}, ...). */
	public static Entity byId(String id) {
		for (Entity entity : values()) {
			if (entity.id.equals(id.toLowerCase(Locale.ROOT))) {
				return entity;
			}
		}
		throw new IllegalArgumentException("unknown entity '" + id + "'");
	}

}
