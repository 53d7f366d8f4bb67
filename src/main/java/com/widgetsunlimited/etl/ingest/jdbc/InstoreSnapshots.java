package com.widgetsunlimited.etl.ingest.jdbc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The in-store database's transaction snapshots ({@code pg_current_snapshot()}) that
 * bound each business date's extraction, recorded in {@code etl_instore_snapshot} the
 * first time the date is extracted: a restart or a rerun of the date reads with the same
 * snapshot, so it reads the same rows.
 * <p>
 * An {@code updated_at} window alone misses a row whose transaction stamped it before the
 * window closed and committed after the window was read: the next window no longer holds
 * its time. With the snapshots, a date reads the rows of its window that its snapshot
 * sees, and also the rows of the days just before it (within the lookback) that the
 * previous date's snapshot did not see yet.
 */
public final class InstoreSnapshots {

	private final JdbcTemplate warehouse;

	private final JdbcTemplate instore;

	public InstoreSnapshots(DataSource warehouse, DataSource instore) {
		this.warehouse = new JdbcTemplate(warehouse);
		this.instore = new JdbcTemplate(instore);
	}

	/**
	 * The snapshots of {@code date}'s extraction: its own (taken now and recorded if the
	 * date has none yet) and that of the latest date before it, if any.
	 */
	public Window window(LocalDate date) {
		Optional<String> recorded = snapshot("business_date = ?", date);
		String current = recorded.orElseGet(() -> record(date));
		return new Window(current, snapshot("business_date < ? ORDER BY business_date DESC", date).orElse(null));
	}

	private String record(LocalDate date) {
		String snapshot = this.instore.queryForObject("SELECT CAST(pg_current_snapshot() AS TEXT)", String.class);
		try {
			this.warehouse.update(
					"INSERT INTO etl_instore_snapshot (business_date, snapshot, recorded_at) VALUES (?, ?, ?)", date,
					snapshot, LocalDateTime.now(ZoneOffset.UTC));
			return snapshot;
		}
		catch (DuplicateKeyException ex) {
			// another partition of the same run recorded it first: that one holds
			return snapshot("business_date = ?", date).orElseThrow();
		}
	}

	private Optional<String> snapshot(String condition, LocalDate date) {
		List<String> snapshots = this.warehouse
			.queryForList("SELECT snapshot FROM etl_instore_snapshot WHERE " + condition, String.class, date);
		return snapshots.stream().findFirst();
	}

	/**
	 * The snapshots that bound one date's extraction.
	 *
	 * @param current the date's own: only rows it sees are read
	 * @param previous the latest earlier date's, or {@code null}: rows it did not see,
	 * stamped before the date, are read too
	 */
	public record Window(String current, String previous) {

	}

}
