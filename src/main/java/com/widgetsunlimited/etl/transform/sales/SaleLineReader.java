package com.widgetsunlimited.etl.transform.sales;

import com.widgetsunlimited.etl.transform.RawRows;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.RowMapper;

/**
 * The reader of a sales fact step. With a {@link SalesFactMerge}, it first merges the
 * lines the query resolves (once per step: a restart that finds the merge recorded in the
 * step's context does not merge again) and then reads the lines left pending; the rows
 * merged count as written by the step. Without, it reads every changed line of the day.
 * Either way in key order, restartable after the last committed chunk.
 * <p>
 * Once it has read the last pending line, it removes the day's pending lines of its
 * channel, in the transaction of the step's last chunk: so what the warehouse holds at
 * rest does not depend on how the day got there (a restart that had to merge again leaves
 * fewer pending lines), and a step that failed before keeps them for its restart. (A
 * listener of the step's end would not do: Spring Batch records a step completed before
 * it calls one, and does not fail the step when one fails.)
 */
public class SaleLineReader implements ItemStreamReader<SaleLine> {

	private static final Logger log = LoggerFactory.getLogger(SaleLineReader.class);

	private final String name;

	private final SalesFactMerge merge;

	private final JdbcCursorItemReader<SaleLine> lines;

	private boolean pendingForgotten;

	SaleLineReader(String name, SalesFactMerge merge, JdbcCursorItemReader<SaleLine> lines) {
		this.name = name;
		this.merge = merge;
		this.lines = lines;
	}

	/**
	 * The reader {@code name} of every line {@code lines} finds with {@code arguments}.
	 */
	static SaleLineReader of(String name, WarehouseDatabase warehouse, int fetchSize, String lines,
			RowMapper<SaleLine> mapper, Object... arguments) {
		return new SaleLineReader(name, null,
				RawRows.reader(name, warehouse.dataSource(), lines, fetchSize, mapper, arguments));
	}

	/**
	 * The reader {@code name} that merges with {@code merge}, then reads what it left.
	 */
	static SaleLineReader merging(String name, WarehouseDatabase warehouse, int fetchSize, SalesFactMerge merge,
			RowMapper<SaleLine> mapper) {
		return new SaleLineReader(name, merge, RawRows.reader(name, warehouse.dataSource(), merge.pendingLines(),
				fetchSize, mapper, merge.pendingArguments()));
	}

	@Override
	public void open(ExecutionContext context) {
		String merged = this.name + ".merged";
		if (this.merge != null && !context.containsKey(merged)) {
			long started = System.nanoTime();
			SalesFactMerge.Merged result = this.merge.merge();
			log.info("{}: {} fact rows written set-based in {} ms, {} lines left to the chunks", this.name,
					result.written(), (System.nanoTime() - started) / 1_000_000, result.pending());
			context.putLong(merged, result.written());
			StepContext step = StepSynchronizationManager.getContext();
			if (step != null) {
				StepExecution execution = step.getStepExecution();
				execution.setWriteCount(execution.getWriteCount() + result.written());
			}
		}
		this.lines.open(context);
	}

	@Override
	public SaleLine read() throws Exception {
		SaleLine line = this.lines.read();
		if (line == null && this.merge != null && !this.pendingForgotten) {
			this.merge.forgetPending();
			this.pendingForgotten = true;
		}
		return line;
	}

	@Override
	public void update(ExecutionContext context) {
		this.lines.update(context);
	}

	@Override
	public void close() {
		this.lines.close();
	}

}
