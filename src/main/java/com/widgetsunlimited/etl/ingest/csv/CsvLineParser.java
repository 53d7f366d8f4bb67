package com.widgetsunlimited.etl.ingest.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.ingest.RowRules;
import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import com.widgetsunlimited.etl.staging.StagedRow;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a drop file line into a typed row of its entity (dates {@code MM/dd/yyyy}, times
 * {@code MM/dd/yyyy HH:mm:ss} UTC, decimals with a dot), or into a reject that names the
 * field and the value at fault, or the {@link RowRules rule} the row breaks. Every
 * problem of the line is reported, not only the first.
 */
public class CsvLineParser implements ItemProcessor<CsvLine, Ingested> {

	private final Entity entity;

	private final LocalDate businessDate;

	private final List<String> header;

	/**
	 * @param header the file's header, which names the columns of every line
	 */
	public CsvLineParser(Entity entity, LocalDate businessDate, List<String> header) {
		this.entity = entity;
		this.businessDate = businessDate;
		this.header = header;
	}

	@Override
	public Ingested process(CsvLine line) {
		if (line.fields() == null) {
			return reject(line, line.error());
		}
		if (line.fields().length != this.header.size()) {
			return reject(line,
					"expected " + this.header.size() + " fields as in the header, found " + line.fields().length);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < this.header.size(); i++) {
			String name = this.header.get(i);
			Column column = this.entity.column(name);
			String text = line.fields()[i];
			if (text.indexOf(CsvDropReader.NOT_UTF8) >= 0) {
				problems.add(name + " holds bytes that are not UTF-8");
				continue;
			}
			if (text.isEmpty()) {
				if (!column.nullable()) {
					problems.add(name + " is empty");
				}
				values.put(name, null);
				continue;
			}
			try {
				values.put(name, parse(column, text));
			}
			catch (IllegalArgumentException | DateTimeParseException | ArithmeticException ex) {
				problems.add(name + " '" + abbreviate(text) + "' is not " + expected(column, text.trim()));
			}
		}
		if (!problems.isEmpty()) {
			return reject(line, String.join("; ", problems));
		}
		Row row = Row.of(this.entity, values);
		List<String> broken = RowRules.problems(row);
		if (!broken.isEmpty()) {
			return reject(line, String.join("; ", broken));
		}
		return Ingested.staged(new StagedRow(row, "r", row.timestamp(Entity.UPDATED_AT), line.origin()));
	}

	/**
	 * How dates are read: as {@link InventoryDropFolder#DATE}, strictly (February 30 is
	 * not taken for February 29).
	 */
	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	/** How times are read: as {@link InventoryDropFolder#TIMESTAMP}, strictly. */
	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm:ss")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

	/**
	 * A field's value as the inventory system writes it (see
	 * {@link InventoryDropFolder#format}).
	 */
	static Object parse(Column column, String text) {
		String value = text.trim();
		return switch (column.type()) {
			case LONG -> Long.parseLong(value);
			case INTEGER -> Integer.parseInt(value);
			case DECIMAL -> new BigDecimal(value);
			case STRING -> text;
			case DATE -> LocalDate.parse(value, DATE);
			case TIMESTAMP -> LocalDateTime.parse(value, TIMESTAMP).toInstant(ZoneOffset.UTC);
			case BOOLEAN -> parseBoolean(value);
		};
	}

	private static Boolean parseBoolean(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "t", "y", "yes", "1" -> true;
			case "false", "f", "n", "no", "0" -> false;
			default -> throw new IllegalArgumentException(value);
		};
	}

	private static String expected(Column column, String value) {
		return switch (column.type()) {
			case LONG -> WHOLE_NUMBER.matcher(value).matches() ? "a whole number within 64 bits" : "a whole number";
			case INTEGER -> WHOLE_NUMBER.matcher(value).matches() ? "a whole number within 32 bits" : "a whole number";
			case DECIMAL -> "a decimal number";
			case DATE -> "a date (MM/dd/yyyy)";
			case TIMESTAMP -> "a time (MM/dd/yyyy HH:mm:ss)";
			case BOOLEAN -> "true or false";
			case STRING -> "text";
		};
	}

	private Ingested reject(CsvLine line, String reason) {
		return Ingested
			.rejected(new Reject(this.businessDate, Source.INVENTORY, this.entity, line.origin(), reason, line.raw()));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

}
