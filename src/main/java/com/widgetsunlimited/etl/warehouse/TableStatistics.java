package com.widgetsunlimited.etl.warehouse;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

/**
 * Refreshes the planner's statistics of the tables a step loaded, once the step
 * completed. A day's load adds a large share of rows the statistics do not know yet (the
 * new business date is outside every histogram), and the database's own background
 * analysis starts only after a tenth of a table changed, which a table holding many days
 * never reaches: the next step's queries of the day would be planned for a handful of
 * rows, as nested loops over hundreds of thousands. Only the {@link #columns columns the
 * day's queries select and join on} are sampled again: on PostgreSQL the statistics of
 * every other column of a wide dimension made up four fifths of its analysis (the
 * database's background analysis still refreshes them all once a tenth of the table
 * changed).
 * <p>
 * Once a table holds many days, a day changes less than a {@link #CHANGED_SHARE tenth} of
 * it: the statistics of its keys and indexes still describe it (their distinct counts are
 * kept as shares of the table's rows, and no day's query selects a range of them), and
 * only the business date has a new value. Then only the business date is refreshed,
 * {@link WarehouseDialect#analyzeFromSmallSample from a small sample}: the sample of
 * every column read a page of the table for each of its rows, which took a second a night
 * at thirty days of a million sales lines, and grew with the table.
 * <p>
 * A failure is logged, never thrown: statistics change how fast the next steps are, not
 * what they write.
 */
public final class TableStatistics implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(TableStatistics.class);

	/**
	 * The share of a table's rows a step must have written for all the statistics of
	 * {@link #columns} to be sampled again: that of the database's background analysis.
	 */
	static final double CHANGED_SHARE = 0.1;

	private final WarehouseDatabase warehouse;

	private final Function<StepExecution, List<String>> tables;

	/**
	 * @param tables the tables the step execution loaded
	 */
	public TableStatistics(WarehouseDatabase warehouse, Function<StepExecution, List<String>> tables) {
		this.warehouse = warehouse;
		this.tables = tables;
	}

	/** Statistics of {@code tables}, whatever the step execution. */
	public static TableStatistics of(WarehouseDatabase warehouse, String... tables) {
		List<String> names = List.of(tables);
		return new TableStatistics(warehouse, (stepExecution) -> names);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
			JdbcTemplate jdbc = new JdbcTemplate(this.warehouse.dataSource());
			for (String table : this.tables.apply(stepExecution)) {
				try {
					refresh(jdbc, table, stepExecution.getWriteCount());
				}
				catch (DataAccessException ex) {
					logger.warn("Could not refresh the statistics of {}: {}", table, ex.getMessage());
				}
			}
		}
		return null;
	}

	private void refresh(JdbcTemplate jdbc, String table, long writtenRows) {
		WarehouseDialect dialect = this.warehouse.dialect();
		List<String> columns = columns(jdbc, table);
		List<Double> estimated = jdbc.queryForList(dialect.estimatedRows(), Double.class, table);
		boolean largeShare = estimated.isEmpty() || estimated.get(0) == null
				|| writtenRows >= CHANGED_SHARE * estimated.get(0);
		if (largeShare) {
			jdbc.execute(dialect.analyze(table, columns));
		}
		else if (columns.contains(RawTable.BUSINESS_DATE)) {
			new TransactionTemplate(new DataSourceTransactionManager(this.warehouse.dataSource()))
				.executeWithoutResult((status) -> dialect.analyzeFromSmallSample(table, List.of(RawTable.BUSINESS_DATE))
					.forEach(jdbc::execute));
		}
	}

	/**
	 * The columns of {@code table} whose statistics the pipeline's queries use: those of
	 * its keys and indexes, which they join on and look up by, and its business date,
	 * which every day's query selects by and whose newest value no histogram holds yet.
	 */
	static List<String> columns(JdbcTemplate jdbc, String table) {
		return jdbc.execute((Connection connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			Set<String> columns = new LinkedHashSet<>();
			try (ResultSet indexes = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), table,
					false, true)) {
				while (indexes.next()) {
					String column = indexes.getString("COLUMN_NAME");
					if (column != null) {
						columns.add(column.toLowerCase(Locale.ROOT));
					}
				}
			}
			try (ResultSet businessDate = metaData.getColumns(connection.getCatalog(), connection.getSchema(), table,
					RawTable.BUSINESS_DATE)) {
				if (businessDate.next()) {
					columns.add(RawTable.BUSINESS_DATE);
				}
			}
			return List.copyOf(columns);
		});
	}

}
