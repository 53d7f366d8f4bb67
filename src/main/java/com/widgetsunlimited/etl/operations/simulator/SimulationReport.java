package com.widgetsunlimited.etl.operations.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.generator.Defects.InjectedDefect;

/**
 * What one simulated day did: its changes per entity and operation, and the defects
 * injected into them.
 */
public record SimulationReport(LocalDate date, int dayNumber, List<Change> changes, List<InjectedDefect> defects,
		long kafkaRecords) {

	/** Changes counted by {@code entity/operation}, e.g. {@code customer/INSERT}. */
	public Map<String, Long> changeCounts() {
		Map<String, Long> counts = new TreeMap<>();
		for (Change change : this.changes) {
			counts.merge(change.entity().id() + "/" + change.operation(), 1L, Long::sum);
		}
		return counts;
	}

	public Map<DefectKind, Long> defectCounts() {
		Map<DefectKind, Long> counts = new TreeMap<>();
		for (InjectedDefect defect : this.defects) {
			counts.merge(defect.kind(), 1L, Long::sum);
		}
		return counts;
	}

}
