package com.widgetsunlimited.etl.transform.raw;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.staging.StagedRecord;
import com.widgetsunlimited.etl.warehouse.BulkWrite;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Upserts staged rows into their {@link RawTable} in one set-based write per chunk: a
 * row's newest state wins, whatever order days are loaded or reloaded in; a deleted row
 * stays, flagged. Sources number their rows in increasing order, so most of a day's rows
 * are new rows above the table's largest key, which go straight in
 * ({@link BulkWrite#upsertByIncreasingKey}).
 */
public class RawLayerWriter implements ItemWriter<StagedRecord> {

	private final RawTable table;

	private final BulkWrite upsert;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	public RawLayerWriter(WarehouseDatabase warehouse, RawTable table, LocalDate businessDate, Long jobExecutionId) {
		this.table = table;
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
		// the
		// chunk's newest state of each row, as applying them one by one would leave it
		Map<Long, StagedRecord> newest = new LinkedHashMap<>();
		for (StagedRecord record : chunk) {
			long key = record.key();
			StagedRecord previous = newest.get(key);
			if (previous == null || !record.changeTime().isBefore(previous.changeTime())) {
				newest.put(key, record);
			}
		}
		List<Object[]> rows = new ArrayList<>(newest.size());
		for (StagedRecord record : newest.values()) {
			rows.add(values(record));
		}
		this.upsert.write(rows);
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
