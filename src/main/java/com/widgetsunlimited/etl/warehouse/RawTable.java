package com.widgetsunlimited.etl.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.StagingSchemas;

/**
 * A table of the raw layer (docs/warehouse.md): {@code raw_<source>_<entity>} holds the
 * current state of every row of one source entity as staged (card numbers as their last
 * four digits, no secrets), one row per primary key, upserted by the load and never
 * removed: a row the source deleted stays, flagged {@value #DELETED}.
 * <p>
 * Besides the staged columns every table has {@value #DELETED}, {@value #CHANGE_TIME}
 * (the time of the change the row reflects, which orders the states of one row: an older
 * state never replaces a newer one, so a rerun of an earlier day changes nothing),
 * {@value #ORIGIN}, and the business date and job execution that last wrote the row.
 */
public record RawTable(Entity entity) {

	/** Whether the source deleted the row. */
	public static final String DELETED = "is_deleted";

	/** When the source made the change that the row reflects. */
	public static final String CHANGE_TIME = "change_ts";

	/** Where the row's current state was read. */
	public static final String ORIGIN = "origin";

	public static final String BUSINESS_DATE = "business_date";

	public static final String JOB_EXECUTION_ID = "job_execution_id";

	/**
	 * How the reject of a change that the raw layer cannot apply begins (a delete or
	 * partial change of a row it never loaded); its origin is the table's name, a colon
	 * and the staged row's origin. The audit counts these staged rows as rejected.
	 */
	public static final String NOTHING_TO_CHANGE = "changes a row the raw layer does not hold";

	/** Every entity's table. */
	public static List<RawTable> all() {
		return Arrays.stream(Entity.values()).map(RawTable::new).toList();
	}

	/** {@code raw_<source>_<entity>}. */
	public String name() {
		return "raw_" + this.entity.source().id() + "_" + this.entity.id();
	}

	/** The staged columns, by their staged field names, in the entity's order. */
	public List<String> stagedColumns() {
		return StagingSchemas.fieldNames(this.entity);
	}

	/** Every column, in table order. */
	public List<String> columns() {
		List<String> columns = new ArrayList<>(stagedColumns());
		columns.addAll(List.of(DELETED, CHANGE_TIME, ORIGIN, BUSINESS_DATE, JOB_EXECUTION_ID));
		return columns;
	}

	/**
	 * The statements that create the table and its indexes on {@code dialect}'s database.
	 */
	public List<String> createStatements(WarehouseDialect dialect) {
		Map<String, String> types = dialect.schemaPlaceholders();
		StringBuilder create = new StringBuilder("CREATE TABLE ").append(name()).append(" (\n");
		for (Column column : this.entity.columns()) {
			StagingSchemas.fieldName(column)
				.ifPresent((field) -> create.append("    ")
					.append(field)
					.append(' ')
					.append(sqlType(column, types))
					.append(column.nullable() || column.sensitive() ? "" : " NOT NULL")
					.append(",\n"));
		}
		create.append("    ").append(DELETED).append(" BOOLEAN NOT NULL,\n");
		create.append("    ").append(CHANGE_TIME).append(' ').append(types.get("timestamp")).append(" NOT NULL,\n");
		create.append("    ").append(ORIGIN).append(" VARCHAR(500) NOT NULL,\n");
		create.append("    ").append(BUSINESS_DATE).append(" DATE NOT NULL,\n");
		create.append("    ").append(JOB_EXECUTION_ID).append(" BIGINT,\n");
		create.append("    CONSTRAINT ").append(name()).append("_pk PRIMARY KEY (").append(this.entity.keyColumn());
		create.append(")\n) ").append(types.get("table_options"));
		List<String> statements = new ArrayList<>(List.of(create.toString().strip()));
		statements.add(index(BUSINESS_DATE));
		this.entity.parent().ifPresent((parent) -> statements.add(index(this.entity.parentColumn())));
		if (this.entity == Entity.PRODUCT) {
			statements.add(index("preferred_supplier_id"));
		}
		return statements;
	}

	private String index(String column) {
		return "CREATE INDEX " + name() + "_" + column + "_idx ON " + name() + " (" + column + ")";
	}

	private static String sqlType(Column column, Map<String, String> types) {
		if (column.sensitivity() == Column.Sensitivity.CARD_NUMBER) {
			return "VARCHAR(4)";
		}
		return switch (column.type()) {
			case LONG -> "BIGINT";
			case INTEGER -> "INTEGER";
			case DECIMAL -> "DECIMAL(" + StagingSchemas.DECIMAL_PRECISION + ", " + StagingSchemas.DECIMAL_SCALE + ")";
			case STRING -> types.get("text");
			case DATE -> "DATE";
			case TIMESTAMP -> types.get("timestamp");
			case BOOLEAN -> "BOOLEAN";
		};
	}

}
