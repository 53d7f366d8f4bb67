package com.widgetsunlimited.etl.staging;

import java.time.Instant;

import com.widgetsunlimited.etl.model.Row;

/**
 * One source row on its way to staging, with what happened to it and where it came from.
 *
 * @param row the row as the source holds it (secrets and card numbers still in it: the
 * staging writer drops and masks them)
 * @param operation Debezium's code of what happened: {@code c} created, {@code u}
 * updated, {@code d} deleted (the row is then the last state before the delete),
 * {@code r} read as-is (a full-state snapshot such as a CSV drop line)
 * @param sourceTime when the source recorded the change, if it says
 * @param origin where exactly it was read: {@code product_20240101.csv:17},
 * {@code ecommerce.customer/2@1534}, {@code instore.store_sales:1001}
 */
public record StagedRow(Row row, String operation, Instant sourceTime, String origin) {
}
