package com.widgetsunlimited.etl.warehouse.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.CRC32;

import com.widgetsunlimited.etl.warehouse.TableReference;
import com.widgetsunlimited.etl.warehouse.TableReference.Described;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The comments of the tables analysts query and of their columns, as docs/warehouse.md
 * describes them ({@link TableReference}), so that a database client shows the reference
 * beside the table. Repeatable: its checksum is the reference's, so Flyway sets the
 * comments again whenever the reference changes. Tables the reference names that the
 * warehouse does not have (yet) are left out.
 */
public class R__Table_and_column_comments extends BaseJavaMigration {

	private final TableReference reference = TableReference.load();

	@Override
	public Integer getChecksum() {
		CRC32 crc = new CRC32();
		crc.update(this.reference.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return (int) crc.getValue();
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		WarehouseDialect dialect = WarehouseDialect.of(connection.getMetaData());
		try (Statement statement = connection.createStatement()) {
			for (Map.Entry<String, Described> table : this.reference.tables().entrySet()) {
				if (!exists(connection, table.getKey())) {
					continue;
				}
				for (String sql : dialect.commentStatements(connection, table.getKey(), table.getValue().text(),
						table.getValue().columns())) {
					statement.execute(sql);
				}
			}
		}
	}

	private static boolean exists(Connection connection, String table) throws java.sql.SQLException {
		try (ResultSet rs = connection.getMetaData()
			.getTables(connection.getCatalog(), connection.getSchema(), table, new String[] { "TABLE" })) {
			return rs.next();
		}
	}

}
