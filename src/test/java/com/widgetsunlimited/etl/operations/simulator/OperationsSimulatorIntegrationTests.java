package com.widgetsunlimited.etl.operations.simulator;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceConnector;
import com.widgetsunlimited.etl.source.EcommerceTopics;
import com.widgetsunlimited.etl.support.TopicRecords;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.instore.InstoreSchema;
import com.widgetsunlimited.etl.source.InstoreDatabase;
import com.widgetsunlimited.etl.operations.inventory.InventoryDrop;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulator on real parts: the embedded PostgreSQL (in-store), the in-process broker
 * (e-commerce) and a drop folder (inventory).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsSimulatorIntegrationTests {

	static final String SCENARIO = """
			days:
			  - supplier: {inserts: 10}
			    product: {inserts: 60}
			    customer: {inserts: 40}
			    customer_address: {perParent: 2}
			    store: {inserts: 3}
			    store_location: {perParent: 1}
			    inventory: {inserts: 50}
			  - product: {inserts: 5, updates: 5}
			    customer: {inserts: 10, updates: 5, deletes: 1}
			    customer_address: {perParent: 2, updates: 3}
			    store_location: {updates: 1}
			    order: {inserts: 100}
			    order_line_item: {perParent: 3}
			    store_sales: {inserts: 200}
			    inventory: {inserts: 100}
			""";

	static final LocalDate DAY_1 = LocalDate.of(2024, 1, 1);

	static final LocalDate DAY_2 = LocalDate.of(2024, 1, 2);

	@TempDir
	Path dropDir;

	private TestDatabase instoreDatabase;

	private EmbeddedKafkaBroker broker;

	private Path brokerDir;

	private JdbcTemplate jdbc;

	@BeforeAll
	void start() throws Exception {
		this.instoreDatabase = TestDatabases.embeddedPostgres("instore");
		InstoreSchema.migrate(this.instoreDatabase.dataSource());
		this.jdbc = new JdbcTemplate(this.instoreDatabase.dataSource());
		this.brokerDir = Files.createTempDirectory("etl-simulator-kafka");
		this.broker = EmbeddedKafkaBroker.start(this.brokerDir.resolve("kafka"), 3, Duration.ofSeconds(60));
	}

	@AfterAll
	void stop() {
		this.broker.close();
		this.instoreDatabase.close();
		org.springframework.util.FileSystemUtils.deleteRecursively(this.brokerDir.toFile());
	}

	@Test
	void sameSeed_givesIdenticalFilesEventsAndRows_anotherSeed_differentOnes() throws Exception {
		World first = simulateWorld(42, Map.of());
		World again = simulateWorld(42, Map.of());
		World other = simulateWorld(43, Map.of());

		assertThat(again.files()).isEqualTo(first.files());
		assertThat(again.events()).isEqualTo(first.events());
		assertThat(again.rows()).isEqualTo(first.rows());
		assertThat(first.events().values()).allSatisfy((events) -> assertThat(events).isNotEmpty());
		assertThat(first.rows().get("store_sales")).hasSizeGreaterThan(150);

		assertThat(other.files()).isNotEqualTo(first.files());
		assertThat(other.events()).isNotEqualTo(first.events());
		assertThat(other.rows()).isNotEqualTo(first.rows());
	}

	@Test
	void aDateThatHappened_orOneBeforeThePresent_isRefused_andWritesNothing() throws Exception {
		OperationsSimulator simulator = simulator(1, Map.of());
		simulator.simulate(DAY_1, 1, true);
		simulator.simulate(DAY_2, 1, false);
		long rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM instore.store_sales", Long.class);

		assertThatThrownBy(() -> simulator.simulate(DAY_2, 1, false)).isInstanceOf(AlreadySimulatedException.class)
			.hasMessageContaining("2024-01-02 has already happened");
		assertThatThrownBy(() -> simulator.simulate(DAY_1.minusDays(1), 1, false))
			.isInstanceOf(AlreadySimulatedException.class)
			.hasMessageContaining("already at 2024-01-02");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM instore.store_sales", Long.class)).isEqualTo(rows);
	}

	@Test
	void dropFiles_haveAHeader_RFC4180_andTheReadyMarker_noTemporaryFilesLeft() throws Exception {
		simulateWorld(7, Map.of());
		InventoryDrop drop = new InventoryDrop(new InventoryDropFolder(this.dropDir.resolve("inventory")));

		assertThat(drop.folder().readyMarker(DAY_2)).exists();
		try (var files = Files.list(drop.folder().path())) {
			assertThat(files.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.endsWith(".tmp"));
		}
		for (Entity entity : Entity.of(Source.INVENTORY)) {
			List<String[]> lines = csv(drop.folder().file(entity, DAY_1));
			assertThat(lines.get(0)).containsExactlyElementsOf(entity.columnNames());
			assertThat(lines.subList(1, lines.size()))
				.allSatisfy((line) -> assertThat(line).hasSize(entity.columns().size()));
		}
		assertThat(csv(drop.folder().file(Entity.PRODUCT, DAY_1))).hasSize(61);
	}

	@Test
	void everyInjectedDefect_isLogged_andShowsInTheOutput_atItsRate() throws Exception {
		// given: a fifth of everything dirty
		Map<DefectKind, Double> rates = new EnumMap<>(DefectKind.class);
		for (DefectKind kind : DefectKind.values()) {
			rates.put(kind, 0.2);
		}
		OperationsSimulator simulator = simulator(5, rates);
		SimulationReport first = simulator.simulate(DAY_1, 1, true);

		// when
		SimulationReport day = simulator.simulate(DAY_2, 5, false);

		// then: logged counts match what the systems hold (the topics and tables hold
		// both days)
		Map<DefectKind, Long> counts = day.defectCounts();
		Map<DefectKind, Long> bothDays = new EnumMap<>(counts);
		first.defectCounts().forEach((kind, count) -> bothDays.merge(kind, count, Long::sum));
		Map<String, List<String>> events = events();
		// a tombstone follows every delete, as a real connector sends one
		long tombstones = events.values()
			.stream()
			.flatMap(List::stream)
			.filter((event) -> event.endsWith(TOMBSTONE))
			.count();
		long deletes = day.changes()
			.stream()
			.filter((c) -> c.entity().source() == Source.ECOMMERCE && c.after() == null)
			.count()
				+ first.changes()
					.stream()
					.filter((c) -> c.entity().source() == Source.ECOMMERCE && c.after() == null)
					.count();
		assertThat(tombstones).isEqualTo(deletes).isPositive();
		long values = events.values().stream().mapToLong(List::size).sum() - tombstones;
		long ecommerceChanges = day.changes().stream().filter((c) -> c.entity().source() == Source.ECOMMERCE).count();
		long ecommerceChangesBothDays = ecommerceChanges
				+ first.changes().stream().filter((c) -> c.entity().source() == Source.ECOMMERCE).count();
		assertThat(values).isEqualTo(ecommerceChangesBothDays + bothDays.get(DefectKind.DUPLICATE_EVENT));
		// a value sent twice is the same record twice: count distinct records
		long notJson = events.values()
			.stream()
			.flatMap(List::stream)
			.distinct()
			.filter((value) -> !isJson(value))
			.count();
		assertThat(notJson).isEqualTo(bothDays.get(DefectKind.KAFKA_NOT_JSON));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM instore.store_sales WHERE quantity = 0", Long.class))
			.isEqualTo(counts.get(DefectKind.INSTORE_ZERO_QUANTITY));
		long shortLines = 0;
		for (Entity entity : Entity.of(Source.INVENTORY)) {
			shortLines += csv(new InventoryDropFolder(this.dropDir.resolve("inventory")).file(entity, DAY_2)).stream()
				.filter((line) -> line.length < entity.columns().size())
				.count();
		}
		assertThat(shortLines).isEqualTo(counts.get(DefectKind.CSV_WRONG_FIELD_COUNT));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM simulator.injected_defect WHERE business_date = ?",
				Long.class, DAY_2))
			.isEqualTo(day.defects().size());

		// and: the rates hold where every row is eligible
		long sales = day.changes().stream().filter((c) -> c.entity() == Entity.STORE_SALES).count();
		assertThat((double) counts.get(DefectKind.INSTORE_ZERO_QUANTITY) / sales).isCloseTo(0.2, within(0.05));
		assertThat((double) counts.get(DefectKind.DUPLICATE_EVENT) / ecommerceChanges).isCloseTo(0.2, within(0.05));
		assertThat(counts.keySet()).containsAll(List.of(DefectKind.LATE_EVENT, DefectKind.UNANNOUNCED_PRODUCT,
				DefectKind.STATE_NAME_SPELLED_OUT, DefectKind.ZIP_PLUS_FOUR, DefectKind.KAFKA_MISSING_FIELD,
				DefectKind.INSTORE_UNKNOWN_STORE, DefectKind.CSV_NON_NUMERIC, DefectKind.STRAY_WHITESPACE_OR_CASE));
	}

	@Test
	void ratesOfZero_injectNothing() throws Exception {
		Map<DefectKind, Double> none = new EnumMap<>(DefectKind.class);
		for (DefectKind kind : DefectKind.values()) {
			none.put(kind, 0.0);
		}
		OperationsSimulator simulator = simulator(5, none);
		simulator.simulate(DAY_1, 1, true);

		SimulationReport day = simulator.simulate(DAY_2, 2, false);

		assertThat(day.defects()).isEmpty();
		assertThat(events().values().stream().flatMap(List::stream))
			.allMatch(OperationsSimulatorIntegrationTests::isJson);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM instore.store_sales WHERE quantity = 0 OR "
				+ "store_id NOT IN (SELECT store_id FROM instore.store)", Long.class))
			.isZero();
	}

	@Test
	void everyChangeOfADay_isStampedInsideThatDay_butTheEventsInjectedLateOnPurpose() throws Exception {
		// given: four days (rows of day 1 updated, deleted and given children later), the
		// late order the only defect: it and its lines are stamped the day before
		Map<DefectKind, Double> lateOnly = new EnumMap<>(DefectKind.class);
		for (DefectKind kind : DefectKind.values()) {
			lateOnly.put(kind, (kind == DefectKind.LATE_EVENT) ? 0.05 : 0.0);
		}
		OperationsSimulator simulator = simulator(11, lateOnly);
		Set<String> eventsBefore = Set.of();
		Map<String, Map<String, Object>> rowsBefore = Map.of();
		List<String> outside = new ArrayList<>();
		int lateEvents = 0;
		int instoreChanges = 0;
		for (int day = 0; day < 4; day++) {
			LocalDate date = DAY_1.plusDays(day);

			// when
			simulator.simulate(date, 1, day == 0);

			// then: the day's events (record timestamps are the changes' ts_ms), the
			// in-store rows it inserted or changed, the drop's rows
			Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
			Instant end = start.plus(Duration.ofDays(1));
			Set<Long> lateOrders = new HashSet<>(this.jdbc.queryForList("SELECT entity_key FROM "
					+ "simulator.injected_defect WHERE business_date = ? AND kind = 'LATE_EVENT' AND entity = 'order'",
					Long.class, java.sql.Date.valueOf(date)));
			Set<String> events = new HashSet<>();
			events().values().forEach(events::addAll);
			for (String event : events) {
				if (eventsBefore.contains(event)) {
					continue;
				}
				String[] parts = event.split("/", 4);
				// a tombstone names no order; its delete before it does
				var value = new ObjectMapper().readTree(parts[3]);
				var row = (value == null || !value.isObject()) ? null
						: value.get("after").isNull() ? value.get("before") : value.get("after");
				if (row != null && row.has("order_id") && lateOrders.contains(row.get("order_id").asLong())) {
					lateEvents++;
					continue;
				}
				if (!inside(Instant.ofEpochMilli(Long.parseLong(parts[1])), start, end)) {
					outside.add(date + " event " + event.substring(0, Math.min(120, event.length())));
				}
			}
			eventsBefore = events;
			Map<String, Map<String, Object>> rows = new HashMap<>();
			for (Entity entity : Entity.of(Source.INSTORE)) {
				for (Map<String, Object> row : this.jdbc
					.queryForList("SELECT * FROM " + InstoreDatabase.table(entity))) {
					rows.put(entity.id() + ":" + row.get(entity.keyColumn()), row);
				}
			}
			for (var row : rows.entrySet()) {
				if (!row.getValue().equals(rowsBefore.get(row.getKey()))) {
					instoreChanges++;
					Instant updated = ((java.sql.Timestamp) row.getValue().get("updated_at")).toLocalDateTime()
						.toInstant(ZoneOffset.UTC);
					if (!inside(updated, start, end)) {
						outside.add(date + " in-store " + row.getKey() + " updated_at " + updated);
					}
				}
			}
			rowsBefore = rows;
			String stamp = java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy").format(date) + " ";
			try (var files = Files.list(this.dropDir.resolve("inventory"))) {
				for (Path file : files
					.filter((f) -> f.toString().endsWith("_" + date.toString().replace("-", "") + ".csv"))
					.toList()) {
					List<String[]> lines = csv(file);
					int updatedAt = List.of(lines.get(0)).indexOf("updated_at");
					lines.subList(1, lines.size())
						.stream()
						.filter((line) -> !line[updatedAt].startsWith(stamp))
						.forEach((line) -> outside.add(date + " " + file.getFileName() + " " + String.join(",", line)));
				}
			}
		}
		assertThat(outside).isEmpty();
		assertThat(lateEvents).as("events of late orders").isPositive();
		assertThat(instoreChanges).isGreaterThan(600);
	}

	private static boolean inside(Instant time, Instant start, Instant end) {
		return !time.isBefore(start) && time.isBefore(end);
	}

	private World simulateWorld(long seed, Map<DefectKind, Double> rates) throws Exception {
		OperationsSimulator simulator = simulator(seed, rates);
		simulator.simulate(DAY_1, 1, true);
		simulator.simulate(DAY_2, 1, false);
		Map<String, byte[]> files = new TreeMap<>();
		try (var list = Files.list(this.dropDir.resolve("inventory"))) {
			for (Path file : list.sorted().toList()) {
				files.put(file.getFileName().toString(), Files.readAllBytes(file));
			}
		}
		Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
		for (Entity entity : Entity.of(Source.INSTORE)) {
			rows.put(entity.id(), this.jdbc
				.queryForList("SELECT * FROM " + InstoreDatabase.table(entity) + " ORDER BY " + entity.keyColumn()));
		}
		Map<String, String> fileText = new TreeMap<>();
		files.forEach((name, bytes) -> fileText.put(name, new String(bytes, StandardCharsets.UTF_8)));
		return new World(fileText, events(), rows);
	}

	private OperationsSimulator simulator(long seed, Map<DefectKind, Double> rates) {
		Scenario scenario = Scenario.load(new ByteArrayResource(SCENARIO.getBytes(StandardCharsets.UTF_8)));
		KafkaEndpoint kafka = KafkaEndpoint.cluster(this.broker.bootstrapServers());
		return new OperationsSimulator(scenario, seed, rates,
				new InventoryDrop(new InventoryDropFolder(this.dropDir.resolve("inventory"))),
				new EcommerceConnector(kafka, 3, EcommerceTopics.defaults()), this.jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(this.instoreDatabase.dataSource())));
	}

	/**
	 * Every record of the four topics: topic to "partition/offset/timestamp/key/value"
	 * lines.
	 */
	/** How {@link #events()} shows a record without a value ends. */
	private static final String TOMBSTONE = "/null";

	private Map<String, List<String>> events() {
		Map<String, List<String>> events = new TreeMap<>();
		for (Entity entity : Entity.of(Source.ECOMMERCE)) {
			String topic = EcommerceTopics.defaults().of(entity).get(0);
			events.put(topic,
					TopicRecords.all(this.broker.bootstrapServers(), topic)
						.stream()
						.map((record) -> record.partition() + "/" + record.timestamp() + "/" + record.key() + "/"
								+ record.value())
						.toList());
		}
		return events;
	}

	private static boolean isJson(String event) {
		String value = event.split("/", 4)[3];
		try {
			new ObjectMapper().readTree(value);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static List<String[]> csv(Path file) throws Exception {
		try (CSVReader reader = new CSVReader(new StringReader(Files.readString(file)))) {
			return reader.readAll();
		}
	}

	record World(Map<String, String> files, Map<String, List<String>> events,
			Map<String, List<Map<String, Object>>> rows) {
	}

}
