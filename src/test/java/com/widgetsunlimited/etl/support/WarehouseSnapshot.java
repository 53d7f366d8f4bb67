package com.widgetsunlimited.etl.support;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a warehouse holds, for comparing two warehouses that loaded the same days: every
 * table (the star schema, the raw layer, the operational tables; not the job repository
 * nor the schema history) and every column, less what says when and by which execution a
 * row was loaded. Surrogate keys are numbers the database hands out (a rolled-back insert
 * uses some up), so a version is named by its natural key and effective date, in its
 * dimension and in the facts that point at it. Rows are sorted.
 */
public final class WarehouseSnapshot {

	/**
	 * Columns that record the loading, not the data (an in-store snapshot names the
	 * transactions in progress when a run read the in-store database).
	 */
	private static final Set<String> LOAD_COLUMNS = Set.of("job_execution_id", "rejected_at", "audited_at",
			"recorded_at", "published_at", "snapshot");

	/** Keys the database numbers. */
	private static final Set<String> GENERATED_KEYS = Set.of("reject_id");

	private static final List<String> DIMENSIONS = List.of("customer", "product", "store");

	private WarehouseSnapshot() {
	}

	/** Every table's rows, as sorted lines of {@code column=value}. */
	public static Map<String, List<String>> of(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Map<String, Map<Long, String>> versions = new HashMap<>();
		for (String dimension : DIMENSIONS) {
			Map<Long, String> names = new HashMap<>();
			jdbc.query("SELECT " + dimension + "_key, " + dimension + "_id, effective_date FROM " + dimension + "_dim",
					(rs) -> {
						names.put(rs.getLong(1), rs.getLong(2) + "@" + rs.getDate(3));
					});
			versions.put(dimension + "_key", names);
		}
		Map<String, List<String>> tables = new TreeMap<>();
		for (String table : tables(jdbc)) {
			List<String> rows = new ArrayList<>();
			for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
				Map<String, Object> values = new TreeMap<>();
				row.forEach((column, value) -> {
					String name = column.toLowerCase(Locale.ROOT);
					if (LOAD_COLUMNS.contains(name) || GENERATED_KEYS.contains(name)) {
						return;
					}
					Map<Long, String> version = versions.get(name);
					if (version == null || value == null) {
						values.put(name, value);
					}
					else if (!table.equals(name.replace("_key", "_dim"))) {
						values.put(name, version.getOrDefault(((Number) value).longValue(), "missing " + value));
					}
				});
				rows.add(values.toString());
			}
			rows.sort(null);
			tables.put(table, rows);
		}
		return tables;
	}

	private static List<String> tables(JdbcTemplate jdbc) {
		return jdbc.execute((ConnectionCallback<List<String>>) (connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			List<String> names = new ArrayList<>();
			try (ResultSet rs = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%",
					new String[] { "TABLE" })) {
				while (rs.next()) {
					String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
					if (!name.startsWith("batch_") && !name.equals("flyway_schema_history")) {
						names.add(name);
					}
				}
			}
			return names;
		});
	}

}
