package com.widgetsunlimited.etl.transform.sales;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

import com.widgetsunlimited.etl.transform.RawRows;
import com.widgetsunlimited.etl.transform.customer.CustomerDimension;
import com.widgetsunlimited.etl.transform.scd.Dimension;
import com.widgetsunlimited.etl.transform.store.StoreDimension;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import com.widgetsunlimited.etl.warehouse.Publication;

/**
 * One source sale line, as the raw layer holds it now: a web order line with its order's
 * customer, time and status, or an in-store sale.
 *
 * @param sourceSystem {@code ecommerce} or {@code instore}
 * @param lineId the line's key in its source
 * @param orderId the order, or the store transaction
 * @param productId the product sold
 * @param customerId the web customer, {@code null} for a store sale
 * @param storeId the store, {@code null} for a web line
 * @param loyaltyNumber the loyalty number a store sale names, if any
 * @param soldAt when it was sold: the order's execution time or the transaction time
 * @param transactionType {@code SALE} or {@code RETURN}
 * @param quantity as the source records it (positive for a return too)
 * @param unitPrice the price of one
 * @param totalPrice as the source records it
 * @param cancelled whether its order was cancelled
 * @param deleted whether the source deleted the line (or its order)
 * @param orderKnown whether the raw layer has the line's order (always for a store sale)
 * @param origin where the line's current state was read
 * @param known the dimension versions the query found for the line
 */
public record SaleLine(String sourceSystem, long lineId, long orderId, long productId, Long customerId, Long storeId,
		String loyaltyNumber, Instant soldAt, String transactionType, int quantity, BigDecimal unitPrice,
		BigDecimal totalPrice, boolean cancelled, boolean deleted, boolean orderKnown, String origin, KnownKeys known) {

	/**
	 * The surrogate keys the line's query found, joined in the database in one pass over
	 * the day instead of looked up chunk by chunk: each is the version that covers the
	 * sale date, {@code null} where there is none (a member the dimension does not have
	 * yet, or a sale dated before its first version), which the writer then resolves
	 * itself. Versions of a member do not overlap (a version expires the day before its
	 * successor takes effect); should a damaged warehouse hold overlapping ones, the
	 * query still gives one row per line, with the earliest covering version, as
	 * {@link com.widgetsunlimited.etl.transform.scd.DimensionTable#keyOn} does, and the
	 * day's audit names the members.
	 *
	 * @param customerKey the web line's customer, or the customer a store sale's loyalty
	 * number names
	 * @param productKey the product
	 * @param storeKey the store (the online store for a web line)
	 * @param unknownCustomerKey the unknown customer (store sales only)
	 * @param matchedLoyaltyNumber the loyalty number as the query matched it (trimmed of
	 * spaces); the writer matches any other itself
	 * @param loyalCustomerId the current customer holding that number, the lowest id if
	 * several do
	 * @param loyalCompletedDate the business date that customer's first version got its
	 * real attributes, if it was inferred
	 */
	public record KnownKeys(Long customerKey, Long productKey, Long storeKey, Long unknownCustomerKey,
			String matchedLoyaltyNumber, Long loyalCustomerId, LocalDate loyalCompletedDate) {

		/** Nothing known: the writer looks every key up. */
		public static final KnownKeys NONE = new KnownKeys(null, null, null, null, null, null, null);

	}

	/** The web channel's source system. */
	public static final String ECOMMERCE = "ecommerce";

	/** The store channel's source system. */
	public static final String INSTORE = "instore";

	/** The date of a web line's sale: its order's execution time. */
	private static final String WEB_SALE_DATE = "CAST(l.execution_time AS DATE)";

	/** The date of a store sale. */
	private static final String STORE_SALE_DATE = "CAST(s.transaction_date AS DATE)";

	/**
	 * Every web order line that changed on the business date or whose order did (each
	 * {@code ?} the business date), with its order and the {@link KnownKeys} of its sale
	 * date. The two kinds are disjoint halves of a {@code UNION ALL}, each an index
	 * lookup: the lines of the day by their business date, then the other lines of the
	 * day's orders by their order. Neither the time nor the plan depends on the days the
	 * raw layer already holds: an {@code OR} of the two would scan every line of every
	 * day, and a semi-join with the union of their keys was planned as a merge join along
	 * the whole key index, which read 15 million lines at day 30 once the day's keys were
	 * the highest, as the sources' increasing numbering makes them (37 s against 7).
	 */
	public static String changedWebLines(WarehouseDialect dialect) {
		return webLines("""
				(SELECT * FROM raw_ecommerce_order_line_item WHERE business_date = ?
				 UNION ALL
				 SELECT * FROM raw_ecommerce_order_line_item
				 WHERE order_id IN (SELECT order_id FROM raw_ecommerce_order WHERE business_date = ?)
				 AND business_date <> ?)""", dialect);
	}

	/** {@link #changedWebLines} in key order, as the chunked steps read them. */
	public static String changedWebLinesOrdered(WarehouseDialect dialect) {
		return changedWebLines(dialect) + "\nORDER BY order_line_item_id";
	}

	/**
	 * Every store sale that changed on the business date, with the customer its loyalty
	 * number names.
	 */
	public static final String CHANGED_STORE_SALES = storeSales("s.business_date = ?");

	/** {@link #CHANGED_STORE_SALES} in key order, as the chunked steps read them. */
	public static final String CHANGED_STORE_SALES_ORDERED = CHANGED_STORE_SALES + "\nORDER BY store_sales_id";

	/**
	 * The web lines of {@code lines} (a subquery of rows of the raw order lines), with
	 * their order and {@link KnownKeys}, one row each, unordered; the one {@code ?} after
	 * those of {@code lines} is the business date.
	 * <p>
	 * A line's order is joined from the orders that changed on that date ({@code d}), as
	 * nearly every line's did; only a line whose order did not is looked up by its order
	 * key, by subqueries that {@code COALESCE} runs for such a line alone. Joining every
	 * order instead made PostgreSQL hash all that the raw layer holds, a 30-day
	 * warehouse's 3 million orders in 32 batches, for the day's 500,000 lines: 3.6 s
	 * against 2.4 s, and 2.1 s on the first day, either way (serial, in psql). The lines
	 * and their orders are a subquery of their own
	 * ({@link WarehouseDialect#subqueryFence}): merged into the query, the lookups would
	 * become part of the keys the dimensions are joined by, and PostgreSQL would probe
	 * the dimensions line by line instead of hashing them.
	 */
	static String webLines(String lines, WarehouseDialect dialect) {
		return """
				SELECT l.order_line_item_id, l.order_id, l.product_id, l.quantity, l.unit_price, l.total_price,
				       l.is_deleted, l.origin, l.known_order_id, l.customer_id, l.execution_time,
				       l.cancelled, l.order_deleted,
				       c.customer_key, p.product_key, s.store_key
				FROM (SELECT l.order_line_item_id, l.order_id, l.product_id, l.quantity, l.unit_price, l.total_price,
				             l.is_deleted, l.origin,
				             %s
				      FROM %s l
				      LEFT JOIN raw_ecommerce_order d ON d.order_id = l.order_id AND d.business_date = ?
				      %s) l
				LEFT JOIN %s c ON c.customer_id = l.customer_id AND %s
				LEFT JOIN %s p ON p.product_id = l.product_id AND %s
				LEFT JOIN %s s ON s.store_id = %d AND %s""".formatted(
				String.join(",\n", orderColumn("order_id", "known_order_id"), orderColumn("customer_id", "customer_id"),
						orderColumn("execution_time", "execution_time"), orderColumn("cancelled", "cancelled"),
						orderColumn("is_deleted", "order_deleted")),
				lines, dialect.subqueryFence(), versions("customer_dim", "customer_id"), covering("c", WEB_SALE_DATE),
				versions("product_dim", "product_id"), covering("p", WEB_SALE_DATE), versions("store_dim", "store_id"),
				StoreDimension.ONLINE_STORE_ID, covering("s", WEB_SALE_DATE));
	}

	/**
	 * A column of the line's order: {@code d}'s, or else looked up by the line's order
	 * key (where {@code d} has the order, with a null in that column, the lookup finds
	 * the same null).
	 */
	private static String orderColumn(String column, String alias) {
		return "COALESCE(d." + column + ", (SELECT f." + column
				+ " FROM raw_ecommerce_order f WHERE f.order_id = l.order_id)) AS " + alias;
	}

	/**
	 * The store sales that {@code condition} selects (on {@code s}, the raw sale), with
	 * the customer their loyalty number names and their {@link KnownKeys}, one row each,
	 * unordered. The date that customer's first version was completed is that of its
	 * inferred version, the only kind that is ever completed and always the first (it
	 * takes effect at {@link Dimension#BEGINNING}): joined by the version key, once per
	 * query, rather than looked up by a subquery for each loyal sale (four in ten of a
	 * generated day), which took a third of the store sales' query.
	 */
	static String storeSales(String condition) {
		return """
				SELECT s.store_sales_id, s.store_id, s.product_id, s.quantity, s.unit_price, s.total_price,
				       s.transaction_type, s.transaction_date, s.loyalty_number, s.is_deleted, s.origin,
				       TRIM(s.loyalty_number) AS matched_loyalty_number, loyal.customer_id AS loyal_customer_id,
				       inferred.completed_date AS loyal_completed_date,
				       c.customer_key, u.customer_key AS unknown_customer_key, p.product_key, st.store_key
				FROM raw_instore_store_sales s
				LEFT JOIN (SELECT loyalty_number, MIN(customer_id) AS customer_id FROM etl_work_customer_dim
				           WHERE is_current = TRUE AND loyalty_number IS NOT NULL GROUP BY loyalty_number) loyal
				      ON loyal.loyalty_number = TRIM(s.loyalty_number)
				LEFT JOIN etl_work_customer_dim inferred ON inferred.customer_id = loyal.customer_id
				      AND inferred.effective_date = DATE '%s'
				LEFT JOIN %s c ON c.customer_id = loyal.customer_id AND %s
				LEFT JOIN %s u ON u.customer_id = %d AND %s
				LEFT JOIN %s p ON p.product_id = s.product_id AND %s
				LEFT JOIN %s st ON st.store_id = s.store_id AND %s
				WHERE %s""".formatted(Dimension.BEGINNING, versions("customer_dim", "customer_id"),
				covering("c", STORE_SALE_DATE), versions("customer_dim", "customer_id"),
				CustomerDimension.UNKNOWN_CUSTOMER_ID, covering("u", STORE_SALE_DATE),
				versions("product_dim", "product_id"), covering("p", STORE_SALE_DATE),
				versions("store_dim", "store_id"), covering("st", STORE_SALE_DATE), condition);
	}

	/**
	 * The versions of dimension {@code table}, each with {@code shadowed_until}: the last
	 * date that an earlier version of its {@code member} covers, if any. Only after that
	 * date is a version the earliest that covers it ({@link #covering}), so each sale
	 * finds at most one version of each member, even where a damaged warehouse holds
	 * overlapping ones, and the queries need not rank what they joined. Ranking the day's
	 * 500,000 joined web lines to keep the earliest versions (a sort and a window over
	 * the wide rows) took a fifth of their query: 2.1 s against 1.6-1.8 s, serial, in
	 * psql; this window runs over the dimension's narrow rows instead.
	 */
	private static String versions(String table, String member) {
		return "(SELECT v.*, MAX(v.expiration_date) OVER (PARTITION BY v." + member
				+ " ORDER BY v.effective_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS shadowed_until FROM "
				+ Publication.work(table) + " v)";
	}

	/**
	 * Whether the version {@code alias} of {@link #versions} is the earliest that covers
	 * {@code date}.
	 */
	private static String covering(String alias, String date) {
		return date + " BETWEEN " + alias + ".effective_date AND " + alias + ".expiration_date AND (" + alias
				+ ".shadowed_until IS NULL OR " + date + " > " + alias + ".shadowed_until)";
	}

	/** A line of {@link #changedWebLines}. */
	public static SaleLine webLine(ResultSet rs, int row) throws SQLException {
		boolean orderKnown = RawRows.number(rs, "known_order_id") != null;
		return new SaleLine(ECOMMERCE, rs.getLong("order_line_item_id"), rs.getLong("order_id"),
				rs.getLong("product_id"), RawRows.number(rs, "customer_id"), null, null,
				RawRows.instant(rs, "execution_time"), "SALE", rs.getInt("quantity"), RawRows.decimal(rs, "unit_price"),
				RawRows.decimal(rs, "total_price"), Boolean.TRUE.equals(RawRows.bool(rs, "cancelled")),
				Boolean.TRUE.equals(RawRows.bool(rs, "is_deleted"))
						|| Boolean.TRUE.equals(RawRows.bool(rs, "order_deleted")),
				orderKnown, RawRows.text(rs, "origin"), new KnownKeys(RawRows.number(rs, "customer_key"),
						RawRows.number(rs, "product_key"), RawRows.number(rs, "store_key"), null, null, null, null));
	}

	/** A sale of {@link #CHANGED_STORE_SALES}. */
	public static SaleLine storeSale(ResultSet rs, int row) throws SQLException {
		long id = rs.getLong("store_sales_id");
		String loyalty = RawRows.text(rs, "loyalty_number");
		return new SaleLine(INSTORE, id, id, rs.getLong("product_id"), null, RawRows.number(rs, "store_id"),
				(loyalty == null || loyalty.isBlank()) ? null : loyalty.strip(),
				RawRows.instant(rs, "transaction_date"), RawRows.text(rs, "transaction_type").strip(),
				rs.getInt("quantity"), RawRows.decimal(rs, "unit_price"), RawRows.decimal(rs, "total_price"), false,
				Boolean.TRUE.equals(RawRows.bool(rs, "is_deleted")), true, RawRows.text(rs, "origin"),
				new KnownKeys(RawRows.number(rs, "customer_key"), RawRows.number(rs, "product_key"),
						RawRows.number(rs, "store_key"), RawRows.number(rs, "unknown_customer_key"),
						RawRows.text(rs, "matched_loyalty_number"), RawRows.number(rs, "loyal_customer_id"),
						RawRows.date(rs, "loyal_completed_date")));
	}

	/** Whether it is a return, whose fact row has a negative quantity and total. */
	public boolean isReturn() {
		return "RETURN".equals(this.transactionType);
	}

}
