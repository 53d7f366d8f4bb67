package com.widgetsunlimited.etl.transform.sales;

import java.time.LocalDate;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

/**
 * How the sales fact steps get a day's changed lines into {@code sales_fact}, chosen once
 * for the warehouse: each channel's step reads its lines through the reader this makes
 * and writes them with {@link SalesFactWriter}.
 */
public interface SalesFactLoader {

	/** The reader {@code name} of the web order lines of {@code date}. */
	SaleLineReader web(String name, int fetchSize, LocalDate date, long jobExecutionId);

	/** The reader {@code name} of the store sales of {@code date}. */
	SaleLineReader store(String name, int fetchSize, LocalDate date, long jobExecutionId);

	/**
	 * The set-based loader where the warehouse's dialect can merge in one statement and
	 * {@code setBased} asks for it, else the chunked one.
	 */
	static SalesFactLoader of(WarehouseDatabase warehouse, boolean setBased) {
		return (setBased && warehouse.dialect().writesInCommonTableExpressions()) ? new SetBased(warehouse)
				: new Chunked(warehouse);
	}

	/** Every changed line of the day read and written in chunks: any warehouse. */
	record Chunked(WarehouseDatabase warehouse) implements SalesFactLoader {

		@Override
		public SaleLineReader web(String name, int fetchSize, LocalDate date, long jobExecutionId) {
			return SaleLineReader.of(name, this.warehouse, fetchSize,
					SaleLine.changedWebLinesOrdered(this.warehouse.dialect()), SaleLine::webLine, date, date, date,
					date);
		}

		@Override
		public SaleLineReader store(String name, int fetchSize, LocalDate date, long jobExecutionId) {
			return SaleLineReader.of(name, this.warehouse, fetchSize, SaleLine.CHANGED_STORE_SALES_ORDERED,
					SaleLine::storeSale, date);
		}

	}

	/**
	 * The lines one statement resolves merged set-based ({@link SalesFactMerge}), the
	 * rest read and written in chunks: PostgreSQL.
	 */
	record SetBased(WarehouseDatabase warehouse) implements SalesFactLoader {

		@Override
		public SaleLineReader web(String name, int fetchSize, LocalDate date, long jobExecutionId) {
			return SaleLineReader.merging(name, this.warehouse, fetchSize,
					SalesFactMerge.web(this.warehouse, date, jobExecutionId), SaleLine::webLine);
		}

		@Override
		public SaleLineReader store(String name, int fetchSize, LocalDate date, long jobExecutionId) {
			return SaleLineReader.merging(name, this.warehouse, fetchSize,
					SalesFactMerge.store(this.warehouse, date, jobExecutionId), SaleLine::storeSale);
		}

	}

}
