package com.widgetsunlimited.etl.warehouse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Statement fragments that every dialect shares. Identifiers come from code, never from
 * input.
 */
final class Sql {

	private Sql() {
	}

	/** {@code INSERT INTO table (a, b) VALUES (:a, :b)} with named parameters. */
	static String insert(String table, List<String> columns) {
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ columns.stream().map((column) -> ":" + column).collect(Collectors.joining(", ")) + ")";
	}

}
