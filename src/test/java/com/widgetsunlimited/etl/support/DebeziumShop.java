package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A shop's e-commerce database, schema {@code shop}, on a PostgreSQL server with logical
 * decoding, and a real Debezium PostgreSQL connector on it (the embedded engine, the
 * {@code pgoutput} plugin) whose change events go to a Kafka broker as a Kafka Connect
 * worker would send them: topic {@code <database>.shop.
 *
<table>
 * }, key and value as the JSON converter wrote them, acknowledged to the connector once
 * the broker has them.
 * <p>
 * The records are stamped inside a business day of the test's choosing ({@code dayTime}
 * on, as time passes), as the simulator stamps its own, so that the day's Kafka slice
 * holds them; what the connector wrote is sent as it is.
 * <p>
 * A test may stop acknowledging ({@link #acknowledging(boolean)}): the events still reach
 * the broker, but the connector, restarted, sends them again, as after a worker that died
 * before committing its offsets.
 */
public final class DebeziumShop implements AutoCloseable {

	/** The tables of the e-commerce entities, as a shop's database could declare them. */
	private static final String SCHEMA = """
			CREATE SCHEMA shop;
			CREATE TABLE shop.customer (
			    customer_id BIGINT PRIMARY KEY, name TEXT NOT NULL, user_id VARCHAR(100) NOT NULL,
			    password TEXT, email TEXT NOT NULL, referral_type VARCHAR(2), sex CHAR(1), date_of_birth DATE,
			    loyalty_number TEXT, credit_card_number TEXT, is_preferred BOOLEAN NOT NULL DEFAULT FALSE,
			    is_active BOOLEAN NOT NULL DEFAULT TRUE, inserted_at TIMESTAMP(3) NOT NULL,
			    updated_at TIMESTAMPTZ NOT NULL);
			CREATE TABLE shop.customer_address (
			    customer_address_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, address_type CHAR(1) NOT NULL,
			    address TEXT NOT NULL, inserted_at TIMESTAMP NOT NULL, updated_at TIMESTAMP(6) NOT NULL);
			CREATE TABLE shop."order" (
			    order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, shipping_address_id BIGINT,
			    special_instructions TEXT, shipping_cost NUMERIC(10,2) NOT NULL, execution_time TIMESTAMP(6) NOT NULL,
			    cancelled BOOLEAN NOT NULL DEFAULT FALSE, inserted_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
			CREATE TABLE shop.order_line_item (
			    order_line_item_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, product_id BIGINT NOT NULL,
			    quantity INTEGER NOT NULL, unit_price NUMERIC(12,4) NOT NULL, total_price NUMERIC NOT NULL,
			    comments TEXT, inserted_at TIMESTAMP NOT NULL, updated_at TIMESTAMP(6) NOT NULL);
			CREATE TABLE shop.marker (marker_id INTEGER PRIMARY KEY);
			""";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String database;

	private final Properties connector;

	private final KafkaProducer<String, String> producer;

	private final JdbcTemplate jdbc;

	private final AtomicInteger markerSent = new AtomicInteger();

	private final AtomicInteger markerReceived = new AtomicInteger();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private volatile boolean acknowledging = true;

	private final Instant dayTime;

	private final long started;

	private DebeziumEngine<ChangeEvent<String, String>> engine;

	private ExecutorService executor;

	/**
	 * A PostgreSQL server that logical decoding can read: a real one, from the binaries
	 * the embedded environment uses.
	 */
	public static EmbeddedPostgres server() throws IOException {
		return EmbeddedPostgres.builder()
			.setServerConfig("wal_level", "logical")
			.setServerConfig("max_wal_senders", "8")
			.setServerConfig("max_replication_slots", "8")
			.start();
	}

	/**
	 * Creates the shop's database on {@code server} and its tables.
	 * @param converter the JSON converter's and the connector's value settings, such as
	 * {@code converter.schemas.enable}
	 * @param workDir where the connector keeps its offsets
	 * @param dayTime the time of the business day at which the records' stamps begin
	 */
	public DebeziumShop(EmbeddedPostgres server, String database, Map<String, String> converter,
			String bootstrapServers, Path workDir, Instant dayTime) throws SQLException, InterruptedException {
		this.dayTime = dayTime;
		this.started = System.nanoTime();
		this.database = database;
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		this.jdbc = new JdbcTemplate(new DriverManagerDataSource(server.getJdbcUrl("postgres", database)));
		this.jdbc.execute(SCHEMA);
		this.connector = new Properties();
		this.connector.setProperty("name", database);
		this.connector.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		this.connector.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
		this.connector.setProperty("offset.storage.file.filename", workDir.resolve(database + ".offsets").toString());
		this.connector.setProperty("offset.flush.interval.ms", "500");
		this.connector.setProperty("database.hostname", "localhost");
		this.connector.setProperty("database.port", String.valueOf(server.getPort()));
		this.connector.setProperty("database.user", "postgres");
		this.connector.setProperty("database.password", "postgres");
		this.connector.setProperty("database.dbname", database);
		this.connector.setProperty("topic.prefix", database);
		this.connector.setProperty("plugin.name", "pgoutput");
		this.connector.setProperty("slot.name", "debezium_" + database);
		this.connector.setProperty("publication.name", "debezium_" + database);
		this.connector.setProperty("publication.autocreate.mode", "filtered");
		this.connector.setProperty("schema.include.list", "shop");
		this.connector.setProperty("snapshot.mode", "initial");
		this.connector.putAll(converter);
		// what Kafka Connect's topic.creation settings would create: the broker makes
		// none
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin
				.createTopics(Stream.of("customer", "customer_address", "order", "order_line_item", "marker")
					.map((table) -> new NewTopic(topicPrefix() + table, 3, (short) 1))
					.toList())
				.all()
				.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot create the topics of " + database, ex.getCause());
		}
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
	}

	/** The shop's database, for the changes a test makes and the state it checks. */
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * The prefix of the connector's topics: {@code <prefix>.shop.
	 *
	<table>
	 * }.
	 */
	public String topicPrefix() {
		return this.database + ".shop.";
	}

	/**
	 * Starts the connector: a snapshot of the tables the first time, then their changes.
	 */
	public void start() {
		this.engine = DebeziumEngine.create(Json.class).using(this.connector).notifying((events, committer) -> {
			for (ChangeEvent<String, String> event : events) {
				try {
					// a tombstone's value is null, and a record without a value is one
					this.producer
						.send(new ProducerRecord<>(event.destination(), null, stamp(), event.key(), event.value()))
						.get();
				}
				catch (ExecutionException ex) {
					this.failure.compareAndSet(null, ex.getCause());
					throw new IllegalStateException(ex.getCause());
				}
				if (event.destination().endsWith(".marker") && event.value() != null) {
					this.markerReceived.accumulateAndGet(marker(event.key()), Math::max);
				}
				if (this.acknowledging) {
					committer.markProcessed(event);
				}
			}
			if (this.acknowledging) {
				committer.markBatchFinished();
			}
		}).using((success, message, error) -> {
			if (!success) {
				this.failure.compareAndSet(null, (error != null) ? error : new IllegalStateException(message));
			}
		}).build();
		this.executor = Executors.newSingleThreadExecutor();
		this.executor.execute(this.engine);
	}

	/** The record time: as much after {@code dayTime} as the shop has been running. */
	private long stamp() {
		return this.dayTime.plusNanos(System.nanoTime() - this.started).toEpochMilli();
	}

	/** The marker's number in a record key, with or without the converter's schema. */
	private static int marker(String key) {
		try {
			JsonNode node = JSON.readTree(key);
			return (node.has("payload") ? node.path("payload") : node).path("marker_id").asInt();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a marker's key that is not JSON: " + key, ex);
		}
	}

	/** Whether the consumer acknowledges the events it received (it does unless told). */
	public void acknowledging(boolean acknowledging) {
		this.acknowledging = acknowledging;
	}

	/**
	 * Waits until the broker holds every change committed so far: a marker row, committed
	 * after them, has arrived.
	 */
	public void awaitCaughtUp(Duration timeout) throws InterruptedException {
		int marker = this.markerSent.incrementAndGet();
		this.jdbc.update("INSERT INTO shop.marker VALUES (?)", marker);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.markerReceived.get() < marker) {
			if (this.failure.get() != null) {
				throw new IllegalStateException("the connector of " + this.database + " failed", this.failure.get());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"the connector of " + this.database + " did not send marker " + marker + " in " + timeout);
			}
			Thread.sleep(20);
		}
	}

	/** Stops the connector, which commits the offsets of what it was acknowledged. */
	public void stop() throws IOException, InterruptedException {
		this.engine.close();
		this.executor.shutdown();
		if (!this.executor.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the connector of " + this.database + " did not stop");
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
