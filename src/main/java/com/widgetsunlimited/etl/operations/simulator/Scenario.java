package com.widgetsunlimited.etl.operations.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.operations.generator.GenerationRequest;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.Resource;

/**
 * Volumes per business day and entity, from a YAML file (see
 * {@code simulator/default-scenario.yml}): the requests the generator gets on each day of
 * the simulated world, in order. Day N beyond the list repeats the last day.
 */
public record Scenario(List<List<GenerationRequest>> days) {

	private static final Set<String> KEYS = Set.of("inserts", "updates", "deletes", "perParent");

	public Scenario {
		if (days.isEmpty()) {
			throw new IllegalArgumentException("a scenario needs at least one day");
		}
		days = List.copyOf(days);
	}

	/** The requests of day {@code dayNumber} (1-based), multiplied by {@code scale}. */
	public List<GenerationRequest> day(int dayNumber, double scale) {
		List<GenerationRequest> day = this.days.get(Math.min(dayNumber, this.days.size()) - 1);
		return day.stream().map((request) -> request.scaled(scale)).toList();
	}

	/** Reads a scenario, naming the file and the entry at fault when it is not one. */
	public static Scenario load(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return parse(document, resource.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read scenario " + resource.getDescription(), ex);
		}
	}

	static Scenario parse(Object document, String origin) {
		if (!(document instanceof Map<?, ?> root) || !(root.get("days") instanceof List<?> days)) {
			throw new IllegalArgumentException(origin + ": a scenario is a map with a list 'days'");
		}
		List<List<GenerationRequest>> parsed = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			String where = origin + ", day " + (i + 1);
			if (!(days.get(i) instanceof Map<?, ?> day)) {
				throw new IllegalArgumentException(where + ": a day maps entities to volumes");
			}
			List<GenerationRequest> requests = new ArrayList<>();
			for (var entry : day.entrySet()) {
				Entity entity;
				try {
					entity = Entity.byId(String.valueOf(entry.getKey()));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(where + ": " + ex.getMessage());
				}
				if (!(entry.getValue() instanceof Map<?, ?> volumes) || !KEYS.containsAll(volumes.keySet())) {
					throw new IllegalArgumentException(where + ", " + entity.id() + ": volumes are " + KEYS);
				}
				requests.add(new GenerationRequest(entity, count(volumes, "inserts", where),
						count(volumes, "updates", where), count(volumes, "deletes", where),
						count(volumes, "perParent", where)));
			}
			parsed.add(requests);
		}
		return new Scenario(parsed);
	}

	private static int count(Map<?, ?> volumes, String key, String where) {
		Object value = volumes.get(key);
		if (value == null) {
			return 0;
		}
		if (!(value instanceof Integer count) || count < 0) {
			throw new IllegalArgumentException(where + ": " + key + " must be a whole number >= 0, not " + value);
		}
		return count;
	}

}
