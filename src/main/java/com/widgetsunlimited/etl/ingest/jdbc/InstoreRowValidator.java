package com.widgetsunlimited.etl.ingest.jdbc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.widgetsunlimited.etl.ingest.BusinessDay;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.ingest.RowRules;
import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.source.InstoreDatabase;
import com.widgetsunlimited.etl.model.RowJson;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.staging.StagedRow;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks an in-store row against the {@link RowRules rules every row meets} and the
 * business rules the branches sometimes break, and makes it a staged row or a reject with
 * a specific reason. A row created within the business day is a create ({@code c}); an
 * older row changed that day is an update ({@code u}); a row the database's log says was
 * deleted ({@link InstoreRowMapper#deleted}) is a delete ({@code d}).
 */
class InstoreRowValidator implements ItemProcessor<Row, Ingested> {

	private final BusinessDay day;

	private final Set<Long> knownStores;

	/**
	 * @param knownStores the keys of every store in {@code instore.store}
	 */
	InstoreRowValidator(LocalDate date, Set<Long> knownStores) {
		this.day = new BusinessDay(date);
		this.knownStores = knownStores;
	}

	@Override
	public Ingested process(Row row) {
		String origin = InstoreDatabase.table(row.entity()) + ":" + row.key();
		if (!row.complete()) {
			// a deleted row: its key and when it was deleted are all there is to check
			return Ingested.staged(new StagedRow(row, "d", row.timestamp(Entity.UPDATED_AT), origin + " (deleted)"));
		}
		List<String> broken = problems(row);
		if (!broken.isEmpty()) {
			return Ingested.rejected(new Reject(this.day.date(), Source.INSTORE, row.entity(), origin,
					String.join("; ", broken), RowJson.toJson(row).toString()));
		}
		String operation = this.day.contains(row.timestamp(Entity.INSERTED_AT)) ? "c" : "u";
		return Ingested.staged(new StagedRow(row, operation, row.timestamp(Entity.UPDATED_AT), origin));
	}

	private List<String> problems(Row row) {
		List<String> problems = new ArrayList<>(RowRules.problems(row));
		if (row.entity() == Entity.STORE_SALES) {
			if (!this.knownStores.contains(row.longValue("store_id"))) {
				problems.add("store " + row.longValue("store_id") + " does not exist in instore.store");
			}
			String type = row.string("transaction_type");
			if (!"SALE".equals(type) && !"RETURN".equals(type)) {
				problems.add("transaction_type '" + type + "' is neither SALE nor RETURN");
			}
			if (row.decimal("unit_price").signum() < 0) {
				problems.add("unit_price " + row.decimal("unit_price") + " is negative");
			}
		}
		if (row.entity() == Entity.STORE_LOCATION && !this.knownStores.contains(row.longValue("store_id"))) {
			problems.add("store " + row.longValue("store_id") + " does not exist in instore.store");
		}
		return problems;
	}

}
