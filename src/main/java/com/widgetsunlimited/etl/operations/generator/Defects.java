package com.widgetsunlimited.etl.operations.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.widgetsunlimited.etl.model.Entity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where dirt goes and keeps a log of every defect injected, with its kind, so
 * that tests and the simulator's report can count them. Draws from a random source of its
 * own, so that changing one rate does not change the clean data.
 */
public final class Defects {

	private static final Logger log = LoggerFactory.getLogger(Defects.class);

	private final Map<DefectKind, Double> rates;

	private final Random random;

	private final List<InjectedDefect> injected = new ArrayList<>();

	public Defects(Map<DefectKind, Double> rates, Random random) {
		this.rates = new EnumMap<>(DefectKind.class);
		for (DefectKind kind : DefectKind.values()) {
			this.rates.put(kind, rates.getOrDefault(kind, kind.defaultRate()));
		}
		this.random = random;
	}

	/** No dirt at all. */
	public static Defects none(Random random) {
		Map<DefectKind, Double> rates = new EnumMap<>(DefectKind.class);
		for (DefectKind kind : DefectKind.values()) {
			rates.put(kind, 0.0);
		}
		return new Defects(rates, random);
	}

	/**
	 * Whether this row gets a defect of {@code kind}; when it does, the defect is logged.
	 * @param detail what was done, for the log (never a secret)
	 */
	public boolean inject(DefectKind kind, Entity entity, long key, String detail) {
		double rate = this.rates.get(kind);
		if (rate <= 0 || this.random.nextDouble() >= rate) {
			return false;
		}
		InjectedDefect defect = new InjectedDefect(kind, entity, key, detail);
		this.injected.add(defect);
		log.debug("Injected {}", defect);
		return true;
	}

	/** The random source of defect details (which field, which wrong value). */
	public Random random() {
		return this.random;
	}

	public double rate(DefectKind kind) {
		return this.rates.get(kind);
	}

	/** Every defect injected so far, in order. */
	public List<InjectedDefect> injected() {
		return Collections.unmodifiableList(this.injected);
	}

	/** How many defects of each kind were injected. */
	public Map<DefectKind, Long> counts() {
		Map<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);
		for (InjectedDefect defect : this.injected) {
			counts.merge(defect.kind(), 1L, Long::sum);
		}
		return counts;
	}

	/** One injected defect: its kind and the row it is in. */
	public record InjectedDefect(DefectKind kind, Entity entity, long key, String detail) {
	}

}
