package com.widgetsunlimited.etl.env;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process KRaft broker serves real clients and keeps its log across restarts. */
class EmbeddedKafkaBrokerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path dataDir;

	@Test
	void produceConsumeRoundTrip_survivesABrokerRestart() throws Exception {
		Path log = this.dataDir.resolve("kafka");
		List<String> sent = List.of("{\"op\":\"c\",\"after\":{\"customer_id\":1}}",
				"{\"op\":\"u\",\"after\":{\"customer_id\":1}}", "{\"op\":\"c\",\"after\":{\"customer_id\":2}}");

		// given: a broker that received three keyed events
		try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(log, 3, WAIT)) {
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("ecommerce.customer", 1, (short) 1))).all().get();
			}
			produce(broker.bootstrapServers(), sent);
			// then: a consumer reads them back in order
			assertThat(consumeAll(broker.bootstrapServers())).containsExactlyElementsOf(sent);
		}

		// when: a new broker starts on the same log directory
		try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(log, 3, WAIT)) {
			// then: the topic and its events are still there, and it takes new ones
			assertThat(consumeAll(restarted.bootstrapServers())).containsExactlyElementsOf(sent);
			produce(restarted.bootstrapServers(), List.of("{\"op\":\"d\"}"));
			assertThat(consumeAll(restarted.bootstrapServers())).hasSize(4);
		}
	}

	@Test
	void topicsAreNotCreatedByAccident() throws Exception {
		try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(this.dataDir.resolve("kafka"), 3, WAIT);
				Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
				KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
			// when: a client asks for a misspelt topic
			consumer.partitionsFor("ecommerce.custmer", Duration.ofSeconds(2));

			// then: the broker did not create it
			Set<String> topics = admin.listTopics().names().get();
			assertThat(topics).doesNotContain("ecommerce.custmer");
		}
	}

	private static void produce(String bootstrap, List<String> values) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			for (String value : values) {
				producer.send(new ProducerRecord<>("ecommerce.customer", "1", value)).get();
			}
		}
	}

	private static List<String> consumeAll(String bootstrap) {
		try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
			TopicPartition partition = new TopicPartition("ecommerce.customer", 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			List<String> values = new ArrayList<>();
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (consumer.position(partition) < end && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
			return values;
		}
	}

	private static KafkaConsumer<String, String> consumer(String bootstrap) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(config);
	}

}
