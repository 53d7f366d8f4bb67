package com.widgetsunlimited.etl.warehouse;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.rowset.SqlRowSetMetaData;

/**
 * Write, audit, publish. A day's changes to the dimensions and the fact are written to
 * work tables (named {@code etl_work_} and the table's name, the same columns and keys),
 * where analysts do not see them; the pipeline reads and audits them there; then one
 * transaction copies every row written since the last publication to the tables analysts
 * query. Those show a day completely or not at all, and a day whose audit fails leaves
 * them as they were and its work where it can be inspected.
 * <p>
 * Every row records the job execution that last wrote it, and execution ids only grow, so
 * what to publish is the rows whose execution is above the last one published
 * ({@value #LOG}): a restarted day's earlier attempts included, a row a rerun left as it
 * was not copied again.
 */
public final class Publication {

	/** Every publication: the date, the execution that published it, how many rows. */
	public static final String LOG = "etl_publication";

	/** The published tables, dimensions before the fact, and their primary keys. */
	public static final List<Published> TABLES = List.of(new Published("customer_dim", List.of("customer_key")),
			new Published("product_dim", List.of("product_key")), new Published("store_dim", List.of("store_key")),
			new Published("sales_fact", List.of("source_system", "source_line_id")));

	private static final String WORK_PREFIX = "etl_work_";

	private final JdbcTemplate jdbc;

	private final WarehouseDialect dialect;

	/**
	 * A table analysts query and the key a publication matches its rows by.
	 *
	 * @param table its name
	 * @param key its primary key's columns
	 */
	public record Published(String table, List<String> key) {

		/** The work table the pipeline writes in its place. */
		public String work() {
			return Publication.work(this.table);
		}

	}

	public Publication(WarehouseDatabase warehouse) {
		this.jdbc = new JdbcTemplate(warehouse.dataSource());
		this.dialect = warehouse.dialect();
	}

	/** The work table the pipeline writes in place of the published {@code table}. */
	public static String work(String table) {
		return WORK_PREFIX + table;
	}

	/** The last job execution whose work is published; 0 before any. */
	public long watermark() {
		Long last = this.jdbc.queryForObject("SELECT MAX(job_execution_id) FROM " + LOG, Long.class);
		return (last != null) ? last : 0;
	}

	/**
	 * Publishes {@code date}: copies every row written since the last publication from
	 * the work tables to the published ones and records it, all in the caller's
	 * transaction, so that it commits as one. Answers the rows copied per table.
	 */
	public Map<String, Long> publish(LocalDate date, long jobExecutionId) {
		long watermark = watermark();
		Map<String, Long> published = new LinkedHashMap<>();
		for (Published table : TABLES) {
			String since = table.work() + " WHERE job_execution_id > " + watermark;
			Long rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + since, Long.class);
			if (rows != null && rows > 0) {
				List<String> columns = columns(table.table());
				this.jdbc.update(this.dialect.fromTable(this.dialect.upsert(table.table(), table.key(), columns),
						table.table(), columns, since));
			}
			published.put(table.table(), (rows != null) ? rows : 0);
		}
		this.jdbc.update(
				"INSERT INTO " + LOG + " (job_execution_id, business_date, rows_published, published_at) "
						+ "VALUES (?, ?, ?, ?)",
				Math.max(jobExecutionId, watermark), date, published.values().stream().mapToLong(Long::longValue).sum(),
				Timestamp.from(Instant.now()));
		return published;
	}

	/**
	 * Why {@code date} must not be loaded now, or empty: the work tables hold rows of
	 * another date that were never published (its run failed or was left), which the
	 * publication of {@code date} would publish with it.
	 */
	public Optional<String> otherDatesWork(LocalDate date) {
		long watermark = watermark();
		List<Long> executions = new ArrayList<>();
		for (Published table : TABLES) {
			executions.addAll(this.jdbc.queryForList(
					"SELECT DISTINCT job_execution_id FROM " + table.work() + " WHERE job_execution_id > " + watermark,
					Long.class));
		}
		if (executions.isEmpty()) {
			return Optional.empty();
		}
		Map<LocalDate, String> others = new TreeMap<>();
		this.jdbc.query(
				"SELECT e.JOB_EXECUTION_ID, e.STATUS, p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e "
						+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
						+ "WHERE p.PARAMETER_NAME = 'date' AND e.JOB_EXECUTION_ID IN ("
						+ executions.stream().distinct().map(String::valueOf).collect(Collectors.joining(", ")) + ")",
				(rs) -> {
					LocalDate other = LocalDate.parse(rs.getString(3));
					if (!other.equals(date)) {
						others.merge(other, "execution " + rs.getLong(1) + " " + rs.getString(2),
								(a, b) -> a + ", " + b);
					}
				});
		if (others.isEmpty()) {
			return Optional.empty();
		}
		LocalDate other = others.keySet().iterator().next();
		return Optional.of("the warehouse holds unpublished work of " + other + " (" + others.get(other)
				+ "), which would be published with " + date + "'s: finish " + other + " first (--job=dailyCycle date="
				+ other + " resumes it; add rerun=true to redo it)");
	}

	private List<String> columns(String table) {
		SqlRowSetMetaData metaData = this.jdbc.queryForRowSet("SELECT * FROM " + table + " WHERE 1 = 0").getMetaData();
		List<String> columns = new ArrayList<>();
		for (int column = 1; column <= metaData.getColumnCount(); column++) {
			columns.add(metaData.getColumnName(column).toLowerCase(java.util.Locale.ROOT));
		}
		return columns;
	}

}
