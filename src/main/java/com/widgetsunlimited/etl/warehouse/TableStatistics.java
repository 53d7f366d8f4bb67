package com.widgetsunlimited.etl.warehouse;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

/**
 * Refreshes the planner's statistics of the tables a step loaded, once the step
 * completed. A day's load adds a large share of rows the statistics do not know yet (the
 * new business date is outside every histogram), and the database's own background
 * analysis starts only after a tenth of a table changed, which a table holding many days
 * never reaches: the next step's queries of the day would be planned for a handful of
 * rows, as nested loops over hundreds of thousands. A failure is logged, never thrown:
 * statistics change how fast the next steps are, not what they write.
 */
public final class TableStatistics implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(TableStatistics.class);

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
					jdbc.execute(this.warehouse.dialect().analyze(table));
				}
				catch (DataAccessException ex) {
					logger.warn("Could not refresh the statistics of {}: {}", table, ex.getMessage());
				}
			}
		}
		return null;
	}

}
