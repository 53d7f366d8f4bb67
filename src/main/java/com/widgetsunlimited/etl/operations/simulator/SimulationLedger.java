package com.widgetsunlimited.etl.operations.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.widgetsunlimited.etl.operations.generator.Defects.InjectedDefect;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The simulator's record of the days the simulated world has lived through, kept in the
 * in-store database (schema {@code simulator}) so that it commits together with the day's
 * in-store rows.
 */
final class SimulationLedger {

	private final JdbcTemplate jdbc;

	SimulationLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The last day simulated, if any. */
	Optional<Day> latest() {
		return this.jdbc
			.query("SELECT business_date, day_number, generator_state FROM simulator.simulated_day "
					+ "ORDER BY day_number DESC LIMIT 1",
					(rs, n) -> new Day(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getBytes(3)))
			.stream()
			.findFirst();
	}

	boolean contains(LocalDate date) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM simulator.simulated_day WHERE business_date = ?",
				Integer.class, date) > 0;
	}

	void record(LocalDate date, int dayNumber, long seed, double scale, int changes, byte[] state,
			List<InjectedDefect> defects) {
		this.jdbc.update(
				"INSERT INTO simulator.simulated_day (business_date, day_number, seed, scale, changes, "
						+ "generator_state, simulated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				date, dayNumber, seed, BigDecimal.valueOf(scale), changes, state, LocalDateTime.now(ZoneOffset.UTC));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < defects.size(); i++) {
			InjectedDefect defect = defects.get(i);
			rows.add(new Object[] { date, i + 1, defect.kind().name(), defect.entity().source().id(),
					defect.entity().id(), defect.key(), defect.detail() });
		}
		this.jdbc.batchUpdate("INSERT INTO simulator.injected_defect (business_date, sequence, kind, source, "
				+ "entity, entity_key, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
	}

	void clear() {
		this.jdbc.execute("TRUNCATE TABLE simulator.injected_defect, simulator.simulated_day");
	}

	/**
	 * A simulated day: its date, its number in the simulated world, the state after it.
	 */
	record Day(LocalDate date, int number, byte[] generatorState) {
	}

}
