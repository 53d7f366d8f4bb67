package com.widgetsunlimited.etl.transform.sales;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import com.widgetsunlimited.etl.transform.RawRows;

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
 */
public record SaleLine(String sourceSystem, long lineId, long orderId, long productId, Long customerId, Long storeId,
		String loyaltyNumber, Instant soldAt, String transactionType, int quantity, BigDecimal unitPrice,
		BigDecimal totalPrice, boolean cancelled, boolean deleted, boolean orderKnown, String origin) {

	/** The web channel's source system. */
	public static final String ECOMMERCE = "ecommerce";

	/** The store channel's source system. */
	public static final String INSTORE = "instore";

	/**
	 * Every web order line that changed on the business date (first {@code ?}) or whose
	 * order did (second), with its order. Each half of the union is an index lookup: the
	 * time does not grow with the days the raw layer already holds (an {@code OR} of the
	 * two would scan every line of every day).
	 */
	public static final String CHANGED_WEB_LINES = """
			SELECT l.order_line_item_id, l.order_id, l.product_id, l.quantity, l.unit_price, l.total_price,
			       l.is_deleted, l.origin, o.order_id AS known_order_id, o.customer_id, o.execution_time,
			       o.cancelled, o.is_deleted AS order_deleted
			FROM raw_ecommerce_order_line_item l
			LEFT JOIN raw_ecommerce_order o ON o.order_id = l.order_id
			WHERE l.order_line_item_id IN (
			      SELECT order_line_item_id FROM raw_ecommerce_order_line_item WHERE business_date = ?
			      UNION
			      SELECT order_line_item_id FROM raw_ecommerce_order_line_item
			      WHERE order_id IN (SELECT order_id FROM raw_ecommerce_order WHERE business_date = ?))
			ORDER BY l.order_line_item_id""";

	/** Every store sale that changed on the business date. */
	public static final String CHANGED_STORE_SALES = """
			SELECT store_sales_id, store_id, product_id, quantity, unit_price, total_price, transaction_type,
			       transaction_date, loyalty_number, is_deleted, origin
			FROM raw_instore_store_sales
			WHERE business_date = ?
			ORDER BY store_sales_id""";

	/** A line of {@link #CHANGED_WEB_LINES}. */
	public static SaleLine webLine(ResultSet rs, int row) throws SQLException {
		boolean orderKnown = RawRows.number(rs, "known_order_id") != null;
		return new SaleLine(ECOMMERCE, rs.getLong("order_line_item_id"), rs.getLong("order_id"),
				rs.getLong("product_id"), RawRows.number(rs, "customer_id"), null, null,
				RawRows.instant(rs, "execution_time"), "SALE", rs.getInt("quantity"), RawRows.decimal(rs, "unit_price"),
				RawRows.decimal(rs, "total_price"), Boolean.TRUE.equals(RawRows.bool(rs, "cancelled")),
				Boolean.TRUE.equals(RawRows.bool(rs, "is_deleted"))
						|| Boolean.TRUE.equals(RawRows.bool(rs, "order_deleted")),
				orderKnown, RawRows.text(rs, "origin"));
	}

	/** A sale of {@link #CHANGED_STORE_SALES}. */
	public static SaleLine storeSale(ResultSet rs, int row) throws SQLException {
		long id = rs.getLong("store_sales_id");
		String loyalty = RawRows.text(rs, "loyalty_number");
		return new SaleLine(INSTORE, id, id, rs.getLong("product_id"), null, RawRows.number(rs, "store_id"),
				(loyalty == null || loyalty.isBlank()) ? null : loyalty.strip(),
				RawRows.instant(rs, "transaction_date"), RawRows.text(rs, "transaction_type").strip(),
				rs.getInt("quantity"), RawRows.decimal(rs, "unit_price"), RawRows.decimal(rs, "total_price"), false,
				Boolean.TRUE.equals(RawRows.bool(rs, "is_deleted")), true, RawRows.text(rs, "origin"));
	}

	/** Whether it is a return, whose fact row has a negative quantity and total. */
	public boolean isReturn() {
		return "RETURN".equals(this.transactionType);
	}

}
