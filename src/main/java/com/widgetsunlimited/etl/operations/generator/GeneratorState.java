package com.widgetsunlimited.etl.operations.generator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;

/**
 * What the operational systems hold, as far as the generator needs to know it: the live
 * rows of every entity by key, the next key of each, the keys of each entity's latest
 * insert batch (the parents of a "children per parent" request), and the products sold
 * before the inventory feed announced them. Keyed maps are sorted, so every walk over
 * them is reproducible.
 */
public final class GeneratorState {

	private final Map<Entity, NavigableMap<Long, Row>> rows = new EnumMap<>(Entity.class);

	private final Map<Entity, Long> nextKeys = new EnumMap<>(Entity.class);

	private final Map<Entity, List<Long>> lastBatches = new EnumMap<>(Entity.class);

	private final TreeSet<Long> unannouncedProducts = new TreeSet<>();

	/** Child entity to parent key to the keys of its live children. */
	private final Map<Entity, Map<Long, TreeSet<Long>>> children = new EnumMap<>(Entity.class);

	public GeneratorState() {
		for (Entity entity : Entity.values()) {
			this.rows.put(entity, new TreeMap<>());
			this.nextKeys.put(entity, 1L);
			this.lastBatches.put(entity, List.of());
		}
	}

	/** The live rows of {@code entity}, by key. */
	public NavigableMap<Long, Row> rows(Entity entity) {
		return this.rows.get(entity);
	}

	public Row row(Entity entity, long key) {
		Row row = this.rows.get(entity).get(key);
		if (row == null) {
			throw new IllegalStateException("no live " + entity.id() + " " + key);
		}
		return row;
	}

	public int size(Entity entity) {
		return this.rows.get(entity).size();
	}

	void put(Row row) {
		this.rows.get(row.entity()).put(row.key(), row);
		if (row.entity().parent().isPresent()) {
			this.children.computeIfAbsent(row.entity(), (entity) -> new TreeMap<>())
				.computeIfAbsent((Long) row.get(row.entity().parentColumn()), (parent) -> new TreeSet<>())
				.add(row.key());
		}
	}

	void remove(Entity entity, long key) {
		Row removed = this.rows.get(entity).remove(key);
		if (removed != null && entity.parent().isPresent()) {
			TreeSet<Long> siblings = this.children.get(entity).get((Long) removed.get(entity.parentColumn()));
			siblings.remove(key);
		}
	}

	long nextKey(Entity entity) {
		return this.nextKeys.merge(entity, 1L, Long::sum) - 1;
	}

	public long peekNextKey(Entity entity) {
		return this.nextKeys.get(entity);
	}

	/** The keys the latest insert request for {@code entity} created. */
	public List<Long> lastBatch(Entity entity) {
		return this.lastBatches.get(entity);
	}

	void lastBatch(Entity entity, List<Long> keys) {
		this.lastBatches.put(entity, List.copyOf(keys));
	}

	/** Products already sold but not yet in the inventory feed. */
	public TreeSet<Long> unannouncedProducts() {
		return this.unannouncedProducts;
	}

	/** The children of {@code parent} among the live rows of {@code child}. */
	public List<Row> children(Entity child, long parentKey) {
		List<Row> rows = new ArrayList<>();
		for (Long key : this.children.getOrDefault(child, Map.of()).getOrDefault(parentKey, new TreeSet<>())) {
			rows.add(this.rows.get(child).get(key));
		}
		return rows;
	}

	/**
	 * Forgets the rows of {@code entity} except {@code keep}: old transactions are not
	 * changed again.
	 */
	void retainOnly(Entity entity, Collection<Long> keep) {
		TreeSet<Long> kept = new TreeSet<>(keep);
		for (Long key : new ArrayList<>(this.rows.get(entity).keySet())) {
			if (!kept.contains(key)) {
				remove(entity, key);
			}
		}
	}

	Map<Entity, Long> nextKeys() {
		return this.nextKeys;
	}

	Map<Entity, List<Long>> lastBatches() {
		return this.lastBatches;
	}

}
