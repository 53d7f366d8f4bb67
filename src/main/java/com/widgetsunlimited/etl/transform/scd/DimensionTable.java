package com.widgetsunlimited.etl.transform.scd;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.widgetsunlimited.etl.warehouse.BulkWrite;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The versions of one {@link Dimension} in the warehouse: read for a set of natural keys
 * in one query, written in batches.
 */
public class DimensionTable {

	private final WarehouseDatabase warehouse;

	private final NamedParameterJdbcTemplate jdbc;

	private final WarehouseDialect dialect;

	private final Dimension dimension;

	private final BulkWrite inserts;

	public DimensionTable(WarehouseDatabase warehouse, Dimension dimension) {
		this.warehouse = warehouse;
		this.jdbc = new NamedParameterJdbcTemplate(warehouse.dataSource());
		this.dialect = warehouse.dialect();
		this.dimension = dimension;
		this.inserts = BulkWrite.insert(warehouse, dimension.workTable(), dimension.versionColumns());
	}

	public Dimension dimension() {
		return this.dimension;
	}

	/** The current version of each of {@code naturalKeys} the dimension has. */
	public Map<Long, Version> current(Collection<Long> naturalKeys) {
		Map<Long, Version> current = new HashMap<>();
		query(naturalKeys, " AND is_current = TRUE").forEach((version) -> current.put(version.naturalKey(), version));
		return current;
	}

	/** Every version of each of {@code naturalKeys}, oldest first. */
	public Map<Long, List<Version>> versions(Collection<Long> naturalKeys) {
		Map<Long, List<Version>> versions = new HashMap<>();
		query(naturalKeys, "").forEach(
				(version) -> versions.computeIfAbsent(version.naturalKey(), (key) -> new ArrayList<>()).add(version));
		versions.values().forEach((list) -> list.sort(java.util.Comparator.comparing(Version::effectiveDate)));
		return versions;
	}

	/**
	 * Every version of each of {@code naturalKeys}, oldest first, after creating an
	 * inferred member for each key the dimension does not have yet: a version from
	 * {@link Dimension#BEGINNING} to {@link Dimension#END_OF_TIME}, attributes "Unknown",
	 * completed in place when the real member arrives.
	 */
	public Map<Long, List<Version>> versionsInferringMissing(Collection<Long> naturalKeys, LocalDate businessDate,
			Long jobExecutionId) {
		Map<Long, List<Version>> versions = versions(naturalKeys);
		List<MapSqlParameterSource> inferred = new ArrayList<>();
		for (Long naturalKey : new TreeSet<>(naturalKeys)) {
			if (!versions.containsKey(naturalKey)) {
				inferred.add(row(naturalKey, Dimension.BEGINNING, Dimension.END_OF_TIME, true, true,
						this.dimension.inferred(), businessDate, jobExecutionId));
			}
		}
		if (inferred.isEmpty()) {
			return versions;
		}
		// another step may infer the same member at the same time: the first one wins
		this.jdbc.batchUpdate(
				this.dialect.insertIfAbsent(this.dimension.workTable(),
						List.of(this.dimension.naturalKey(), "effective_date"), this.dimension.versionColumns()),
				inferred.toArray(MapSqlParameterSource[]::new));
		return versions(naturalKeys);
	}

	/**
	 * The surrogate key of the version that describes the member on {@code date}: the one
	 * covering it, or the first version for a date before the member's first.
	 */
	public static long keyOn(List<Version> versions, LocalDate date) {
		for (Version version : versions) {
			if (version.covers(date)) {
				return version.key();
			}
		}
		Version first = versions.get(0);
		return date.isBefore(first.effectiveDate()) ? first.key() : versions.get(versions.size() - 1).key();
	}

	/**
	 * Moves the first versions named by {@code earliest} (surrogate key to date) back to
	 * that date where they begin later: a sale dated before its member came into being at
	 * the source (a late order of a customer created the day after) lies inside the
	 * version it points at. Only ever earlier, so steps that extend the same version at
	 * once agree; in key order, so that they take its row lock in the same order.
	 */
	public void extendFirstVersions(Map<Long, LocalDate> earliest, LocalDate businessDate, Long jobExecutionId) {
		if (earliest.isEmpty()) {
			return;
		}
		String key = this.dimension.surrogateKey();
		List<MapSqlParameterSource> rows = new ArrayList<>();
		new java.util.TreeMap<>(earliest).forEach((version,
				date) -> rows.add(new MapSqlParameterSource(key, version).addValue("effective_date", date)
					.addValue("business_date", businessDate)
					.addValue("job_execution_id", jobExecutionId)));
		this.jdbc.batchUpdate("UPDATE " + this.dimension.workTable() + " SET effective_date = :effective_date, "
				+ "business_date = :business_date, job_execution_id = :job_execution_id WHERE " + key + " = :" + key
				+ " AND effective_date > :effective_date", rows.toArray(MapSqlParameterSource[]::new));
	}

	/** Inserts new versions. */
	void insert(List<MapSqlParameterSource> rows) {
		if (!rows.isEmpty()) {
			this.inserts.write(rows.toArray(MapSqlParameterSource[]::new));
		}
	}

	/**
	 * An update of the versions with a given {@code key} (surrogate or natural) that sets
	 * {@code columns} from its rows and the {@code fixed} assignments; {@code name} tells
	 * it from the table's other updates.
	 */
	BulkWrite update(String name, String key, List<String> columns, String fixed) {
		return BulkWrite.update(this.warehouse, this.dimension.workTable(), name, key, columns, fixed);
	}

	/** The named parameters of a whole version row. */
	MapSqlParameterSource row(long naturalKey, LocalDate effective, LocalDate expiration, boolean current,
			boolean inferred, Map<String, Object> values, LocalDate businessDate, Long jobExecutionId) {
		MapSqlParameterSource row = new MapSqlParameterSource().addValue(this.dimension.naturalKey(), naturalKey)
			.addValue("effective_date", effective)
			.addValue("expiration_date", expiration)
			.addValue("is_current", current)
			.addValue("is_inferred", inferred);
		for (Attribute attribute : this.dimension.attributes()) {
			row.addValue(attribute.column(), values.get(attribute.column()));
		}
		return row.addValue("business_date", businessDate).addValue("job_execution_id", jobExecutionId);
	}

	private List<Version> query(Collection<Long> naturalKeys, String condition) {
		if (naturalKeys.isEmpty()) {
			return List.of();
		}
		String sql = "SELECT " + this.dimension.surrogateKey() + ", " + this.dimension.naturalKey()
				+ ", effective_date, expiration_date, is_inferred, completed_date, "
				+ String.join(", ", this.dimension.columns(this.dimension.attributes())) + " FROM "
				+ this.dimension.workTable() + " WHERE " + this.dialect.keyIn(this.dimension.naturalKey(), "keys")
				+ condition;
		return this.jdbc.query(sql,
				new MapSqlParameterSource("keys", this.dialect.keysValue(new TreeSet<>(naturalKeys))), this::version);
	}

	private Version version(ResultSet rs, int row) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Attribute attribute : this.dimension.attributes()) {
			values.put(attribute.column(), attribute.kind().canonical(rs.getObject(attribute.column())));
		}
		return new Version(rs.getLong(this.dimension.surrogateKey()), rs.getLong(this.dimension.naturalKey()),
				rs.getDate("effective_date").toLocalDate(), rs.getDate("expiration_date").toLocalDate(),
				rs.getBoolean("is_inferred"), values,
				(rs.getDate("completed_date") != null) ? rs.getDate("completed_date").toLocalDate() : null);
	}

}
