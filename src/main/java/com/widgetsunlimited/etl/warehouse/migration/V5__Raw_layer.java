package com.widgetsunlimited.etl.warehouse.migration;

import java.sql.Statement;

import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the raw layer, {@code raw_<source>_<entity>} for every source entity, from the
 * entity metadata that the staging schemas come from, so that the two cannot drift apart.
 * A later change of an entity's columns gets a migration of its own.
 */
public class V5__Raw_layer extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		WarehouseDialect dialect = WarehouseDialect.of(context.getConnection().getMetaData());
		try (Statement statement = context.getConnection().createStatement()) {
			for (RawTable table : RawTable.all()) {
				for (String sql : table.createStatements(dialect)) {
					statement.execute(sql);
				}
			}
		}
	}

}
