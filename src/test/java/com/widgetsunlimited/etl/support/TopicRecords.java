package com.widgetsunlimited.etl.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a topic holds, read as a plain consumer reads it: the check of what the sources
 * sent, beside what the pipeline staged.
 */
public final class TopicRecords {

	private TopicRecords() {
	}

	/**
	 * Every record of {@code topic} up to its end when asked, partition by partition in
	 * offset order.
	 */
	public static List<ConsumerRecord<String, String>> all(String bootstrapServers, String topic) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			for (var info : consumer.partitionsFor(topic)) {
				TopicPartition partition = new TopicPartition(topic, info.partition());
				consumer.assign(List.of(partition));
				consumer.seekToBeginning(List.of(partition));
				long end = consumer.endOffsets(List.of(partition)).get(partition);
				while (consumer.position(partition) < end) {
					consumer.poll(Duration.ofMillis(500)).forEach(records::add);
				}
			}
		}
		return records;
	}

}
