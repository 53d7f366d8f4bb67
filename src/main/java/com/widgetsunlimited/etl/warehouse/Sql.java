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

	/** {@code columns} in their order, less those of {@code excluded}. */
	@SafeVarargs
	static List<String> without(List<String> columns, List<String>... excluded) {
		return columns.stream()
			.filter((column) -> java.util.Arrays.stream(excluded).noneMatch((list) -> list.contains(column)))
			.toList();
	}

	/** {@code INSERT INTO table (a, b) VALUES (:a, :b)} with named parameters. */
	static String insert(String table, List<String> columns) {
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ columns.stream().map((column) -> ":" + column).collect(Collectors.joining(", ")) + ")";
	}

}
