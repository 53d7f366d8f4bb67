package com.widgetsunlimited.etl.warehouse;

import java.time.LocalDate;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;

/**
 * An input row quarantined in {@code etl_reject}: what it was, where it came from, why.
 *
 * @param origin where exactly: {@code product_20240101.csv:17},
 * {@code ecommerce.order/1@233}, {@code instore.store_sales:1001}
 * @param reason a specific reason a person can act on
 * @param payload the raw input (masked before it is stored)
 */
public record Reject(LocalDate businessDate, Source source, Entity entity, String origin, String reason,
		String payload) {
}
