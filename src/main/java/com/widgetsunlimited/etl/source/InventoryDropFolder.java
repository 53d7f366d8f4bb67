package com.widgetsunlimited.etl.source;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.widgetsunlimited.etl.model.Entity;

/**
 * The inventory system's daily drop (docs/sources.md): for each business day, one CSV
 * file per entity ({@code product_YYYYMMDD.csv}, ...) with a header row and RFC 4180
 * quoting, holding the latest state of every row inserted or changed that day, then a
 * {@code _READY_YYYYMMDD} marker. Every file appears under its final name only once
 * complete.
 *
 * @param path the drop folder of the inventory system ({@code <drop>/inventory})
 */
public record InventoryDropFolder(Path path) {

	/** How the inventory system writes dates. */
	public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

	/** How the inventory system writes points in time (UTC). */
	public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	/** The file of {@code entity} for {@code date}: {@code product_20240101.csv}. */
	public Path file(Entity entity, LocalDate date) {
		return this.path.resolve(entity.id() + "_" + DAY.format(date) + ".csv");
	}

	/** The marker that says the day's files are complete. */
	public Path readyMarker(LocalDate date) {
		return this.path.resolve("_READY_" + DAY.format(date));
	}

	/** A value as the inventory system writes it. */
	public static String format(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof LocalDate date) {
			return DATE.format(date);
		}
		if (value instanceof Instant instant) {
			return TIMESTAMP.format(instant);
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

}
