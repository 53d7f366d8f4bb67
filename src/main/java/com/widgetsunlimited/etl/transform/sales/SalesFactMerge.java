package com.widgetsunlimited.etl.transform.sales;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The set-based part of a sales fact step, where the dialect writes in common table
 * expressions (PostgreSQL; {@link SalesFactLoader}): one statement writes into
 * {@code sales_fact} every changed line of the day whose query resolves it completely
 * (its order known, a version of each of its members covering the sale date, a loyalty
 * number the query matched exactly or none), computing the fact row as
 * {@link SalesFactWriter} does, and records the others in {@value #PENDING}, in the same
 * transaction. The step's reader then reads only those ({@link #pendingLines()}), and the
 * writer resolves them one chunk at a time: inferred members, orphans, loyalty numbers
 * with stray spaces (about 1% of a generated day). So most lines never travel to the JVM
 * and back, and the day's lines are queried once.
 * <p>
 * A line {@code sales_fact} does not hold yet goes in by a plain {@code INSERT}, one it
 * holds by the upsert: an upsert's speculative insertion costs a WAL record more per row
 * and made a day's 500,000 new rows take a third longer. Nothing else inserts the same
 * keys meanwhile: the two channels write disjoint keys, and one process loads a warehouse
 * at a time; should one ever, the insert fails on the key and the step with it, to be run
 * again, rather than writing a line twice.
 * <p>
 * Restartable: the pending lines are kept in the warehouse, so a restarted step reads the
 * same list and resumes after the lines it already wrote ({@link SaleLineReader} merges
 * once per step, and removes the pending lines in the transaction of the chunk that
 * writes the last of them). Merging again (a rerun of the day) is harmless: a line whose
 * fact row is unchanged is not written, and the day's pending lines are replaced.
 */
public final class SalesFactMerge {

	/** The lines of each day and channel left to the chunked writer. */
	static final String PENDING = "etl_sales_line_pending";

	private final WarehouseDatabase warehouse;

	private final String sourceSystem;

	private final String lines;

	private final Object[] arguments;

	private final String lineId;

	private final String resolved;

	private final String facts;

	private final String pendingLines;

	private final Object[] pendingArguments;

	private final LocalDate businessDate;

	private SalesFactMerge(WarehouseDatabase warehouse, String sourceSystem, String lines, Object[] arguments,
			String lineId, String resolved, String facts, String pendingLines, Object[] pendingArguments,
			LocalDate businessDate) {
		this.warehouse = warehouse;
		this.sourceSystem = sourceSystem;
		this.lines = lines;
		this.arguments = arguments;
		this.lineId = lineId;
		this.resolved = resolved;
		this.facts = facts;
		this.pendingLines = pendingLines;
		this.pendingArguments = pendingArguments;
		this.businessDate = businessDate;
	}

	/** The web order lines of {@code date}. */
	public static SalesFactMerge web(WarehouseDatabase warehouse, LocalDate date, long jobExecutionId) {
		String facts = String.join(",\n", "'" + SaleLine.ECOMMERCE + "'", "order_line_item_id",
				dateKey("execution_time"), "customer_key", "product_key", "store_key", "'ONLINE'", "order_id", "'SALE'",
				"ABS(quantity)", "unit_price", "total_price", "COALESCE(cancelled, FALSE)",
				"COALESCE(is_deleted, FALSE) OR COALESCE(order_deleted, FALSE)", literal(date),
				Long.toString(jobExecutionId));
		String resolved = """
				known_order_id IS NOT NULL AND execution_time IS NOT NULL
				AND customer_key IS NOT NULL AND product_key IS NOT NULL AND store_key IS NOT NULL
				AND quantity > -2147483648 AND unit_price IS NOT NULL AND total_price IS NOT NULL""";
		return new SalesFactMerge(warehouse, SaleLine.ECOMMERCE, SaleLine.changedWebLines(warehouse.dialect()),
				new Object[] { date, date, date, date }, "order_line_item_id", resolved, facts,
				SaleLine
					.webLines("(SELECT * FROM raw_ecommerce_order_line_item WHERE order_line_item_id IN ("
							+ pendingIds(SaleLine.ECOMMERCE) + "))", warehouse.dialect())
						+ "\nORDER BY order_line_item_id",
				new Object[] { date, date }, date);
	}

	/** The store sales of {@code date}. */
	public static SalesFactMerge store(WarehouseDatabase warehouse, LocalDate date, long jobExecutionId) {
		// the customer as SalesFactWriter decides it when the query covered everything:
		// the loyal customer if known when the day was loaded, else the unknown customer
		String customer = "CASE WHEN loyal_customer_id IS NOT NULL AND (loyal_completed_date IS NULL "
				+ "OR loyal_completed_date <= " + literal(date) + ") THEN customer_key ELSE unknown_customer_key END";
		String facts = String.join(",\n", "'" + SaleLine.INSTORE + "'", "store_sales_id", dateKey("transaction_date"),
				customer, "product_key", "store_key", "'STORE'", "store_sales_id", "transaction_type",
				"CASE WHEN transaction_type = 'RETURN' THEN -ABS(quantity) ELSE ABS(quantity) END", "unit_price",
				"CASE WHEN transaction_type = 'RETURN' THEN -ABS(total_price) ELSE total_price END", "FALSE",
				"COALESCE(is_deleted, FALSE)", literal(date), Long.toString(jobExecutionId));
		// a loyalty number of letters and digits only reads the same stripped (the
		// writer's) and trimmed (the query's); any other goes to the writer
		String resolved = """
				product_key IS NOT NULL AND store_key IS NOT NULL AND transaction_date IS NOT NULL
				AND transaction_type IN ('SALE', 'RETURN')
				AND quantity > -2147483648 AND unit_price IS NOT NULL AND total_price IS NOT NULL
				AND (loyalty_number IS NULL
				     OR (loyalty_number ~ '^[0-9A-Za-z]+$' AND loyalty_number = matched_loyalty_number
				         AND (loyal_customer_id IS NULL OR customer_key IS NOT NULL)))
				AND %s IS NOT NULL""".formatted(customer);
		return new SalesFactMerge(warehouse, SaleLine.INSTORE, SaleLine.CHANGED_STORE_SALES, new Object[] { date },
				"store_sales_id", resolved, facts,
				SaleLine.storeSales("s.store_sales_id IN (" + pendingIds(SaleLine.INSTORE) + ")")
						+ "\nORDER BY store_sales_id",
				new Object[] { date }, date);
	}

	/**
	 * What a merge did.
	 *
	 * @param written fact rows inserted or changed
	 * @param pending lines left to the chunked writer
	 */
	public record Merged(long written, long pending) {

	}

	/**
	 * Upserts the resolved lines and records the others as pending, in one transaction.
	 */
	public Merged merge() {
		JdbcTemplate jdbc = new JdbcTemplate(this.warehouse.dataSource());
		String statement = statement();
		TransactionTemplate transaction = new TransactionTemplate(
				new DataSourceTransactionManager(this.warehouse.dataSource()));
		Map<String, Object> counts = transaction.execute((status) -> {
			forgetPending();
			return jdbc.queryForMap(statement, this.arguments);
		});
		return new Merged(((Number) counts.get("merged")).longValue(), ((Number) counts.get("pending")).longValue());
	}

	/** Removes the day's pending lines of this channel, once they are written. */
	public void forgetPending() {
		new JdbcTemplate(this.warehouse.dataSource()).update(
				"DELETE FROM " + PENDING + " WHERE business_date = ? AND source_system = ?", this.businessDate,
				this.sourceSystem);
	}

	/**
	 * The merge: the day's lines queried once, the resolved ones upserted, the others
	 * recorded as pending; it answers both counts.
	 */
	String statement() {
		WarehouseDialect dialect = this.warehouse.dialect();
		String inserted = dialect.insertFrom(SalesFactWriter.TABLE, SalesFactWriter.COLUMNS, resolved("held IS NULL"));
		String updated = dialect.fromTable(SalesFactWriter.upsert(this.warehouse), SalesFactWriter.TABLE,
				SalesFactWriter.COLUMNS, resolved("held"));
		// held: whether sales_fact has the line already. A key above the largest of the
		// channel's facts is not there: the largest is looked up once, at the end of the
		// key's index. Any other key is probed, one descent of the index per line (a
		// scalar subquery, never planned as a join that could hash the whole table).
		// Sources number their lines in increasing order, so a day's new lines, most of
		// its lines, skip the probe: 0.6 s of the database's CPU per 500,000 lines.
		String line = "line." + this.lineId;
		String held = "CASE WHEN " + line + " <= (SELECT MAX(source_line_id) FROM " + SalesFactWriter.TABLE
				+ " WHERE source_system = '" + this.sourceSystem + "') THEN (SELECT TRUE FROM " + SalesFactWriter.TABLE
				+ " f WHERE f.source_system = '" + this.sourceSystem + "' AND f.source_line_id = " + line + ") END";
		return "WITH lines AS MATERIALIZED (SELECT line.*, " + held + " AS held FROM (" + this.lines + ") line),\n"
				+ "inserted AS (" + inserted + " RETURNING 1),\n" + "updated AS (" + updated + " RETURNING 1),\n"
				+ "pending AS (INSERT INTO " + PENDING + " (business_date, source_system, line_id) SELECT "
				+ literal(this.businessDate) + ", '" + this.sourceSystem + "', " + this.lineId
				+ " FROM lines WHERE NOT (" + this.resolved + ") RETURNING 1)\n"
				+ "SELECT (SELECT COUNT(*) FROM inserted) + (SELECT COUNT(*) FROM updated) AS merged,"
				+ " (SELECT COUNT(*) FROM pending) AS pending";
	}

	/**
	 * The fact rows of the resolved lines that {@code condition} (on {@code held})
	 * selects, as a table with the columns of {@code sales_fact}.
	 */
	private String resolved(String condition) {
		return "(SELECT " + this.facts.replace(",\n", ", ") + " FROM lines WHERE " + condition + " AND ("
				+ this.resolved + ")) AS resolved (" + String.join(", ", SalesFactWriter.COLUMNS) + ")";
	}

	/**
	 * The query of the lines the last {@link #merge()} left pending, ordered by key, with
	 * the same columns as the channel's full query, to run with
	 * {@link #pendingArguments()}.
	 */
	public String pendingLines() {
		return this.pendingLines;
	}

	/**
	 * The arguments of {@link #pendingLines()}: the business date, for each {@code ?}.
	 */
	public Object[] pendingArguments() {
		return this.pendingArguments.clone();
	}

	private static String pendingIds(String sourceSystem) {
		return "SELECT line_id FROM " + PENDING + " WHERE business_date = ? AND source_system = '" + sourceSystem + "'";
	}

	/**
	 * {@code DateDimRow.dateKey} of a timestamp column's date ({@code date_part} answers
	 * a double, exact for these integers, and costs a third of {@code EXTRACT}'s
	 * numeric).
	 */
	private static String dateKey(String column) {
		return "CAST(date_part('year', " + column + ") * 10000 + date_part('month', " + column
				+ ") * 100 + date_part('day', " + column + ") AS INTEGER)";
	}

	private static String literal(LocalDate date) {
		return "DATE '" + date + "'";
	}

}
