package com.widgetsunlimited.etl.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.ingest.Ingested;
import com.widgetsunlimited.etl.ingest.kafka.KafkaSlices.Slice;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import com.widgetsunlimited.etl.warehouse.PayloadMasking;
import com.widgetsunlimited.etl.warehouse.WarehouseDialect;
import com.widgetsunlimited.etl.warehouse.WarehouseSchema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka slices on the in-process broker, recorded in a real warehouse (PostgreSQL). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSliceIntegrationTests {

	static final String TOPIC = "ecommerce.order";

	private TestDatabase warehouse;

	private EmbeddedKafkaBroker broker;

	private Path brokerDir;

	private KafkaEndpoint kafka;

	private KafkaSlices slices;

	@BeforeAll
	void start() throws Exception {
		this.warehouse = TestDatabases.postgresServer();
		WarehouseSchema.migrate(this.warehouse.dataSource(), WarehouseDialect.of(this.warehouse.dataSource()));
		this.brokerDir = Files.createTempDirectory("etl-kafka-slices");
		this.broker = EmbeddedKafkaBroker.start(this.brokerDir.resolve("kafka"), 2, Duration.ofSeconds(60));
		this.kafka = KafkaEndpoint.cluster(this.broker.bootstrapServers());
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			admin
				.createTopics(
						List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic("ecommerce.customer", 1, (short) 1)))
				.all()
				.get();
		}
		this.slices = new KafkaSlices(new JdbcTemplate(this.warehouse.dataSource()), this.kafka, Duration.ZERO);
	}

	@AfterAll
	void stop() {
		this.broker.close();
		this.warehouse.close();
		FileSystemUtils.deleteRecursively(this.brokerDir.toFile());
	}

	@Test
	void aDatesSliceIsFixedAtItsFirstRun_laterEventsGoToTheNextDate_noneLostNoneTwice() throws Exception {
		// given: day 1's events (stamped now: day 1 has not ended when more arrive)
		produce(0, 10);
		LocalDate day1 = LocalDate.now(ZoneOffset.UTC).plusYears(1);
		List<Slice> first = this.slices.slices(day1, TOPIC);

		// when: more events arrive, and day 1 is read again (a restart or a rerun)
		produce(10, 6);
		List<Slice> again = this.slices.slices(day1, TOPIC);
		List<Slice> day2 = this.slices.slices(day1.plusDays(1), TOPIC);

		// then
		assertThat(again).isEqualTo(first);
		assertThat(first.stream().mapToLong(Slice::size).sum()).isEqualTo(10);
		assertThat(day2.stream().mapToLong(Slice::size).sum()).isEqualTo(6);
		for (int i = 0; i < first.size(); i++) {
			assertThat(day2.get(i).from()).isEqualTo(first.get(i).to());
		}
		List<String> keys = new ArrayList<>(readAll(first, new ExecutionContext()));
		keys.addAll(readAll(day2, new ExecutionContext()));
		assertThat(keys).hasSize(16).doesNotHaveDuplicates();
		assertThatThrownBy(() -> this.slices.slices(day1.minusDays(1), TOPIC))
			.hasMessageContaining("dates are ingested in order");
	}

	@Test
	void eventsArrivingWhileADayIsRead_theReadEnds_andTheyAreTheNextDays_noneLostNoneTwice() throws Exception {
		// given: a topic that keeps receiving events from another thread
		String topic = "ecommerce.order_line_item";
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
		}
		AtomicInteger produced = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		Thread producerThread = new Thread(() -> {
			try (KafkaProducer<String, String> producer = producer()) {
				while (!stop.get()) {
					int n = produced.get();
					producer.send(new ProducerRecord<>(topic, Integer.toString(n), "{\"op\":\"c\",\"n\":" + n + "}"))
						.get();
					produced.incrementAndGet();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "test-producer");
		producerThread.start();
		try {
			awaitProduced(produced, 50);

			// when: a day's slice is fixed and read while events keep arriving
			LocalDate day = LocalDate.now(ZoneOffset.UTC).plusYears(2);
			List<Slice> first = this.slices.slices(day, topic);
			List<String> keys = new ArrayList<>(readAll(first, new ExecutionContext()));
			long firstSize = first.stream().mapToLong(Slice::size).sum();
			awaitProduced(produced, (int) firstSize + 20);
			stop.set(true);
			producerThread.join(30_000);
			List<Slice> next = this.slices.slices(day.plusDays(1), topic);
			keys.addAll(readAll(next, new ExecutionContext()));

			// then: the day read its slice and ended; the next day has every later event
			assertThat(firstSize).isPositive().isLessThan(produced.get());
			for (int i = 0; i < first.size(); i++) {
				assertThat(next.get(i).from()).isEqualTo(first.get(i).to());
			}
			assertThat(keys).doesNotHaveDuplicates().hasSize(produced.get());
		}
		finally {
			stop.set(true);
			producerThread.join(30_000);
		}
	}

	@Test
	void daysFixedAfterLaterDaysArrived_eachGetsTheEventsStampedInIt_plusTheGrace() throws Exception {
		// given: three days' events on one partition, as after two missed nights; the
		// last event of day 1 is stamped just after its end, one of day 2 arrives only
		// after day 3's first
		String topic = "ecommerce.store";
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
		LocalDate day1 = LocalDate.of(2024, 2, 1);
		Instant start = day1.atStartOfDay().toInstant(ZoneOffset.UTC);
		List<Instant> stamps = List.of(start.plusSeconds(3_600), start.plusSeconds(80_000),
				start.plus(Duration.ofDays(1)).plusSeconds(20), start.plus(Duration.ofDays(1)).plusSeconds(7_200),
				start.plus(Duration.ofDays(2)).plusSeconds(60), start.plus(Duration.ofDays(1)).plusSeconds(9_000),
				start.plus(Duration.ofDays(2)).plusSeconds(3_600));
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < stamps.size(); i++) {
				producer.send(new ProducerRecord<>(topic, 0, stamps.get(i).toEpochMilli(), "k" + i, "e" + i)).get();
			}
		}
		KafkaSlices withGrace = new KafkaSlices(new JdbcTemplate(this.warehouse.dataSource()), this.kafka,
				Duration.ofMinutes(1));

		// when: the three days are fixed one after the other
		List<List<String>> days = new ArrayList<>();
		for (int day = 0; day < 3; day++) {
			days.add(readAll(withGrace.slices(day1.plusDays(day), topic), new ExecutionContext()));
		}

		// then: day 1 has its events and the one 20 s late (within the grace); day 2
		// ends at day 3's first event, so day 2's late one is day 3's, as a night's run
		// after day 3 began would have it; nothing is lost or read twice
		assertThat(days.get(0)).containsExactly("k0", "k1", "k2");
		assertThat(days.get(1)).containsExactly("k3");
		assertThat(days.get(2)).containsExactly("k4", "k5", "k6");
	}

	@Test
	void eventsTheRetentionDeletedBeforeTheyWereRead_failTheDayNamingThem_unlessTheGapIsAccepted() throws Exception {
		// given: a day read, then five more events of which the retention deletes three
		// before the next day is read
		String topic = "ecommerce.product";
		TopicPartition partition = new TopicPartition(topic, 0);
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
		produceTo(topic, 5);
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusYears(4);
		List<Slice> read = this.slices.slices(day, topic);
		produceTo(topic, 5);
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(8))).all().get();
		}

		// when
		Throwable refused = org.assertj.core.api.Assertions
			.catchThrowable(() -> this.slices.slices(day.plusDays(1), topic));
		List<Slice> accepted = new KafkaSlices(new JdbcTemplate(this.warehouse.dataSource()), this.kafka, Duration.ZERO,
				true)
			.slices(day.plusDays(1), topic);

		// then
		assertThat(read).extracting(Slice::from, Slice::to)
			.containsExactly(org.assertj.core.api.Assertions.tuple(0L, 5L));
		assertThat(refused).isInstanceOf(KafkaSlices.KafkaGapException.class)
			.hasMessageStartingWith("Kafka topic ecommerce.product partition 0: offsets 5 to 7 (3 records) were "
					+ "deleted by the topic's retention before " + day.plusDays(1) + " read them")
			.hasMessageContaining("--etl.ingest.accept-kafka-gaps=true");
		assertThat(accepted).extracting(Slice::from, Slice::to)
			.containsExactly(org.assertj.core.api.Assertions.tuple(8L, 10L));
		assertThat(new JdbcTemplate(this.warehouse.dataSource()).queryForObject(
				"SELECT lost_from FROM etl_kafka_slice WHERE topic = ? AND business_date = ?", Long.class, topic,
				day.plusDays(1)))
			.isEqualTo(5L);
	}

	private void produceTo(String topic, int count) throws Exception {
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(topic, 0, "k" + i, "e" + i)).get();
			}
		}
	}

	private static void awaitProduced(AtomicInteger produced, int count) throws InterruptedException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (produced.get() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the producer sent only " + produced.get() + " events in 60 s");
			}
			Thread.sleep(10);
		}
	}

	@Test
	void exactDuplicates_areReadOnce_alsoAcrossARestart() throws Exception {
		// given: three events, the second one delivered twice, on one partition
		try (KafkaProducer<String, String> producer = producer()) {
			for (String value : List.of("a", "b", "b", "c")) {
				producer.send(new ProducerRecord<>("ecommerce.customer", 0, "k-" + value, value)).get();
			}
		}
		List<Slice> slice = List
			.of(new Slice(new org.apache.kafka.common.TopicPartition("ecommerce.customer", 0), 0, 4));

		// when: a run reads one record and commits, then a new reader resumes from its
		// state
		ExecutionContext context = new ExecutionContext();
		KafkaSliceItemReader first = new KafkaSliceItemReader(this.kafka, slice);
		first.open(context);
		assertThat(first.read().value()).isEqualTo("a");
		assertThat(first.read().value()).isEqualTo("b");
		first.update(context);
		first.close();
		KafkaSliceItemReader resumed = new KafkaSliceItemReader(this.kafka, slice);
		resumed.open(context);
		ChangeEvent next = resumed.read();
		ChangeEvent end = resumed.read();
		resumed.close();

		// then: the duplicate "b" was skipped even though it came after the restart point
		assertThat(next.value()).isEqualTo("c");
		assertThat(next.offset()).isEqualTo(3);
		assertThat(end).isNull();
		assertThat(resumed.duplicates()).isEqualTo(1);
	}

	@Test
	void aFiveMegabyteValue_isRefusedByADefaultTopic_andRejectedFromATopicThatTakesIt_withBadUtf8AndSqlBesideIt()
			throws Exception {
		// given: a topic configured for 6 MB messages; events around a 5 MB one, one with
		// bytes that are not UTF-8, one whose text is SQL, quotes and backslashes
		String topic = "ecommerce.customer_address";
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
				.configs(Map.of("max.message.bytes", Integer.toString(6 * 1024 * 1024))))).all().get();
		}
		String hostile = "Robert'); DROP TABLE etl_reject; -- \\ \" \\\" \u00e9 \ud83d\ude00";
		byte[] huge = address(2, "x".repeat(5 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
		byte[] notUtf8 = address(3, "Caf?").getBytes(StandardCharsets.UTF_8);
		notUtf8[new String(notUtf8, StandardCharsets.UTF_8).indexOf('?')] = (byte) 0xC3;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
				this.broker.bootstrapServers(), "acks", "all", "max.request.size", Integer.toString(8 * 1024 * 1024)),
				new StringSerializer(), new ByteArraySerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "2", huge)).get())
				.hasCauseInstanceOf(RecordTooLargeException.class);
			for (byte[] value : List.of(address(1, hostile).getBytes(StandardCharsets.UTF_8), huge, notUtf8,
					address(4, "1 Main St").getBytes(StandardCharsets.UTF_8))) {
				producer.send(new ProducerRecord<>(topic, "k", value)).get();
			}
		}

		// when
		LocalDate day = LocalDate.now(ZoneOffset.UTC).plusYears(3);
		List<Slice> slice = this.slices.slices(day, topic);
		KafkaSliceItemReader reader = new KafkaSliceItemReader(this.kafka, slice);
		ChangeEventParser parser = new ChangeEventParser(Entity.CUSTOMER_ADDRESS, day);
		List<Ingested> ingested = new ArrayList<>();
		reader.open(new ExecutionContext());
		for (ChangeEvent event = reader.read(); event != null; event = reader.read()) {
			ingested.add(parser.process(event));
		}
		reader.close();

		// then: four events in, two staged, two rejected with their offsets and why
		assertThat(ingested).hasSize(4);
		assertThat(ingested.get(0).staged().row().string("address")).isEqualTo(hostile);
		assertThat(ingested.get(1).reject().origin()).isEqualTo(topic + "/0@1");
		assertThat(ingested.get(1).reject().reason())
			.isEqualTo("value is " + huge.length + " bytes, more than the 1048576 a change event may have");
		assertThat(ingested.get(1).reject().payload()).hasSizeLessThanOrEqualTo(PayloadMasking.MAX_LENGTH);
		assertThat(ingested.get(2).reject().origin()).isEqualTo(topic + "/0@2");
		assertThat(ingested.get(2).reject().reason()).startsWith("value holds bytes that are not UTF-8 (from byte ");
		assertThat(ingested.get(2).reject().payload()).contains("Caf\ufffd");
		assertThat(ingested.get(3).staged().row().string("address")).isEqualTo("1 Main St");
	}

	/** A customer address created, as the e-commerce system publishes it. */
	private static String address(long id, String address) throws Exception {
		Map<String, Object> after = new java.util.LinkedHashMap<>();
		after.put("customer_address_id", id);
		after.put("customer_id", 7);
		after.put("address_type", "B");
		after.put("address", address);
		after.put("inserted_at", "2024-07-01T10:00:00Z");
		after.put("updated_at", "2024-07-01T10:00:00Z");
		return new ObjectMapper().writeValueAsString(Map.of("op", "c", "ts_ms", 1719828000000L, "after", after));
	}

	@Test
	void aTopicThatDoesNotExist_failsNamingIt() {
		assertThatThrownBy(() -> this.slices.slices(LocalDate.of(2024, 5, 1), "ecommerce.custmer"))
			.hasMessageContaining("Kafka topic ecommerce.custmer does not exist");
	}

	private List<String> readAll(List<Slice> slices, ExecutionContext context) {
		KafkaSliceItemReader reader = new KafkaSliceItemReader(this.kafka, slices);
		reader.open(context);
		List<String> keys = new ArrayList<>();
		for (ChangeEvent event = reader.read(); event != null; event = reader.read()) {
			keys.add(event.key());
		}
		reader.close();
		return keys;
	}

	private void produce(int first, int count) throws Exception {
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = first; i < first + count; i++) {
				producer.send(new ProducerRecord<>(TOPIC, Integer.toString(i), "{\"op\":\"c\",\"n\":" + i + "}")).get();
			}
		}
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of("bootstrap.servers", this.broker.bootstrapServers(), "acks", "all"),
				new StringSerializer(), new StringSerializer());
	}

}
