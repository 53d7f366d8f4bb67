package com.widgetsunlimited.etl.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.env.InvalidSettingException;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;

/**
 * The e-commerce system's change events (docs/sources.md): per entity the topics that
 * carry them, keyed by the row's primary key, each value a change event in Debezium's
 * JSON envelope. By default one topic per entity, {@code ecommerce.<entity>}; a pattern
 * names them otherwise ({@code shop.public.{entity}}, as a Debezium connector names its
 * topics prefix, schema and table joined by dots), and an entity may be given topics of
 * its own, several when several databases feed it. A topic feeds one entity.
 */
public final class EcommerceTopics {

	/** What a pattern's {@code {entity}} stands for: the entity's name. */
	public static final String ENTITY = "{entity}";

	/** The default pattern. */
	public static final String DEFAULT_PATTERN = "ecommerce." + ENTITY;

	private static final String PATTERN_SETTING = "etl.kafka.topic-pattern";

	private static final String TOPICS_SETTING = "etl.kafka.topics.";

	private final Map<Entity, List<String>> topics = new EnumMap<>(Entity.class);

	/**
	 * @param pattern every entity's topic, {@value #ENTITY} standing for its name
	 * @param overrides per entity name, its topics instead
	 * @throws InvalidSettingException naming the setting of an unknown entity, an entity
	 * without a topic, a pattern that gives every entity the same topic, or a topic given
	 * to two entities
	 */
	public EcommerceTopics(String pattern, Map<String, List<String>> overrides) {
		List<String> names = Entity.of(Source.ECOMMERCE).stream().map(Entity::id).toList();
		overrides.forEach((name, topics) -> {
			if (!names.contains(name)) {
				throw new InvalidSettingException(TOPICS_SETTING + name, String.join(",", topics),
						"no such e-commerce entity (" + String.join(", ", names) + ")");
			}
			if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
				throw new InvalidSettingException(TOPICS_SETTING + name, String.join(",", topics),
						"an entity needs at least one topic, and a topic a name");
			}
		});
		boolean patternUsed = names.stream().anyMatch((name) -> !overrides.containsKey(name));
		if (patternUsed && !pattern.contains(ENTITY)) {
			throw new InvalidSettingException(PATTERN_SETTING, pattern,
					"must contain " + ENTITY + ", or every entity would read the same topic");
		}
		Map<String, String> fed = new HashMap<>();
		for (Entity entity : Entity.of(Source.ECOMMERCE)) {
			List<String> topics = overrides.containsKey(entity.id()) ? List.copyOf(overrides.get(entity.id()))
					: List.of(pattern.replace(ENTITY, entity.id()));
			for (String topic : topics) {
				String other = fed.putIfAbsent(topic, entity.id());
				if (other != null) {
					throw new InvalidSettingException(
							overrides.containsKey(entity.id()) ? TOPICS_SETTING + entity.id() : PATTERN_SETTING, topic,
							"the topic already feeds " + other + "; a topic feeds one entity");
				}
			}
			this.topics.put(entity, topics);
		}
	}

	/** The default topics: {@code ecommerce.<entity>}. */
	public static EcommerceTopics defaults() {
		return new EcommerceTopics(DEFAULT_PATTERN, Map.of());
	}

	/** The topics of an e-commerce entity, the first being where the simulator writes. */
	public List<String> of(Entity entity) {
		List<String> topics = this.topics.get(entity);
		if (topics == null) {
			throw new IllegalArgumentException(entity.id() + " is not an e-commerce entity");
		}
		return topics;
	}

	/** Every topic, entity by entity. */
	public List<String> all() {
		List<String> all = new ArrayList<>();
		this.topics.values().forEach(all::addAll);
		return all;
	}

	@Override
	public String toString() {
		return this.topics.entrySet()
			.stream()
			.map((entry) -> entry.getKey().id() + "=" + entry.getValue())
			.collect(Collectors.joining(", ", "EcommerceTopics[", "]"));
	}

}
