package com.widgetsunlimited.etl.operations.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceConnector;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.DataGenerator;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.generator.Defects;
import com.widgetsunlimited.etl.operations.generator.GenerationRequest;
import com.widgetsunlimited.etl.operations.generator.GeneratorState;
import com.widgetsunlimited.etl.operations.generator.GeneratorStateCodec;
import com.widgetsunlimited.etl.operations.instore.InstoreTables;
import com.widgetsunlimited.etl.operations.inventory.InventoryDrop;
import com.widgetsunlimited.etl.operations.simulator.SimulationLedger.Day;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One business day of Widgets Unlimited: the scenario's volumes for the day go through
 * the {@link DataGenerator}, and its changes reach the three operational systems — the
 * day's CSV drop, the e-commerce topics, the in-store tables. The generator continues
 * from the state the previous simulated day left, so the same seed and the same days give
 * the same world.
 *
 * <p>
 * Order of writes: drop files and events first, then the in-store rows together with the
 * ledger in one transaction. A crash before that commit leaves the day unrecorded;
 * simulating it again rewrites the same files and re-publishes the same events (delivery
 * is at-least-once, as with a real connector).
 */
public final class OperationsSimulator {

	private static final Logger log = LoggerFactory.getLogger(OperationsSimulator.class);

	private final Scenario scenario;

	private final long seed;

	private final Map<DefectKind, Double> defectRates;

	private final InventoryDrop inventory;

	private final EcommerceConnector ecommerce;

	private final InstoreTables instore;

	private final SimulationLedger ledger;

	private final TransactionTemplate instoreTransaction;

	public OperationsSimulator(Scenario scenario, long seed, Map<DefectKind, Double> defectRates,
			InventoryDrop inventory, EcommerceConnector ecommerce, JdbcTemplate instoreJdbc,
			TransactionTemplate instoreTransaction) {
		this.scenario = scenario;
		this.seed = seed;
		this.defectRates = defectRates;
		this.inventory = inventory;
		this.ecommerce = ecommerce;
		this.instore = new InstoreTables(instoreJdbc);
		this.ledger = new SimulationLedger(instoreJdbc);
		this.instoreTransaction = instoreTransaction;
	}

	/**
	 * Simulates {@code date}.
	 * @param scale multiplies the scenario's volumes
	 * @param reset start the simulated world over (empties the three systems) with this
	 * date as its first day
	 * @throws AlreadySimulatedException when the date was simulated before, or lies
	 * before the last simulated date
	 */
	public SimulationReport simulate(LocalDate date, double scale, boolean reset) {
		if (reset) {
			reset();
		}
		Optional<Day> previous = this.ledger.latest();
		if (this.ledger.contains(date)) {
			throw new AlreadySimulatedException("business day " + date
					+ " has already happened in the simulated world; reset=true starts the world over");
		}
		if (previous.isPresent() && !date.isAfter(previous.get().date())) {
			throw new AlreadySimulatedException("the simulated world is already at " + previous.get().date()
					+ "; days can only follow it (reset=true starts the world over)");
		}
		int dayNumber = previous.map((day) -> day.number() + 1).orElse(1);
		GeneratorState state = previous.map((day) -> GeneratorStateCodec.decode(day.generatorState()))
			.orElseGet(GeneratorState::new);
		long daySeed = this.seed * 1_000_003L + dayNumber;
		Defects defects = new Defects(this.defectRates, new Random(daySeed ^ 0x5DEECE66DL));
		DataGenerator generator = new DataGenerator(state, new Random(daySeed), defects);
		List<GenerationRequest> requests = this.scenario.day(dayNumber, scale);
		generator.businessDay(date, new DayClock(date, expectedChanges(requests), new Random(daySeed + 1)));

		long started = System.nanoTime();
		List<Change> changes = new ArrayList<>(generator.announcePendingProducts());
		for (GenerationRequest request : requests) {
			changes.addAll(generator.generate(feasible(request, state)));
		}
		generator.endDay();

		long generated = System.nanoTime();
		List<Change> inventoryChanges = only(changes, Source.INVENTORY);
		// the drop's marker comes last, once the broker and the database took the day: a
		// day that could not be finished is never marked ready for loading
		this.inventory.writeFiles(date, inventoryChanges, defects);
		long dropped = System.nanoTime();
		this.ecommerce.createTopics();
		long records = this.ecommerce.publish(date, only(changes, Source.ECOMMERCE), defects);
		long published = System.nanoTime();
		byte[] encoded = GeneratorStateCodec.encode(state);
		List<Change> instoreChanges = only(changes, Source.INSTORE);
		this.instoreTransaction.executeWithoutResult((status) -> {
			this.instore.apply(instoreChanges);
			this.ledger.record(date, dayNumber, this.seed, scale, changes.size(), encoded, defects.injected());
		});
		this.inventory.markReady(date);
		long stored = System.nanoTime();
		log.info(
				"Timing of {}: generated {} changes in {}; inventory drop {} rows in {}; e-commerce {} events in {}; "
						+ "in-store {} rows and the ledger in {}",
				date, changes.size(), seconds(started, generated), inventoryChanges.size(), seconds(generated, dropped),
				records, seconds(dropped, published), instoreChanges.size(), seconds(published, stored));
		SimulationReport report = new SimulationReport(date, dayNumber, changes, defects.injected(), records);
		log.info("Simulated {} (day {}): {} changes {}; {} defects injected {}", date, dayNumber, changes.size(),
				report.changeCounts(), defects.injected().size(), report.defectCounts());
		return report;
	}

	/** The simulated world's present: the last day it has simulated, if any. */
	public Optional<LocalDate> present() {
		return this.ledger.latest().map(Day::date);
	}

	/** Empties the three systems and the ledger: the next simulated day is day 1. */
	public void reset() {
		log.warn("Resetting the simulated world: emptying the in-store tables, the e-commerce topics and the drop");
		this.instoreTransaction.executeWithoutResult((status) -> {
			this.instore.clear();
			this.ledger.clear();
		});
		this.ecommerce.emptyTopics();
		this.inventory.clear();
	}

	/**
	 * The request, with updates and deletes limited to the rows that exist: a scaled
	 * scenario changes at most every row.
	 */
	private static GenerationRequest feasible(GenerationRequest request, GeneratorState state) {
		int rows = state.size(request.entity());
		int updates = Math.min(request.updates(), rows);
		int deletes = Math.min(request.deletes(), rows - updates);
		return new GenerationRequest(request.entity(), request.inserts(), updates, deletes, request.perParent());
	}

	private static String seconds(long from, long to) {
		return String.format(java.util.Locale.ROOT, "%.2f s", (to - from) / 1e9);
	}

	private static List<Change> only(List<Change> changes, Source source) {
		Predicate<Change> ofSource = (change) -> change.entity().source() == source;
		return changes.stream().filter(ofSource).toList();
	}

	/** About how many changes the day makes, to spread them over the day. */
	private static long expectedChanges(List<GenerationRequest> requests) {
		long total = 0;
		for (GenerationRequest request : requests) {
			long parents = request.entity()
				.parent()
				.map((parent) -> requests.stream()
					.filter((r) -> r.entity() == parent)
					.mapToLong(GenerationRequest::inserts)
					.sum())
				.orElse(0L);
			total += request.inserts() + request.updates() + request.deletes() + request.perParent() * parents;
		}
		return Math.max(total, 1);
	}

}
