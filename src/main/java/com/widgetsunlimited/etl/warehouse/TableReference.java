package com.widgetsunlimited.etl.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference of the tables analysts query, read from {@code docs/warehouse.md} (packed
 * into the jar as {@code docs/warehouse.md}): per table, its first sentence and, per
 * column, the text of its row, so that the database's own comments say what the
 * documentation says. A section headed by a table's name describes that table; the
 * section "The dimensions" describes the columns every dimension has ({@code <dim>_key}
 * ...).
 *
 * @param tables per table, its description and its columns' descriptions
 */
public record TableReference(Map<String, Described> tables) {

	/** Where the reference is on the class path. */
	public static final String RESOURCE = "docs/warehouse.md";

	/** The dimensions, which share the columns of the section "The dimensions". */
	static final List<String> DIMENSIONS = List.of("customer_dim", "product_dim", "store_dim");

	private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$");

	private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

	private static final Pattern NAMES = Pattern.compile("`([^`]+)`");

	/**
	 * A table's description and its columns' descriptions.
	 *
	 * @param text the first sentence of its section
	 * @param columns per column, the text of its row
	 */
	public record Described(String text, Map<String, String> columns) {
	}

	/** The reference as the jar carries it. */
	public static TableReference load() {
		try (InputStream in = TableReference.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the class path");
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The tables and columns {@code markdown} describes. */
	public static TableReference parse(String markdown) {
		Map<String, Described> tables = new LinkedHashMap<>();
		Map<String, String> shared = new LinkedHashMap<>();
		String table = null;
		Map<String, String> columns = null;
		StringBuilder paragraph = null;
		for (String line : (markdown + "\n").split("\\R")) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String title = heading.group(1).strip();
				boolean named = TABLE_NAME.matcher(title).matches();
				table = named ? title : null;
				columns = named ? new LinkedHashMap<>() : title.equals("The dimensions") ? shared : null;
				paragraph = named ? new StringBuilder() : null;
				if (named) {
					tables.put(title, new Described("", columns));
				}
				continue;
			}
			if (columns == null) {
				continue;
			}
			if (line.startsWith("|")) {
				addColumns(line, columns);
			}
			else if (paragraph != null && !line.isBlank()) {
				paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
			}
			else if (paragraph != null && !paragraph.isEmpty()) {
				tables.put(table, new Described(firstSentence(plain(paragraph.toString())), columns));
				paragraph = null;
			}
		}
		for (String dimension : DIMENSIONS) {
			Described own = tables.get(dimension);
			if (own != null) {
				Map<String, String> all = new LinkedHashMap<>();
				String prefix = dimension.substring(0, dimension.length() - "_dim".length());
				shared.forEach((column, description) -> all.put(column.replace("<dim>", prefix), description));
				all.putAll(own.columns());
				tables.put(dimension, new Described(own.text(), all));
			}
		}
		return new TableReference(tables);
	}

	/**
	 * The columns a table row names in its first cell, each described by its last cell
	 * (with the history rule of a middle cell before it).
	 */
	private static void addColumns(String line, Map<String, String> columns) {
		List<String> cells = new ArrayList<>();
		for (String cell : line.substring(1).split("\\|", -1)) {
			cells.add(cell.strip());
		}
		if (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
			cells.remove(cells.size() - 1);
		}
		if (cells.size() < 2 || !cells.get(0).startsWith("`")) {
			return;
		}
		String description = plain(cells.get(cells.size() - 1));
		if (cells.size() > 2 && !cells.get(1).isEmpty()) {
			String history = "history: " + plain(cells.get(1));
			description = description.isEmpty() ? history : history + "; " + description;
		}
		Matcher names = NAMES.matcher(cells.get(0));
		while (names.find()) {
			columns.put(names.group(1), description);
		}
	}

	/** Markdown's emphasis, code quotes and links reduced to their text. */
	static String plain(String markdown) {
		return markdown.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("**", "").strip();
	}

	private static String firstSentence(String text) {
		int end = text.indexOf(". ");
		return (end < 0) ? text : text.substring(0, end + 1);
	}

}
