package com.widgetsunlimited.etl.operations.ecommerce;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.RowJson;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.generator.Defects;
import com.widgetsunlimited.etl.source.EcommerceTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The simulated e-commerce system's Debezium connector: it publishes each change to the
 * entity's topic of {@link EcommerceTopics}, keyed by the row's primary key, the value a
 * change event in Debezium's JSON envelope with the simulator's value encoding (see
 * {@link RowJson}). {@code ts_ms} is the change's own time, never the wall clock, so the
 * same day always publishes the same records; the record timestamp is when the connector
 * captured the change: its own time, or the start of the simulated day for a change
 * committed before it (an order arriving late), as a real connector stamps what it reads.
 * <p>
 * Like a real connector on PostgreSQL, a delete of a table left at the default
 * {@code REPLICA IDENTITY} (the order lines here) names only the key in {@code before};
 * the customer table is {@code FULL}, so its deletes carry the whole row. Every delete is
 * followed by a tombstone (a {@code null} value with the same key), for log compaction.
 */
public final class EcommerceConnector {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * The tables whose deletes name only the key: {@code REPLICA IDENTITY DEFAULT}.
	 */
	private static final Set<Entity> KEY_ONLY_DELETES = Set.of(Entity.ORDER_LINE_ITEM);

	private final KafkaEndpoint kafka;

	private final int partitions;

	private final EcommerceTopics topics;

	public EcommerceConnector(KafkaEndpoint kafka, int partitions, EcommerceTopics topics) {
		this.kafka = kafka;
		this.partitions = partitions;
		this.topics = topics;
	}

	/**
	 * Creates the entities' topics where they do not exist yet (every topic the ingestion
	 * reads, though the connector writes the first of each entity's).
	 */
	public void createTopics() {
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			Set<String> existing = admin.listTopics().names().get();
			List<NewTopic> missing = new ArrayList<>();
			for (String topic : this.topics.all()) {
				if (!existing.contains(topic)) {
					missing.add(new NewTopic(topic, this.partitions, (short) 1));
				}
			}
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot create the e-commerce topics: " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the e-commerce topics", ex);
		}
	}

	/**
	 * Empties the four topics (a reset of the simulated world): their records are
	 * deleted, the topics stay, so consumers and offsets keep working; new records follow
	 * the old offsets.
	 */
	public void emptyTopics() {
		try (Admin admin = Admin.create(this.kafka.clientConfig())) {
			Set<String> existing = admin.listTopics().names().get();
			List<String> ours = this.topics.all().stream().filter(existing::contains).toList();
			Map<TopicPartition, OffsetSpec> partitions = new LinkedHashMap<>();
			for (TopicDescription topic : admin.describeTopics(ours).allTopicNames().get().values()) {
				topic.partitions()
					.forEach((partition) -> partitions.put(new TopicPartition(topic.name(), partition.partition()),
							OffsetSpec.latest()));
			}
			Map<TopicPartition, RecordsToDelete> deletions = new LinkedHashMap<>();
			admin.listOffsets(partitions)
				.all()
				.get()
				.forEach((partition, end) -> deletions.put(partition, RecordsToDelete.beforeOffset(end.offset())));
			admin.deleteRecords(deletions).all().get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot empty the e-commerce topics: " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while emptying the e-commerce topics", ex);
		}
	}

	/**
	 * Publishes the e-commerce changes in order, with the dirt of delivery: events sent
	 * twice, values that are not JSON or miss the key; {@code day} is the simulated day
	 * they are captured on.
	 * @return the number of records sent
	 */
	public long publish(LocalDate day, List<Change> changes, Defects defects) {
		long dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
		Map<String, Object> config = new LinkedHashMap<>(this.kafka.clientConfig());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// one request in flight: a partition created moments ago can refuse a first
		// batch (NOT_LEADER_OR_FOLLOWER) while the broker is still applying its
		// creation and accept the next one; brokers without the fix of KAFKA-15591
		// then answer every retry of the first with OUT_OF_ORDER_SEQUENCE_NUMBER until
		// the delivery timeout drops its records. With a single request in flight
		// nothing can overtake a batch being retried.
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (Change change : changes) {
				if (change.entity().source() != Source.ECOMMERCE) {
					continue;
				}
				String value = value(change, defects);
				ProducerRecord<String, String> record = new ProducerRecord<>(this.topics.of(change.entity()).get(0),
						null, Math.max(dayStart, change.at().toEpochMilli()), Long.toString(change.key()), value);
				sent.add(producer.send(record));
				if (defects.inject(DefectKind.DUPLICATE_EVENT, change.entity(), change.key(), "sent twice")) {
					sent.add(producer.send(record));
				}
				if (change.operation() == Change.Operation.DELETE) {
					sent.add(producer.send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(),
							(String) null)));
				}
			}
			producer.flush();
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(
					"Kafka refused an e-commerce event: " + ex.getCause().getMessage() + " (" + partitionStates() + ")",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing e-commerce events", ex);
		}
		return sent.size();
	}

	/**
	 * What the cluster says of the topics' partitions, for an error message: those
	 * without a leader or in-sync replica, or that all have both.
	 */
	private String partitionStates() {
		Map<String, Object> config = new LinkedHashMap<>(this.kafka.clientConfig());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		try (Admin admin = Admin.create(config)) {
			List<String> unhealthy = new ArrayList<>();
			List<String> topics = this.topics.all();
			for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
				for (TopicPartitionInfo partition : topic.partitions()) {
					if (partition.leader() == null || partition.leader().isEmpty() || partition.isr().isEmpty()) {
						unhealthy.add(topic.name() + "-" + partition.partition() + ": leader " + partition.leader()
								+ ", in sync " + partition.isr());
					}
				}
			}
			return unhealthy.isEmpty() ? "the cluster reports a leader for every partition"
					: "partitions without a leader: " + String.join("; ", unhealthy);
		}
		catch (ExecutionException | RuntimeException ex) {
			return "the cluster did not describe the topics: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while describing the topics";
		}
	}

	private static String value(Change change, Defects defects) {
		Map<String, Object> envelope = envelope(change);
		if (defects.inject(DefectKind.KAFKA_MISSING_FIELD, change.entity(), change.key(), "key missing")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> row = (Map<String, Object>) envelope.get(change.after() != null ? "after" : "before");
			row.remove(change.entity().keyColumn());
		}
		String json = toJson(envelope);
		if (defects.inject(DefectKind.KAFKA_NOT_JSON, change.entity(), change.key(), "truncated value")) {
			return json.substring(0, json.length() / 2);
		}
		return json;
	}

	/** Debezium's change event envelope for {@code change}. */
	public static Map<String, Object> envelope(Change change) {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("version", "widgets-simulator");
		source.put("connector", "postgresql");
		source.put("name", "ecommerce");
		source.put("ts_ms", change.at().toEpochMilli());
		source.put("db", "ecommerce");
		source.put("schema", "public");
		source.put("table", change.entity().id());
		Map<String, Object> envelope = new LinkedHashMap<>();
		Map<String, Object> before = (change.before() != null) ? RowJson.toJson(change.before()) : null;
		if (before != null && change.after() == null && KEY_ONLY_DELETES.contains(change.entity())) {
			// every field of the table, but only the key has a value
			before.replaceAll((column, value) -> column.equals(change.entity().keyColumn()) ? value : null);
		}
		envelope.put("before", before);
		envelope.put("after", (change.after() != null) ? RowJson.toJson(change.after()) : null);
		envelope.put("source", source);
		envelope.put("op", change.operation().code());
		envelope.put("ts_ms", change.at().toEpochMilli());
		return envelope;
	}

	private static String toJson(Map<String, Object> envelope) {
		try {
			return JSON.writeValueAsString(envelope);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
