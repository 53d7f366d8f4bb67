package com.widgetsunlimited.etl.operations.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.widgetsunlimited.etl.model.Column;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import net.datafaker.Faker;

/**
 * Produces the changes of the operational systems and applies them to its own
 * {@link GeneratorState}, so that later requests update, delete and reference earlier
 * rows. Values come from Datafaker through {@link Recipes}; every random choice comes
 * from the seeded sources given here, so the same seed and the same requests give the
 * same changes.
 */
public final class DataGenerator {

	private final GeneratorState state;

	private final Random random;

	private final Faker faker;

	private final Defects defects;

	private final Recipes recipes;

	private Supplier<Instant> clock;

	private LocalDate businessDate;

	/**
	 * The rows inserted today with a time before the day, on purpose (a late event):
	 * their children are as late as they are.
	 */
	private final Set<String> lateRows = new HashSet<>();

	/**
	 * @param state what the systems hold so far (changed by every request)
	 * @param random the seeded source of every choice
	 * @param defects where dirt goes, and the log of it
	 */
	public DataGenerator(GeneratorState state, Random random, Defects defects) {
		this.state = state;
		this.random = random;
		this.faker = new Faker(Locale.US, random);
		this.defects = defects;
		this.recipes = new Recipes(this);
		businessDay(LocalDate.of(2024, 1, 1), () -> LocalDate.of(2024, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
	}

	/** Sets the business day whose changes come next, and the clock that stamps them. */
	public void businessDay(LocalDate date, Supplier<Instant> clock) {
		this.businessDate = date;
		this.clock = clock;
		this.lateRows.clear();
	}

	/**
	 * Generates the changes of {@code request} and applies them to the state. Checks the
	 * request first: one that cannot be done changes nothing.
	 * @return the changes, in the order they happened
	 */
	public List<Change> generate(GenerationRequest request) {
		Entity entity = request.entity();
		if (request.perParent() > 0 && entity.parent().isEmpty()) {
			throw new IllegalArgumentException(
					entity.id() + " has no parent entity: it cannot have children per parent");
		}
		if (request.deletes() > 0 && !this.recipes.deletable(entity)) {
			throw new IllegalArgumentException(entity.id() + " rows are not deleted by the business");
		}
		if (request.updates() + request.deletes() > this.state.size(entity)) {
			throw new IllegalArgumentException("cannot change " + (request.updates() + request.deletes()) + " "
					+ entity.id() + " rows: only " + this.state.size(entity) + " exist");
		}
		if (request.inserts() > 0 && entity.parent().isPresent() && this.state.size(entity.parent().get()) == 0) {
			throw new IllegalArgumentException(
					"cannot insert " + entity.id() + ": no " + entity.parent().get().id() + " exists to belong to");
		}
		List<Change> changes = new ArrayList<>();
		List<Long> inserted = new ArrayList<>();
		if (request.perParent() > 0) {
			Entity parentEntity = entity.parent().get();
			for (long parentKey : this.state.lastBatch(parentEntity)) {
				Row parent = this.state.rows(parentEntity).get(parentKey);
				if (parent == null) {
					continue; // deleted since
				}
				for (int i = 0; i < request.perParent(); i++) {
					changes.add(insert(entity, parent, inserted));
				}
			}
		}
		for (int i = 0; i < request.inserts(); i++) {
			Row parent = entity.parent().map((parentEntity) -> pick(parentEntity, (row) -> true)).orElse(null);
			changes.add(insert(entity, parent, inserted));
		}
		Set<Long> touched = new HashSet<>(inserted);
		for (long key : sample(entity, request.updates(), touched)) {
			Row before = this.state.row(entity, key);
			Map<String, Object> changed = new LinkedHashMap<>(this.recipes.change(before));
			changed.put(Entity.UPDATED_AT, now(null));
			for (String column : changed.keySet()) {
				if (!entity.column(column).mutable()) {
					throw new IllegalStateException(entity.id() + "." + column + " is not changed by the business");
				}
			}
			Row after = before.with(changed);
			this.state.put(after);
			changes.add(Change.update(before, after));
			touched.add(key);
		}
		for (long key : sample(entity, request.deletes(), touched)) {
			changes.addAll(delete(entity, key));
		}
		if (!inserted.isEmpty() || request.perParent() > 0 || request.inserts() > 0) {
			this.state.lastBatch(entity, inserted);
		}
		return changes;
	}

	/**
	 * Announces the products that were sold before the inventory feed knew them: their
	 * rows enter today's feed as new.
	 */
	public List<Change> announcePendingProducts() {
		List<Change> changes = new ArrayList<>();
		for (long key : new ArrayList<>(this.state.unannouncedProducts())) {
			Row row = this.state.row(Entity.PRODUCT, key);
			Instant at = now(null);
			Row announced = row.with(Map.of(Entity.INSERTED_AT, at, Entity.UPDATED_AT, at));
			this.state.put(announced);
			changes.add(Change.insert(announced));
		}
		this.state.unannouncedProducts().clear();
		return changes;
	}

	/**
	 * Forgets the transactions of past days (orders, their lines, store sales, stock
	 * movements): they are not changed again, so the state stays as small as the
	 * catalogue.
	 */
	public void endDay() {
		for (Entity entity : List.of(Entity.ORDER, Entity.ORDER_LINE_ITEM, Entity.STORE_SALES, Entity.INVENTORY)) {
			this.state.retainOnly(entity, this.state.lastBatch(entity));
		}
	}

	private Change insert(Entity entity, Row parent, List<Long> inserted) {
		long key = this.state.nextKey(entity);
		Map<String, Object> values = new HashMap<>(this.recipes.create(entity, key, parent));
		values.put(entity.keyColumn(), key);
		if (parent != null) {
			values.put(entity.parentColumn(), parent.key());
		}
		Instant at = (Instant) values.computeIfAbsent(Entity.INSERTED_AT, (column) -> now(parent));
		values.putIfAbsent(Entity.UPDATED_AT, at);
		if (at.isBefore(startOfDay())) {
			this.lateRows.add(entity.id() + ":" + key);
		}
		for (Column column : entity.columns()) {
			if (column.defaultValue() != null) {
				values.putIfAbsent(column.name(), column.defaultValue());
			}
		}
		Row row = Row.of(entity, values);
		this.state.put(row);
		inserted.add(key);
		return Change.insert(row);
	}

	private List<Change> delete(Entity entity, long key) {
		List<Change> changes = new ArrayList<>();
		Row row = this.state.row(entity, key);
		Instant at = now(null);
		// a customer's account closed takes its addresses with it, as the source's
		// cascade does
		for (Entity child : Entity.values()) {
			if (child.parent().orElse(null) == entity && this.recipes.deletedWithParent(child)) {
				for (Row dependent : this.state.children(child, key)) {
					this.state.remove(child, dependent.key());
					changes.add(Change.delete(dependent, at));
				}
			}
		}
		this.state.remove(entity, key);
		changes.add(Change.delete(row, at));
		return changes;
	}

	private List<Long> sample(Entity entity, int count, Set<Long> excluded) {
		List<Long> candidates = new ArrayList<>();
		for (Long key : this.state.rows(entity).keySet()) {
			if (!excluded.contains(key)) {
				candidates.add(key);
			}
		}
		if (count > candidates.size()) {
			throw new IllegalArgumentException("cannot change " + count + " " + entity.id() + " rows: only "
					+ candidates.size() + " are left to change");
		}
		List<Long> chosen = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int index = i + this.random.nextInt(candidates.size() - i);
			Long picked = candidates.get(index);
			candidates.set(index, candidates.get(i));
			candidates.set(i, picked);
			chosen.add(picked);
		}
		chosen.sort(null);
		return chosen;
	}

	/** A live row of {@code entity} that satisfies {@code filter}, chosen at random. */
	Row pick(Entity entity, Predicate<Row> filter) {
		var rows = this.state.rows(entity);
		if (rows.isEmpty()) {
			throw new IllegalStateException("no " + entity.id() + " exists yet to refer to");
		}
		long first = rows.firstKey();
		long last = rows.lastKey();
		for (int attempt = 0; attempt < 50; attempt++) {
			var entry = rows.ceilingEntry(first + (long) (this.random.nextDouble() * (last - first + 1)));
			if (entry != null && filter.test(entry.getValue())) {
				return entry.getValue();
			}
		}
		return rows.values()
			.stream()
			.filter(filter)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no suitable " + entity.id() + " exists to refer to"));
	}

	/**
	 * The time of the next change: the day's clock, so that every change of the day is
	 * stamped inside it, whenever the row it changes or belongs to was last touched; only
	 * the children of a row inserted late on purpose today (a late order's lines) are as
	 * late as it is.
	 */
	Instant now(Row parent) {
		Instant now = this.clock.get();
		if (parent != null && this.lateRows.contains(parent.entity().id() + ":" + parent.key())) {
			return parent.timestamp(Entity.UPDATED_AT).plusMillis(1 + this.random.nextInt(1000));
		}
		return now;
	}

	private Instant startOfDay() {
		return this.businessDate.atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	GeneratorState state() {
		return this.state;
	}

	Random random() {
		return this.random;
	}

	Faker faker() {
		return this.faker;
	}

	Defects defects() {
		return this.defects;
	}

	LocalDate businessDate() {
		return this.businessDate;
	}

}
