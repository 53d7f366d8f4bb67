package com.widgetsunlimited.etl.ingest.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;

import org.springframework.jdbc.core.RowMapper;

/**
 * An in-store table row as a {@link Row} of its entity, typed from the entity's metadata
 * (timestamps are UTC wall-clock values in the in-store database).
 */
class InstoreRowMapper implements RowMapper<Row> {

	private final Entity entity;

	InstoreRowMapper(Entity entity) {
		this.entity = entity;
	}

	@Override
	public Row mapRow(ResultSet rs, int rowNum) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Column column : this.entity.columns()) {
			values.put(column.name(), value(rs, column));
		}
		return Row.of(this.entity, values);
	}

	private static Object value(ResultSet rs, Column column) throws SQLException {
		String name = column.name();
		Object value = switch (column.type()) {
			case LONG -> rs.getLong(name);
			case INTEGER -> rs.getInt(name);
			case DECIMAL -> rs.getBigDecimal(name);
			case STRING -> rs.getString(name);
			case DATE -> rs.getObject(name, LocalDate.class);
			case TIMESTAMP -> {
				LocalDateTime time = rs.getObject(name, LocalDateTime.class);
				yield (time != null) ? time.toInstant(ZoneOffset.UTC) : null;
			}
			case BOOLEAN -> rs.getBoolean(name);
		};
		return rs.wasNull() ? null : value;
	}

}
