package com.widgetsunlimited.etl.transform.date;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * How a {@link DateDimRow} is stored in {@code date_dim}: its columns and their values.
 */
public final class DateDimTable {

	public static final String TABLE = "date_dim";

	public static final List<String> KEY = List.of("date_key");

	public static final List<String> COLUMNS = List.of("date_key", "full_date", "day_of_week", "day_name",
			"day_of_month", "month", "month_name", "quarter", "year", "is_weekend", "fiscal_year", "fiscal_quarter",
			"fiscal_month", "business_date", "job_execution_id");

	private DateDimTable() {
	}

	/**
	 * The named parameters of one row.
	 * @param businessDate the business date of the run that writes it, if any
	 * @param jobExecutionId the job execution that writes it, if any
	 */
	public static MapSqlParameterSource parameters(DateDimRow row, LocalDate businessDate, Long jobExecutionId) {
		return new MapSqlParameterSource().addValue("date_key", row.dateKey())
			.addValue("full_date", row.fullDate())
			.addValue("day_of_week", row.dayOfWeek())
			.addValue("day_name", row.dayName())
			.addValue("day_of_month", row.dayOfMonth())
			.addValue("month", row.month())
			.addValue("month_name", row.monthName())
			.addValue("quarter", row.quarter())
			.addValue("year", row.year())
			.addValue("is_weekend", row.weekend())
			.addValue("fiscal_year", row.fiscalYear())
			.addValue("fiscal_quarter", row.fiscalQuarter())
			.addValue("fiscal_month", row.fiscalMonth())
			.addValue("business_date", businessDate)
			.addValue("job_execution_id", jobExecutionId);
	}

}
