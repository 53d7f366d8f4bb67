package com.widgetsunlimited.etl.ingest.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;

import org.springframework.jdbc.core.RowMapper;

/**
 * An in-store table row as a {@link Row} of its entity, typed from the entity's metadata
 * (timestamps are UTC wall-clock values in the in-store database). The query selects the
 * entity's columns in their order.
 */
class InstoreRowMapper implements RowMapper<Row> {

	private final Entity entity;

	InstoreRowMapper(Entity entity) {
		this.entity = entity;
	}

	@Override
	public Row mapRow(ResultSet rs, int rowNum) throws SQLException {
		List<Column> columns = this.entity.columns();
		Object[] values = new Object[columns.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = value(rs, i + 1, columns.get(i));
		}
		return Row.of(this.entity, values);
	}

	/**
	 * A row the database's log says was deleted at {@code deletedAt}: its key, and the
	 * time of the deletion as its {@code updated_at} (the row's last change); its other
	 * values are unknown.
	 */
	static Row deleted(Entity entity, long key, Instant deletedAt) {
		List<Column> columns = entity.columns();
		Object[] values = new Object[columns.size()];
		values[0] = key;
		int updatedAt = entity.position(Entity.UPDATED_AT);
		values[updatedAt] = deletedAt;
		long unknown = ((1L << values.length) - 1) & ~1L & ~(1L << updatedAt);
		return Row.partial(entity, values, unknown);
	}

	private static Object value(ResultSet rs, int index, Column column) throws SQLException {
		Object value = switch (column.type()) {
			case LONG -> rs.getLong(index);
			case INTEGER -> rs.getInt(index);
			case DECIMAL -> rs.getBigDecimal(index);
			case STRING -> rs.getString(index);
			case DATE -> rs.getObject(index, LocalDate.class);
			case TIMESTAMP -> {
				LocalDateTime time = rs.getObject(index, LocalDateTime.class);
				yield (time != null) ? time.toInstant(ZoneOffset.UTC) : null;
			}
			case BOOLEAN -> rs.getBoolean(index);
		};
		return rs.wasNull() ? null : value;
	}

}
