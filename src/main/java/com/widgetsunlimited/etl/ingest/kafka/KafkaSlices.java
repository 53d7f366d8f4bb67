package com.widgetsunlimited.etl.ingest.kafka;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.ingest.BusinessDay;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The slice of each partition that a business date ingests: fixed the first time the date
 * is ingested — from where the previous date's slice ended (or the log's start) to the
 * first record stamped after the date's end plus a grace for late events (Kafka's
 * {@code offsetsForTimes}), or to the end offsets at that moment when no such record has
 * arrived yet — and recorded in {@code etl_kafka_slice}. So days loaded one after the
 * other after missed nights get each its own events, as nightly runs would; an event
 * stamped later than the grace belongs to the next day fixed after it. A restart or a
 * rerun of the date reads the recorded slice, so it reads exactly the same records and
 * always ends.
 */
public final class KafkaSlices {

	private static final Logger log = LoggerFactory.getLogger(KafkaSlices.class);

	private final JdbcTemplate warehouse;

	private final KafkaEndpoint kafka;

	private final Duration grace;

	private final boolean acceptGaps;

	/**
	 * @param grace how long after a date's end a record may be stamped and still belong
	 * to it
	 */
	public KafkaSlices(JdbcTemplate warehouse, KafkaEndpoint kafka, Duration grace) {
		this(warehouse, kafka, grace, false);
	}

	/**
	 * @param grace how long after a date's end a record may be stamped and still belong
	 * to it
	 * @param acceptGaps load a slice whose beginning the topic's retention deleted before
	 * it was read, recording the gap, instead of failing
	 */
	public KafkaSlices(JdbcTemplate warehouse, KafkaEndpoint kafka, Duration grace, boolean acceptGaps) {
		this.warehouse = warehouse;
		this.kafka = kafka;
		this.grace = grace;
		this.acceptGaps = acceptGaps;
	}

	/**
	 * Records that a topic's retention deleted before they were read: a day loaded
	 * without them would miss changes without a word.
	 */
	public static class KafkaGapException extends IllegalStateException {

		KafkaGapException(String message) {
			super(message);
		}

	}

	/**
	 * A partition's slice: offsets {@code from} (inclusive) to {@code to} (exclusive).
	 */
	public record Slice(TopicPartition partition, long from, long to) {

		public long size() {
			return this.to - this.from;
		}

	}

	/**
	 * The slices of {@code topic} for {@code date}, fixing them if this is the date's
	 * first run.
	 */
	public List<Slice> slices(LocalDate date, String topic) {
		List<Slice> recorded = recorded(date, topic);
		if (!recorded.isEmpty()) {
			return recorded;
		}
		Integer later = this.warehouse.queryForObject(
				"SELECT COUNT(*) FROM etl_kafka_slice WHERE topic = ? AND business_date > ?", Integer.class, topic,
				date);
		if (later != null && later > 0) {
			throw new IllegalStateException("Kafka topic " + topic + " was already ingested for a date after " + date
					+ ": dates are ingested in order, since each continues where the previous one ended");
		}
		List<Slice> slices = new ArrayList<>();
		Map<TopicPartition, Long> lostFrom = new HashMap<>();
		Map<String, Object> config = new HashMap<>(this.kafka.clientConfig());
		// a cluster that creates topics on first use must not make a missing one look
		// like an empty one
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic);
			if (infos == null || infos.isEmpty()) {
				throw new IllegalStateException(
						"Kafka topic " + topic + " does not exist on " + this.kafka.bootstrapServers());
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
				.toList();
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
			long dayEnd = new BusinessDay(date).end().plus(this.grace).toEpochMilli();
			Map<TopicPartition, OffsetAndTimestamp> nextDays = consumer.offsetsForTimes(
					partitions.stream().collect(Collectors.toMap((partition) -> partition, (partition) -> dayEnd)));
			for (TopicPartition partition : partitions) {
				Long previousEnd = this.warehouse
					.queryForObject("SELECT MAX(end_offset) FROM etl_kafka_slice WHERE topic = ? AND partition_id = ? "
							+ "AND business_date < ?", Long.class, topic, partition.partition(), date);
				long from = Math.max((previousEnd != null) ? previousEnd : 0L, beginnings.get(partition));
				if (previousEnd != null && beginnings.get(partition) > previousEnd) {
					String gap = "Kafka topic " + topic + " partition " + partition.partition() + ": offsets "
							+ previousEnd + " to " + (beginnings.get(partition) - 1) + " ("
							+ (beginnings.get(partition) - previousEnd) + " records) were deleted by the topic's "
							+ "retention before " + date + " read them";
					if (!this.acceptGaps) {
						throw new KafkaGapException(gap + "; raise the retention, or load the day without them with "
								+ "--etl.ingest.accept-kafka-gaps=true (the gap is recorded in etl_kafka_slice)");
					}
					log.warn("{}; loading the day without them, as accepted (recorded in etl_kafka_slice)", gap);
					lostFrom.put(partition, previousEnd);
				}
				OffsetAndTimestamp nextDay = nextDays.get(partition);
				long to = (nextDay != null) ? Math.min(nextDay.offset(), ends.get(partition)) : ends.get(partition);
				slices.add(new Slice(partition, from, Math.max(from, to)));
			}
		}
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		try {
			this.warehouse.batchUpdate(
					"INSERT INTO etl_kafka_slice (business_date, topic, partition_id, "
							+ "start_offset, end_offset, recorded_at, lost_from) VALUES (?, ?, ?, ?, ?, ?, ?)",
					slices.stream()
						.map((slice) -> new Object[] { date, topic, slice.partition().partition(), slice.from(),
								slice.to(), now, lostFrom.get(slice.partition()) })
						.toList());
		}
		catch (DuplicateKeyException ex) {
			// another run fixed the slices first: theirs hold
			return recorded(date, topic);
		}
		return slices;
	}

	private List<Slice> recorded(LocalDate date, String topic) {
		Map<Integer, Slice> slices = new TreeMap<>();
		this.warehouse.query("SELECT partition_id, start_offset, end_offset FROM etl_kafka_slice "
				+ "WHERE business_date = ? AND topic = ?", (rs) -> {
					slices.put(rs.getInt(1),
							new Slice(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2), rs.getLong(3)));
				}, date, topic);
		return new ArrayList<>(slices.values());
	}

}
