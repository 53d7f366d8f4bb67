package com.widgetsunlimited.etl.warehouse.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.widgetsunlimited.etl.warehouse.Publication;
import com.widgetsunlimited.etl.warehouse.Publication.Published;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Write, audit, publish ({@link Publication}): beside each published dimension and fact,
 * its work table with the same columns, keys and indexes, holding what the published one
 * holds; an index on {@code job_execution_id} to find what a publication copies (on
 * PostgreSQL a block range index for the fact, whose rows arrive in execution order); and
 * the log of publications, which starts with what the tables already hold.
 */
public class V12__Work_tables_and_publications extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		WarehouseDialect dialect = WarehouseDialect.of(connection.getMetaData());
		boolean postgres = dialect.blockRangeIndexes();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + Publication.LOG + " (job_execution_id BIGINT NOT NULL PRIMARY KEY, "
					+ "business_date DATE NOT NULL, rows_published BIGINT NOT NULL, published_at "
					+ dialect.schemaPlaceholders().get("timestamp") + " NOT NULL) "
					+ dialect.schemaPlaceholders().get("table_options"));
			long lastExecution = 0;
			String lastDate = null;
			for (Published table : Publication.TABLES) {
				String work = table.work();
				statement.execute(postgres ? "CREATE TABLE " + work + " (LIKE " + table.table() + " INCLUDING ALL)"
						: "CREATE TABLE " + work + " LIKE " + table.table());
				statement.execute("INSERT INTO " + work + " SELECT * FROM " + table.table());
				boolean fact = table.key().size() > 1;
				statement.execute("CREATE INDEX " + work + "_execution_idx ON " + work
						+ ((postgres && fact) ? " USING brin (job_execution_id)" : " (job_execution_id)"));
				if (postgres && !fact) {
					String key = table.key().get(0);
					// the copy's identity starts at 1: it goes on from the keys copied
					statement.execute("SELECT setval(pg_get_serial_sequence('" + work + "', '" + key + "'), "
							+ "COALESCE(MAX(" + key + "), 0) + 1, false) FROM " + work);
				}
				try (ResultSet rs = statement
					.executeQuery("SELECT MAX(job_execution_id), MAX(business_date) FROM " + table.table())) {
					rs.next();
					lastExecution = Math.max(lastExecution, rs.getLong(1));
					String date = rs.getString(2);
					lastDate = (date != null && (lastDate == null || date.compareTo(lastDate) > 0)) ? date : lastDate;
				}
			}
			if (lastExecution > 0) {
				statement.execute("INSERT INTO " + Publication.LOG
						+ " (job_execution_id, business_date, rows_published, published_at) VALUES (" + lastExecution
						+ ", DATE '" + lastDate + "', 0, CURRENT_TIMESTAMP)");
			}
		}
	}

}
