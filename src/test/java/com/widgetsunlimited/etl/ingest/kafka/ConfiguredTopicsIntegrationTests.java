package com.widgetsunlimited.etl.ingest.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.widgetsunlimited.etl.cli.ExitCode;
import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.ParquetRecords;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-commerce topics named as a Debezium connector names them (prefix, schema and table
 * joined by dots), and a customer topic of a second shop database beside the first: the
 * simulator writes and the ingestion reads them, etl.jar as users run it, on a broker of
 * the test's own. There too, the exit code of events that a short retention deleted
 * before the next day read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfiguredTopicsIntegrationTests {

	private static final String[] TOPICS = { "--etl.kafka.topic-pattern=shop.public.{entity}",
			"--etl.kafka.topics.customer=shop.public.customer,shop2.public.customer" };

	private static final long SECOND_SHOPS_CUSTOMER = 999_999;

	private Path workDir;

	private EmbeddedKafkaBroker broker;

	private Map<String, String> environment;

	/** The folder etl.jar runs in: its embedded databases, drop and staging. */
	private Path etl;

	private Result ingested;

	@BeforeAll
	void simulateTheFirstDay_aSecondShopPublishesACustomer_thenIngest() throws Exception {
		this.workDir = Files.createTempDirectory("etl-configured-topics");
		this.broker = EmbeddedKafkaBroker.start(this.workDir.resolve("broker"), 3, Duration.ofSeconds(60));
		this.environment = Map.of("ETL_KAFKA_BOOTSTRAP_SERVERS", this.broker.bootstrapServers());
		this.etl = Files.createDirectories(this.workDir.resolve("etl"));
		run(0, "--job=simulate", "date=2024-01-01");
		publishSecondShopsCustomer(this.broker.bootstrapServers());
		this.ingested = run(0, "--job=ingest", "date=2024-01-01");
	}

	@AfterAll
	void stopTheBroker() {
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void aConnectorsTopicNames_andACustomerTopicOfASecondDatabase_areReadAndStaged() throws Exception {
		// when
		Result mistaken = EtlProcess.run(this.etl, this.environment, "--job=ingest", "date=2024-01-02",
				"--etl.kafka.topics.custmer=shop.public.customer");

		// then: the connector's topics, and none by the default names
		assertThat(this.ingested.stdout()).contains("Step ingestEcommerceStep COMPLETED");
		Set<String> topics;
		try (Admin admin = admin()) {
			topics = admin.listTopics().names().get();
		}
		assertThat(topics)
			.contains("shop.public.customer", "shop2.public.customer", "shop.public.customer_address",
					"shop.public.order", "shop.public.order_line_item")
			.noneMatch((topic) -> topic.startsWith("ecommerce."));
		// the manifest names every topic read, the second shop's with its one record
		JsonNode read = manifest("2024-01-01");
		List<String> names = new ArrayList<>();
		read.fieldNames().forEachRemaining(names::add);
		assertThat(names).containsExactlyInAnyOrder("shop.public.customer", "shop2.public.customer",
				"shop.public.customer_address", "shop.public.order", "shop.public.order_line_item");
		long secondShop = 0;
		for (JsonNode slice : read.path("shop2.public.customer")) {
			secondShop += slice.path("end_offset").asLong() - slice.path("start_offset").asLong();
		}
		assertThat(secondShop).isOne();
		// and both shops' customers are staged
		List<Long> customers = new ArrayList<>();
		for (GenericRecord record : ParquetRecords
			.read(this.etl.resolve("staging/2024-01-01/ecommerce/customer.parquet"))) {
			customers.add((Long) record.get("customer_id"));
		}
		assertThat(customers).contains(SECOND_SHOPS_CUSTOMER).hasSizeGreaterThan(100);
		// a topic for an entity that does not exist is refused, naming it
		assertThat(mistaken.exitCode()).as(mistaken.output()).isEqualTo(ExitCode.INVALID_ARGUMENTS.code());
		assertThat(mistaken.stderr()).contains("etl.kafka.topics.custmer=shop.public.customer: no such "
				+ "e-commerce entity (customer, customer_address, order, order_line_item)");
	}

	@Test
	void eventsTheRetentionDeletedBeforeTheNextDayReadThem_failItWithAnExitCodeOfItsOwn_unlessAccepted()
			throws Exception {
		// given: the second day's orders, the first two of one partition deleted as a
		// short retention would
		run(0, "--job=simulate", "date=2024-01-02");
		JsonNode first = manifest("2024-01-01").path("shop.public.order").get(0);
		int partition = first.path("partition_id").asInt();
		long lostFrom = first.path("end_offset").asLong();
		try (Admin admin = admin()) {
			admin
				.deleteRecords(Map.of(new TopicPartition("shop.public.order", partition),
						RecordsToDelete.beforeOffset(lostFrom + 2)))
				.all()
				.get();
		}

		// when
		Result refused = run(ExitCode.SOURCE_GAP.code(), "--job=ingest", "date=2024-01-02");
		Result accepted = run(0, "--job=ingest", "date=2024-01-02", "--etl.ingest.accept-kafka-gaps=true");

		// then
		assertThat(refused.stderr()).contains("Kafka topic shop.public.order partition " + partition + ": offsets "
				+ lostFrom + " to " + (lostFrom + 1) + " (2 records) were deleted by the topic's retention before "
				+ "2024-01-02 read them");
		assertThat(accepted.output()).contains("loading the day without them, as accepted");
		JsonNode slice = manifest("2024-01-02").path("shop.public.order").get(0);
		assertThat(slice.path("partition_id").asInt()).isEqualTo(partition);
		assertThat(slice.path("start_offset").asLong()).isEqualTo(lostFrom + 2);
	}

	private Result run(int exitCode, String... args) throws Exception {
		Result result = EtlProcess.run(this.etl, this.environment, args(args));
		assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(exitCode);
		return result;
	}

	/** The Kafka slices that a day's e-commerce manifest names, by topic. */
	private JsonNode manifest(String date) throws Exception {
		return new ObjectMapper().readTree(this.etl.resolve("staging/" + date + "/ecommerce/_manifest.json").toFile())
			.path("window")
			.path("topics");
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers()));
	}

	private static String[] args(String... args) {
		return Stream.concat(Stream.of(args), Stream.of(TOPICS)).toArray(String[]::new);
	}

	/** A copy of the first shop's first customer event, as the second shop's customer. */
	private static void publishSecondShopsCustomer(String bootstrapServers) throws Exception {
		ConsumerRecord<String, String> first;
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = consumer.partitionsFor("shop.public.customer")
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.filter((candidate) -> consumer.endOffsets(List.of(candidate)).get(candidate) > 0)
				.findFirst()
				.orElseThrow();
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			first = consumer.poll(Duration.ofSeconds(10)).iterator().next();
		}
		ObjectNode event = (ObjectNode) new ObjectMapper().readTree(first.value());
		ObjectNode envelope = event.has("payload") ? (ObjectNode) event.get("payload") : event;
		((ObjectNode) envelope.get("after")).put("customer_id", SECOND_SHOPS_CUSTOMER);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
				new StringSerializer())) {
			producer
				.send(new ProducerRecord<>("shop2.public.customer", null,
						Instant.parse("2024-01-01T12:00:00Z").toEpochMilli(), Long.toString(SECOND_SHOPS_CUSTOMER),
						event.toString()))
				.get();
		}
	}

}
