package com.widgetsunlimited.etl.ingest.kafka;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.support.DebeziumShop;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.ParquetRecords;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TopicRecords;
import com.widgetsunlimited.etl.support.World;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-commerce ingestion fed by a real Debezium PostgreSQL connector: two shop
 * databases, one read with the JSON converter's schemas, one without them and with the
 * settings docs/sources.md recommends for that. Each shop's day has a snapshot, inserts,
 * updates, a delete under the default replica identity (key only) and one under
 * {@code FULL}, an update that leaves a TOASTed column unchanged, money of several
 * precisions, and a connector restart that sends acknowledged-too-late events again. The
 * same day is then loaded into a PostgreSQL and a MariaDB warehouse, and the raw layer,
 * the customer dimension and the fact are checked against the shop databases themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebeziumConnectorIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** The business day of the changes. */
	private final LocalDate today = LocalDate.of(2024, 3, 5);

	private final List<Shop> shops = new ArrayList<>();

	private Path workDir;

	private EmbeddedKafkaBroker broker;

	private EmbeddedPostgres server;

	@BeforeAll
	void aDayOfTwoShops_capturedByTheirConnectors() throws Exception {
		this.workDir = Files.createTempDirectory("etl-debezium");
		this.broker = EmbeddedKafkaBroker.start(this.workDir.resolve("broker"), 3, TIMEOUT);
		this.server = DebeziumShop.server();
		// the records stamped from noon of the business day on
		Instant noon = this.today.atTime(12, 0).toInstant(ZoneOffset.UTC);
		this.shops.add(new Shop(new DebeziumShop(this.server, "shopa", Map.of("converter.schemas.enable", "true"),
				this.broker.bootstrapServers(), this.workDir, noon), 100));
		this.shops
			.add(new Shop(new DebeziumShop(this.server, "shopb",
					Map.of("converter.schemas.enable", "false", "decimal.handling.mode", "string",
							"time.precision.mode", "isostring"),
					this.broker.bootstrapServers(), this.workDir, noon), 200));
		for (Shop shop : this.shops) {
			shop.day(this.today);
		}
	}

	@AfterAll
	void stop() throws Exception {
		for (Shop shop : this.shops) {
			shop.connector.close();
		}
		if (this.server != null) {
			this.server.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void theDay_loadsIntoAPostgresqlWarehouse_asTheShopDatabasesHoldIt() throws Exception {
		try (World world = World.embedded("etl-debezium-postgres")) {
			loadAndCheck(world);
		}
	}

	@Test
	void theDay_loadsIntoAMariaDbWarehouse_asTheShopDatabasesHoldIt() throws Exception {
		try (World world = World.withMariaDbWarehouse("etl-debezium-mariadb", TestDatabases::mariaDb)) {
			loadAndCheck(world);
		}
	}

	private void loadAndCheck(World world) throws Exception {
		// given: the connectors sent some events twice
		for (Shop shop : this.shops) {
			assertThat(sentAgain(shop.connector.topicPrefix() + "customer")).as(shop.name()).isPositive();
		}

		// when
		Map<String, String> environment = new HashMap<>(world.environment());
		environment.put("ETL_KAFKA_BOOTSTRAP_SERVERS", this.broker.bootstrapServers());
		// the simulated inventory and stores, its e-commerce topics left unread
		run(world, environment, List.of(), "--job=simulate", "date=" + this.today);
		List<String> topics = new ArrayList<>();
		for (Entity entity : Entity.of(Source.ECOMMERCE)) {
			topics.add("--etl.kafka.topics." + entity.id() + "=" + String.join(",",
					this.shops.stream().map((shop) -> shop.connector.topicPrefix() + entity.id()).toList()));
		}
		Result cycle = run(world, environment, topics, "--job=dailyCycle", "date=" + this.today);

		// then
		assertThat(cycle.stdout()).contains("Step ingestEcommerceStep COMPLETED");
		try (World.Opened opened = world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			assertThat(warehouse.queryForList(
					"SELECT origin, reason FROM etl_reject WHERE business_date = ? " + "AND source = 'ecommerce'",
					java.sql.Date.valueOf(this.today)))
				.isEmpty();
			for (Shop shop : this.shops) {
				shop.checkStaged(world.directory().resolve("staging/" + this.today + "/ecommerce"));
				shop.checkRawLayer(warehouse);
				shop.checkCustomers(warehouse);
				shop.checkSales(warehouse);
			}
		}
	}

	private Result run(World world, Map<String, String> environment, List<String> settings, String... args)
			throws Exception {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(settings);
		Result result = EtlProcess.run(world.directory(), environment, all.toArray(String[]::new));
		assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isZero();
		return result;
	}

	/**
	 * How many events of {@code topic} the broker holds more than once: the same key and
	 * source position (a change sent again after the connector restarted).
	 */
	private long sentAgain(String topic) throws Exception {
		Map<String, Integer> seen = new HashMap<>();
		ObjectMapper json = new ObjectMapper();
		for (ConsumerRecord<String, String> record : TopicRecords.all(this.broker.bootstrapServers(), topic)) {
			if (record.value() != null) {
				JsonNode value = json.readTree(record.value());
				JsonNode envelope = value.has("payload") ? value.path("payload") : value;
				seen.merge(record.key() + "@" + envelope.path("source").path("lsn").asLong(), 1, Integer::sum);
			}
		}
		return seen.values().stream().filter((count) -> count > 1).count();
	}

	/**
	 * One shop's day: its connector, its keys (from {@code base} on, so that the shops'
	 * rows never share one), and the number of changes it made to each table.
	 */
	private static final class Shop {

		private final DebeziumShop connector;

		private final long base;

		private final Map<Entity, Integer> changes = new LinkedHashMap<>();

		Shop(DebeziumShop connector, long base) {
			this.connector = connector;
			this.base = base;
		}

		String name() {
			return this.connector.topicPrefix();
		}

		void day(LocalDate day) throws Exception {
			LocalDateTime morning = day.atTime(8, 0);
			String instructions = text(12_000);
			// before the connector: what its snapshot reads
			change(Entity.CUSTOMER,
					"INSERT INTO shop.customer VALUES (?, 'Ann Archer', ?, 'pw', 'ann@example.com', "
							+ "'OA', 'F', DATE '1985-07-14', 'L-1', '4000123412341234', FALSE, TRUE, ?, ?)",
					id(1), "ann" + this.base, morning.plusNanos(123_000_000), morning.plusNanos(123_456_000));
			change(Entity.CUSTOMER,
					"INSERT INTO shop.customer VALUES (?, 'Bob Baker', ?, 'pw', 'bob@example.com', "
							+ "NULL, 'M', NULL, NULL, NULL, TRUE, TRUE, ?, ?)",
					id(2), "bob" + this.base, morning, morning);
			change(Entity.CUSTOMER_ADDRESS, "INSERT INTO shop.customer_address VALUES (?, ?, 'B', ?, ?, ?)", id(1),
					id(1), "Ann Archer\n1 First St\nSpringfield, IL 62701", morning, morning);
			change(Entity.CUSTOMER_ADDRESS, "INSERT INTO shop.customer_address VALUES (?, ?, 'S', ?, ?, ?)", id(2),
					id(1), "Ann Archer\n2 Second St\nSpringfield, IL 62702", morning, morning);
			change(Entity.ORDER, "INSERT INTO shop.\"order\" VALUES (?, ?, ?, ?, 4.99, ?, FALSE, ?, ?)", id(1), id(1),
					id(2), instructions, morning.plusHours(1).plusNanos(123_456_000), morning.plusHours(1),
					morning.plusHours(1));
			change(Entity.ORDER_LINE_ITEM,
					"INSERT INTO shop.order_line_item VALUES (?, ?, 1, 2, 12.3456, 24.6912, " + "NULL, ?, ?)", id(1),
					id(1), morning.plusHours(1), morning.plusHours(1));
			change(Entity.ORDER_LINE_ITEM,
					"INSERT INTO shop.order_line_item VALUES (?, ?, 2, 1, 0.1, 0.10, " + "'gift wrap', ?, ?)", id(2),
					id(1), morning.plusHours(1), morning.plusHours(1));
			this.connector.jdbc().execute("ALTER TABLE shop.customer REPLICA IDENTITY FULL");
			this.connector.start();
			this.connector.awaitCaughtUp(TIMEOUT);

			// while it runs: inserts, updates, a delete of each replica identity, and an
			// update that leaves the TOASTed instructions as they are
			LocalDateTime noon = day.atTime(12, 0);
			change(Entity.CUSTOMER, "INSERT INTO shop.customer VALUES (?, 'Cid Cole', ?, 'pw', 'cid@example.com', "
					+ "'AM', NULL, NULL, NULL, NULL, FALSE, TRUE, ?, ?)", id(3), "cid" + this.base, noon, noon);
			change(Entity.CUSTOMER_ADDRESS, "INSERT INTO shop.customer_address VALUES (?, ?, 'S', ?, ?, ?)", id(3),
					id(3), "Cid Cole\n3 Third Ave\nShelbyville, TN 37160", noon, noon);
			change(Entity.ORDER, "INSERT INTO shop.\"order\" VALUES (?, ?, ?, NULL, 0.00, ?, FALSE, ?, ?)", id(2),
					id(3), id(3), noon.plusMinutes(5), noon.plusMinutes(5), noon.plusMinutes(5));
			change(Entity.ORDER_LINE_ITEM,
					"INSERT INTO shop.order_line_item VALUES (?, ?, 3, 3, 99999.9999, " + "299999.9997, NULL, ?, ?)",
					id(3), id(2), noon.plusMinutes(5), noon.plusMinutes(5));
			change(Entity.CUSTOMER,
					"UPDATE shop.customer SET name = 'Ann Archer-Smith', email = 'ann.smith@example.com',"
							+ " updated_at = ? WHERE customer_id = ?",
					noon.plusMinutes(10).plusNanos(654_321_000), id(1));
			change(Entity.ORDER_LINE_ITEM, "UPDATE shop.order_line_item SET quantity = 3, total_price = 37.0368, "
					+ "updated_at = ? WHERE order_line_item_id = ?", noon.plusMinutes(11), id(1));
			change(Entity.ORDER, "UPDATE shop.\"order\" SET shipping_cost = 5.49, updated_at = ? WHERE order_id = ?",
					noon.plusMinutes(12), id(1));
			change(Entity.ORDER_LINE_ITEM, "DELETE FROM shop.order_line_item WHERE order_line_item_id = ?", id(2));
			change(Entity.CUSTOMER, "DELETE FROM shop.customer WHERE customer_id = ?", id(2));
			this.connector.awaitCaughtUp(TIMEOUT);

			// a change the broker got but the connector never heard was acknowledged:
			// sent
			// again when it restarts
			this.connector.acknowledging(false);
			change(Entity.CUSTOMER,
					"UPDATE shop.customer SET is_preferred = TRUE, updated_at = ? WHERE customer_id = ?",
					noon.plusMinutes(20), id(3));
			this.connector.awaitCaughtUp(TIMEOUT);
			this.connector.stop();
			this.connector.acknowledging(true);
			this.connector.start();
			this.connector.awaitCaughtUp(TIMEOUT);
			change(Entity.ORDER_LINE_ITEM, "INSERT INTO shop.order_line_item VALUES (?, ?, 1, 1, 5, 5, NULL, ?, ?)",
					id(4), id(2), noon.plusMinutes(30), noon.plusMinutes(30));
			this.connector.awaitCaughtUp(TIMEOUT);
			this.connector.stop();
		}

		private long id(int number) {
			return this.base + number;
		}

		private void change(Entity entity, String sql, Object... arguments) {
			int rows = this.connector.jdbc().update(sql, arguments);
			assertThat(rows).as(sql).isOne();
			this.changes.merge(entity, rows, Integer::sum);
		}

		/** Each change of the shop staged once, none twice. */
		void checkStaged(Path staging) throws Exception {
			for (Entity entity : Entity.of(Source.ECOMMERCE)) {
				long staged = ParquetRecords.read(staging.resolve(entity.id() + ".parquet"))
					.stream()
					.filter((record) -> record.get("_origin").toString().startsWith(name()))
					.count();
				assertThat(staged).as(name() + entity.id()).isEqualTo(this.changes.get(entity).longValue());
			}
		}

		/** Every row of the shop's tables in the raw layer as the shop holds it. */
		void checkRawLayer(JdbcTemplate warehouse) {
			JdbcTemplate shop = this.connector.jdbc();
			for (Map<String, Object> row : shop.queryForList("SELECT * FROM shop.customer")) {
				Map<String, Object> raw = warehouse.queryForMap(
						"SELECT * FROM raw_ecommerce_customer WHERE " + "customer_id = ?", row.get("customer_id"));
				assertThat(raw.get("name")).isEqualTo(row.get("name"));
				assertThat(raw.get("email")).isEqualTo(row.get("email"));
				assertThat(flag(raw.get("is_preferred"))).isEqualTo(row.get("is_preferred"));
				assertThat(flag(raw.get("is_deleted"))).isFalse();
				assertThat(raw.get("credit_card_number_last4"))
					.isEqualTo((row.get("credit_card_number") != null) ? "1234" : null);
				assertThat(time(raw.get("updated_at"))).isEqualTo(time(row.get("updated_at")));
				assertThat(time(raw.get("inserted_at"))).isEqualTo(time(row.get("inserted_at")));
			}
			// deleted with the whole row (FULL) and with only its key (DEFAULT): flagged,
			// their last state kept
			Map<String, Object> bob = warehouse
				.queryForMap("SELECT * FROM raw_ecommerce_customer WHERE customer_id = ?", id(2));
			assertThat(flag(bob.get("is_deleted"))).isTrue();
			assertThat(bob.get("email")).isEqualTo("bob@example.com");
			Map<String, Object> giftWrap = warehouse
				.queryForMap("SELECT * FROM raw_ecommerce_order_line_item WHERE order_line_item_id = ?", id(2));
			assertThat(flag(giftWrap.get("is_deleted"))).isTrue();
			assertThat(giftWrap.get("comments")).isEqualTo("gift wrap");
			assertThat(((Number) giftWrap.get("product_id")).longValue()).isEqualTo(2L);
			// the instructions the update did not resend
			Map<String, Object> order = shop.queryForMap("SELECT * FROM shop.\"order\" WHERE order_id = ?", id(1));
			Map<String, Object> rawOrder = warehouse.queryForMap("SELECT * FROM raw_ecommerce_order WHERE order_id = ?",
					id(1));
			assertThat(rawOrder.get("special_instructions")).isEqualTo(order.get("special_instructions"));
			assertThat((BigDecimal) rawOrder.get("shipping_cost")).isEqualByComparingTo("5.49");
			assertThat(time(rawOrder.get("execution_time"))).isEqualTo(time(order.get("execution_time")));
		}

		/**
		 * The customers' current versions: the renamed one renamed, the deleted one
		 * inactive.
		 */
		void checkCustomers(JdbcTemplate warehouse) {
			String current = "SELECT name, email, is_active FROM customer_dim WHERE customer_id = ? AND is_current = ?";
			Map<String, Object> ann = warehouse.queryForMap(current, id(1), true);
			assertThat(ann.get("name")).isEqualTo("Ann Archer-Smith");
			assertThat(ann.get("email")).isEqualTo("ann.smith@example.com");
			assertThat(flag(warehouse.queryForMap(current, id(2), true).get("is_active"))).isFalse();
			assertThat(flag(warehouse.queryForMap(current, id(3), true).get("is_active"))).isTrue();
		}

		/**
		 * Every order line of the shop in the fact to the cent, the deleted one flagged.
		 */
		void checkSales(JdbcTemplate warehouse) {
			String fact = "SELECT quantity, unit_price, total_price, is_deleted FROM sales_fact WHERE channel = 'ONLINE' "
					+ "AND source_line_id = ?";
			for (Map<String, Object> line : this.connector.jdbc().queryForList("SELECT * FROM shop.order_line_item")) {
				Map<String, Object> sale = warehouse.queryForMap(fact, line.get("order_line_item_id"));
				assertThat(((Number) sale.get("quantity")).intValue()).isEqualTo(line.get("quantity"));
				assertThat((BigDecimal) sale.get("unit_price"))
					.isEqualByComparingTo(cents((BigDecimal) line.get("unit_price")));
				assertThat((BigDecimal) sale.get("total_price"))
					.isEqualByComparingTo(cents((BigDecimal) line.get("total_price")));
				assertThat(flag(sale.get("is_deleted"))).isFalse();
			}
			Map<String, Object> deleted = warehouse.queryForMap(fact, id(2));
			assertThat(flag(deleted.get("is_deleted"))).isTrue();
			assertThat((BigDecimal) deleted.get("total_price")).isEqualByComparingTo("0.10");
		}

		private static BigDecimal cents(BigDecimal amount) {
			return amount.setScale(2, RoundingMode.HALF_UP);
		}

		private static boolean flag(Object value) {
			return (value instanceof Boolean bool) ? bool : ((Number) value).intValue() != 0;
		}

		/** A point in time as UTC wall-clock text, whichever JDBC type holds it. */
		private static String time(Object value) {
			if (value instanceof java.sql.Timestamp timestamp) {
				return timestamp.toLocalDateTime().toString();
			}
			if (value instanceof java.time.OffsetDateTime offset) {
				return offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
			}
			return String.valueOf(value);
		}

		private static String text(int length) {
			// random letters, which PostgreSQL cannot compress below its TOAST threshold
			Random random = new Random(length);
			StringBuilder text = new StringBuilder(length);
			Stream.generate(() -> (char) ('a' + random.nextInt(26))).limit(length).forEach(text::append);
			return text.toString();
		}

	}

}
