package com.widgetsunlimited.etl.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An analyst's dashboard in a loop: while runs load days, it queries the dimensions and
 * the fact analysts see, each time in one statement (one snapshot) from a new connection,
 * and keeps every distinct answer. A run that showed a day partly loaded leaves an answer
 * that is neither the day set before nor the one after.
 */
public final class PublishedTablesWatcher implements AutoCloseable {

	/** Per table, its rows and sums that any written chunk changes. */
	public static final String DAY_SET = """
			SELECT 'customer_dim', COUNT(*), SUM(customer_key), SUM(CASE WHEN is_current THEN customer_key ELSE 0 END)
			FROM customer_dim
			UNION ALL SELECT 'product_dim', COUNT(*), SUM(product_key),
			       SUM(CASE WHEN is_current THEN product_key ELSE 0 END) FROM product_dim
			UNION ALL SELECT 'store_dim', COUNT(*), SUM(store_key), SUM(CASE WHEN is_current THEN store_key ELSE 0 END)
			FROM store_dim
			UNION ALL SELECT 'sales_fact', COUNT(*), SUM(total_price), SUM(CASE WHEN is_deleted THEN 1 ELSE 0 END)
			FROM sales_fact""";

	private final Set<List<String>> seen = new LinkedHashSet<>();

	private final AtomicInteger answers = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	private PublishedTablesWatcher(World world) {
		this.thread = new Thread(() -> watch(world), "published-tables-watcher");
		this.thread.setDaemon(true);
	}

	/** Starts watching {@code world}'s warehouse. */
	public static PublishedTablesWatcher start(World world) {
		PublishedTablesWatcher watcher = new PublishedTablesWatcher(world);
		watcher.thread.start();
		return watcher;
	}

	/** The day set as {@code warehouse} shows it now. */
	public static List<String> daySet(JdbcTemplate warehouse) {
		return warehouse.query(DAY_SET, (rs, row) -> line(rs));
	}

	/** Every distinct answer seen so far, in the order first seen. */
	public synchronized Set<List<String>> seen() {
		return new LinkedHashSet<>(this.seen);
	}

	/** How many times it got an answer. */
	public int answers() {
		return this.answers.get();
	}

	private void watch(World world) {
		while (this.running.get()) {
			Optional<Connection> connection = world.connectWhileRunning();
			if (connection.isPresent()) {
				try (Connection open = connection.get();
						Statement statement = open.createStatement();
						ResultSet rs = statement.executeQuery(DAY_SET)) {
					List<String> answer = new ArrayList<>();
					while (rs.next()) {
						answer.add(line(rs));
					}
					synchronized (this) {
						this.seen.add(answer);
					}
					this.answers.incrementAndGet();
				}
				catch (SQLException ex) {
					// the server is starting or stopping: try again
				}
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static String line(ResultSet rs) throws SQLException {
		java.math.BigDecimal sum = rs.getBigDecimal(3);
		return rs.getString(1) + " " + rs.getLong(2) + " "
				+ ((sum != null) ? sum.stripTrailingZeros().toPlainString() : "0") + " " + rs.getLong(4);
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.thread.join(10_000);
	}

}
