package com.widgetsunlimited.etl.warehouse;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import com.widgetsunlimited.etl.model.Entity;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes rejects to {@code etl_reject} in the chunk's transaction, payloads masked. A
 * reject recorded again for the same origin (a restarted chunk, a rerun of the day)
 * replaces the first, so a row is never quarantined twice.
 */
public class RejectWriter implements ItemWriter<Reject> {

	static final List<String> COLUMNS = List.of("business_date", "source", "entity", "origin", "reason", "payload",
			"job_execution_id", "rejected_at");

	private final NamedParameterJdbcTemplate jdbc;

	private final String upsert;

	private final Long jobExecutionId;

	public RejectWriter(WarehouseDatabase warehouse, Long jobExecutionId) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse.dataSource());
		this.upsert = warehouse.dialect()
			.upsert("etl_reject", List.of("business_date", "source", "entity", "origin"), COLUMNS);
		this.jobExecutionId = jobExecutionId;
	}

	@Override
	public void write(Chunk<? extends Reject> rejects) {
		if (rejects.isEmpty()) {
			return;
		}
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		MapSqlParameterSource[] rows = rejects.getItems()
			.stream()
			.map((reject) -> new MapSqlParameterSource().addValue("business_date", reject.businessDate())
				.addValue("source", reject.source().id())
				.addValue("entity", reject.entity().id())
				.addValue("origin", truncate(reject.origin(), 500))
				.addValue("reason", truncate(reject.reason(), 1000))
				.addValue("payload", PayloadMasking.mask(reject.payload()))
				.addValue("job_execution_id", this.jobExecutionId)
				.addValue("rejected_at", now))
			.toArray(MapSqlParameterSource[]::new);
		this.jdbc.batchUpdate(this.upsert, rows);
	}

	/**
	 * Removes the rejects of {@code entity} on {@code date}: an ingestion that starts
	 * over, reading its whole input again, replaces them.
	 * @return how many were removed
	 */
	public static int removeRejects(WarehouseDatabase warehouse, LocalDate date, Entity entity) {
		return new JdbcTemplate(warehouse.dataSource()).update(
				"DELETE FROM etl_reject WHERE business_date = ? AND source = ? AND entity = ?", date,
				entity.source().id(), entity.id());
	}

	private static String truncate(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length - 3) + "...";
	}

}
