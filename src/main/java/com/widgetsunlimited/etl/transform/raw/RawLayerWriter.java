package com.widgetsunlimited.etl.transform.raw;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.staging.StagedRecord;
import com.widgetsunlimited.etl.warehouse.BulkUpsert;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Upserts staged rows into their {@link RawTable} in one set-based write per chunk: a
 * row's newest state wins, whatever order days are loaded or reloaded in; a deleted row
 * stays, flagged.
 */
public class RawLayerWriter implements ItemWriter<StagedRecord> {

	private final RawTable table;

	private final BulkUpsert upsert;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	public RawLayerWriter(WarehouseDatabase warehouse, RawTable table, LocalDate businessDate, Long jobExecutionId) {
		this.table = table;
		this.upsert = new BulkUpsert(warehouse, table.name(), table.columns(),
				warehouse.dialect()
					.upsertIfNotOlder(table.name(), List.of(table.entity().keyColumn()), table.columns(),
							RawTable.CHANGE_TIME));
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
			StagedRecord previous = newest.get(record.key());
			if (previous == null || !record.changeTime().isBefore(previous.changeTime())) {
				newest.put(record.key(), record);
			}
		}
		MapSqlParameterSource[] rows = newest.values()
			.stream()
			.map(this::parameters)
			.toArray(MapSqlParameterSource[]::new);
		this.upsert.write(rows);
	}

	private MapSqlParameterSource parameters(StagedRecord record) {
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		for (String column : this.table.stagedColumns()) {
			parameters.addValue(column, jdbcValue(record.get(column)));
		}
		return parameters.addValue(RawTable.DELETED, record.deleted())
			.addValue(RawTable.CHANGE_TIME, jdbcValue(record.changeTime()))
			.addValue(RawTable.ORIGIN, record.origin())
			.addValue(RawTable.BUSINESS_DATE, this.businessDate)
			.addValue(RawTable.JOB_EXECUTION_ID, this.jobExecutionId);
	}

	/** Points in time are stored as UTC wall-clock times in timestamp columns. */
	static Object jdbcValue(Object value) {
		return (value instanceof Instant instant) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
	}

}
