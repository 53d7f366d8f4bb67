package com.widgetsunlimited.etl.warehouse;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MySQL 8 and MariaDB 10.6 and later; {@code name} tells them apart where Spring Batch's
 * scripts do.
 */
public record MySqlDialect(String name) implements WarehouseDialect {

	@Override
	public Map<String, String> schemaPlaceholders() {
		return Map.of("identity", "BIGINT AUTO_INCREMENT", "timestamp", "DATETIME(6)", "text", "LONGTEXT",
				"table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
	}

	@Override
	public String upsert(String table, List<String> keyColumns, List<String> columns) {
		String updates = columns.stream()
			.filter((column) -> !keyColumns.contains(column))
			.map((column) -> column + " = VALUES(" + column + ")")
			.collect(Collectors.joining(", "));
		// VALUES(col) is the form both MySQL 8 and MariaDB accept
		return Sql.insert(table, columns) + " ON DUPLICATE KEY UPDATE "
				+ (updates.isEmpty() ? keyColumns.get(0) + " = " + keyColumns.get(0) : updates);
	}

}
