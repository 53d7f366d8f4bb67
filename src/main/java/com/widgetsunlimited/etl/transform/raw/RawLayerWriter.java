package com.widgetsunlimited.etl.transform.raw;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.widgetsunlimited.etl.staging.StagedRecord;
import com.widgetsunlimited.etl.warehouse.BulkWrite;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.warehouse.RejectWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts staged rows into their {@link RawTable} in one set-based write per chunk: a
 * row's newest state wins, whatever order days are loaded or reloaded in; a deleted row
 * stays, flagged. Sources number their rows in increasing order, so most of a day's rows
 * are new rows above the table's largest key, which go straight in
 * ({@link BulkWrite#upsertByIncreasingKey}).
 * <p>
 * A delete keeps the row's last known values and flags it: the delete of a real Debezium
 * connector names only the key unless the table has {@code REPLICA IDENTITY
 * FULL}. A change without some values (an unchanged TOASTed column) keeps the values the
 * table holds for them. Both update the row in place; a row the table does not hold (its
 * earlier states were rejected, or never sent) cannot be completed and becomes a reject,
 * unless the change carries the whole row.
 */
public class RawLayerWriter implements ItemWriter<StagedRecord> {

	private final WarehouseDatabase warehouse;

	private final RawTable table;

	private final BulkWrite upsert;

	private final RejectWriter rejects;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	public RawLayerWriter(WarehouseDatabase warehouse, RawTable table, LocalDate businessDate, Long jobExecutionId) {
		this.warehouse = warehouse;
		this.table = table;
		this.rejects = new RejectWriter(warehouse, jobExecutionId);
		String key = table.entity().keyColumn();
		this.upsert = BulkWrite.upsertByIncreasingKey(warehouse, table.name(), table.columns(),
				warehouse.dialect().upsertIfNotOlder(table.name(), List.of(key), table.columns(), RawTable.CHANGE_TIME),
				key);
		this.businessDate = businessDate;
		this.jobExecutionId = jobExecutionId;
	}

	@Override
	public void write(Chunk<? extends StagedRecord> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		// a chunk travels as one set-based statement, which may touch a key only once:
		// the chunk's newest state of each row, as applying them one by one would leave
		// it; a change that leaves values out, or a delete, takes them from the state
		// before it
		Map<Long, StagedRecord> newest = new LinkedHashMap<>();
		Map<Long, List<StagedRecord>> merged = null;
		for (StagedRecord record : chunk) {
			long key = record.key();
			StagedRecord previous = newest.get(key);
			if (previous == null) {
				newest.put(key, record);
			}
			else if (!record.changeTime().isBefore(previous.changeTime())) {
				newest.put(key, (record.deleted() || !record.complete()) ? record.over(previous) : record);
				if (merged == null) {
					merged = new HashMap<>();
				}
				merged.computeIfAbsent(key, (k) -> new ArrayList<>(List.of(previous))).add(record);
			}
		}
		List<Object[]> rows = new ArrayList<>(newest.size());
		List<StagedRecord> inPlace = new ArrayList<>();
		for (StagedRecord record : newest.values()) {
			if (record.deleted() || !record.complete()) {
				inPlace.add(record);
			}
			else {
				rows.add(values(record));
			}
		}
		this.upsert.write(rows);
		if (!inPlace.isEmpty()) {
			changeInPlace(inPlace, (merged != null) ? merged : Map.of());
		}
	}

	/**
	 * Applies deletes and changes without some values to the rows the table holds: a
	 * delete flags the row and keeps its values, a change sets the values it has. A row
	 * that holds a newer state is left alone. A row the table does not hold is inserted
	 * if the record has every value (a delete that carries the whole row), else rejected.
	 */
	private void changeInPlace(List<StagedRecord> records, Map<Long, List<StagedRecord>> merged) {
		List<String> staged = this.table.stagedColumns();
		String key = this.table.entity().keyColumn();
		JdbcTemplate jdbc = new JdbcTemplate(this.warehouse.dataSource());
		List<StagedRecord> unmatched = new ArrayList<>();
		for (StagedRecord record : records) {
			List<String> set = new ArrayList<>();
			List<Object> arguments = new ArrayList<>();
			for (int i = 0; i < staged.size(); i++) {
				if (!record.deleted() && record.available(i) && !staged.get(i).equals(key)) {
					set.add(staged.get(i) + " = ?");
					arguments.add(jdbcValue(record.value(i)));
				}
			}
			for (String column : List.of(RawTable.DELETED, RawTable.CHANGE_TIME, RawTable.ORIGIN,
					RawTable.BUSINESS_DATE, RawTable.JOB_EXECUTION_ID)) {
				set.add(column + " = ?");
			}
			arguments.addAll(Arrays.asList(record.deleted(), jdbcValue(record.changeTime()), record.origin(),
					this.businessDate, this.jobExecutionId, record.key(), jdbcValue(record.changeTime())));
			int updated = jdbc.update("UPDATE " + this.table.name() + " SET " + String.join(", ", set) + " WHERE " + key
					+ " = ? AND " + RawTable.CHANGE_TIME + " <= ?", arguments.toArray());
			if (updated == 0) {
				unmatched.add(record);
			}
		}
		if (unmatched.isEmpty()) {
			return;
		}
		// not updated: the table holds a newer state, or no row of that key
		Set<Long> held = new HashSet<>(jdbc.queryForList(
				"SELECT " + key + " FROM " + this.table.name() + " WHERE " + key + " IN ("
						+ String.join(", ", Collections.nCopies(unmatched.size(), "?")) + ")",
				Long.class, unmatched.stream().map(StagedRecord::key).toArray()));
		List<Object[]> whole = new ArrayList<>();
		List<Reject> rejected = new ArrayList<>();
		for (StagedRecord record : unmatched) {
			if (held.contains(record.key())) {
				continue;
			}
			if (record.complete()) {
				whole.add(values(record));
				continue;
			}
			for (StagedRecord change : merged.getOrDefault(record.key(), List.of(record))) {
				rejected.add(new Reject(this.businessDate, this.table.entity().source(), this.table.entity(),
						this.table.name() + ":" + change.origin(),
						RawTable.NOTHING_TO_CHANGE + ": " + this.table.entity().id() + " " + record.key()
								+ " was never loaded, " + "and the " + (change.deleted() ? "delete" : "change")
								+ " read at " + change.origin() + " does not carry "
								+ String.join(", ", change.unavailable()),
						change.toString()));
			}
		}
		this.upsert.write(whole);
		this.rejects.write(new Chunk<>(rejected));
	}

	/** The record's values in the order of {@link RawTable#columns()}. */
	private Object[] values(StagedRecord record) {
		int staged = this.table.stagedColumns().size();
		Object[] values = new Object[staged + 5];
		int i = 0;
		for (; i < staged; i++) {
			// the table's staged columns are the record's fields, in the same order
			values[i] = jdbcValue(record.value(i));
		}
		values[i++] = record.deleted();
		values[i++] = jdbcValue(record.changeTime());
		values[i++] = record.origin();
		values[i++] = this.businessDate;
		values[i] = this.jobExecutionId;
		return values;
	}

	/**
	 * Points in time are stored as UTC wall-clock times in timestamp columns: taken from
	 * the epoch second, as {@code LocalDateTime.ofInstant} does after asking the zone's
	 * rules for an offset that UTC does not need (a tenth of the raw layer's samples).
	 */
	static Object jdbcValue(Object value) {
		return (value instanceof Instant instant)
				? LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC) : value;
	}

}
