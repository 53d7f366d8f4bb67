package com.widgetsunlimited.etl.env;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A Flyway callback for SQL migrations whose comments were reworded after they were
 * applied: before Flyway validates, it replaces each one's recorded checksum, where it is
 * still the old text's, by the new text's. Flyway's checksum covers every line, comments
 * included, so without this a database migrated before the rewording would be refused.
 * Only the exact old checksum is replaced: a migration changed in any other way is still
 * refused.
 *
 * @param checksums per migration version, its old and new checksum
 */
public record RewordedMigrations(Map<String, int[]> checksums) implements Callback {

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		String[] schemas = context.getConfiguration().getSchemas();
		String table = ((schemas.length > 0) ? schemas[0] + "." : "") + context.getConfiguration().getTable();
		Connection connection = context.getConnection();
		Savepoint savepoint = null;
		try {
			savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
			try (Statement statement = connection.createStatement()) {
				for (Map.Entry<String, int[]> entry : this.checksums.entrySet()) {
					statement.executeUpdate("UPDATE " + table + " SET checksum = " + entry.getValue()[1]
							+ " WHERE version = '" + entry.getKey() + "' AND checksum = " + entry.getValue()[0]);
				}
			}
		}
		catch (SQLException ex) {
			// no history table yet: nothing was applied, nothing to realign
			rollBackTo(connection, savepoint);
		}
	}

	private static void rollBackTo(Connection connection, Savepoint savepoint) {
		if (savepoint != null) {
			try {
				connection.rollback(savepoint);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot roll back to before the checksum realignment", ex);
			}
		}
	}

	@Override
	public String getCallbackName() {
		return "reworded migrations";
	}

}
