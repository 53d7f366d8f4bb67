package com.widgetsunlimited.etl.ingest.kafka;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import com.carrotsearch.hppc.LongHashSet;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.ingest.kafka.KafkaSlices.Slice;
import com.widgetsunlimited.etl.warehouse.PayloadMasking;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemStreamItemReader;

/**
 * Reads the recorded slices of one topic's partitions, partition after partition, and
 * ends when every slice is read (never waiting for records that may never come). Exact
 * duplicate events (same key, same value: at-least-once delivery) are read once, and so
 * is an event sent again with the same key and source position ({@link #hash}). A value
 * that is not UTF-8 or larger than {@value #MAX_VALUE_BYTES} bytes is read as an event
 * that says so ({@link ChangeEvent#unreadable()}), for the parser to reject. Values are
 * read where the consumer fetched them, not copied out first. Restartable: the next
 * offset of each partition is kept in the step's execution context, and on restart the
 * duplicate filter is refilled from the records already read.
 */
public class KafkaSliceItemReader extends AbstractItemStreamItemReader<ChangeEvent> {

	/**
	 * The largest value read as a change event: the broker's default largest message. A
	 * change event of one row is a few kilobytes; a larger one is rejected, not staged.
	 */
	public static final int MAX_VALUE_BYTES = 1024 * 1024;

	private static final Duration POLL = Duration.ofMillis(500);

	private final KafkaEndpoint kafka;

	private final List<Slice> slices;

	private final Map<TopicPartition, Long> next = new LinkedHashMap<>();

	/**
	 * The duplicate filter's hash: 64-bit xxHash, whose chance of taking two of a million
	 * events for one (one in some 10^7) is that of any 64 bits of a cryptographic digest,
	 * at a fraction of SHA-256's cost (2% of the cycle JVM's samples).
	 */
	private static final XXHash64 HASH = XXHashFactory.fastestInstance().hash64();

	/** How Debezium's JSON converter writes the start of an envelope's source block. */
	private static final byte[] SOURCE_BLOCK = "\"source\":{".getBytes(StandardCharsets.US_ASCII);

	/** The end of the source block, whose fields are all scalars. */
	private static final byte[] END_OF_BLOCK = "}".getBytes(StandardCharsets.US_ASCII);

	/** The source block's field of the change's position in a PostgreSQL log. */
	private static final byte[] LOG_POSITION = "\"lsn\":".getBytes(StandardCharsets.US_ASCII);

	/** Mixed into the key's hash when a source block stands for the change. */
	private static final long SOURCE_SEED = 0x2545_f491_4f6c_dd1dL;

	/** The seed of a record without a value, so that it differs from an empty one. */
	private static final long TOMBSTONE_SEED = 0x7f4a_7c15_9e37_79b9L;

	/**
	 * A hash of each event read: a primitive set, 8 bytes a slot rather than some 50 for
	 * a boxed one, since it holds every event of the slices.
	 */
	private final LongHashSet seen = new LongHashSet();

	private final Queue<ConsumerRecord<String, ByteBuffer>> buffer = new ArrayDeque<>();

	private KafkaConsumer<String, ByteBuffer> consumer;

	private int current;

	private long duplicates;

	public KafkaSliceItemReader(KafkaEndpoint kafka, List<Slice> slices) {
		this.kafka = kafka;
		this.slices = slices;
		setName("kafkaSliceReader");
	}

	@Override
	public void open(ExecutionContext context) {
		Map<String, Object> config = new HashMap<>(this.kafka.clientConfig());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteBufferDeserializer());
		this.duplicates = context.getLong(getExecutionContextKey("duplicates"), 0L);
		for (Slice slice : this.slices) {
			long committed = context.getLong(key(slice.partition()), slice.from());
			// refill the duplicate filter with what the committed chunks already read
			if (committed > slice.from()) {
				readRange(slice.partition(), slice.from(), committed, (record) -> this.seen.add(hash(record)));
			}
			this.next.put(slice.partition(), committed);
		}
		this.current = 0;
		assignCurrent();
	}

	@Override
	public ChangeEvent read() {
		while (this.current < this.slices.size()) {
			Slice slice = this.slices.get(this.current);
			long position = this.next.get(slice.partition());
			if (position >= slice.to()) {
				this.current++;
				assignCurrent();
				continue;
			}
			if (this.buffer.isEmpty()) {
				this.consumer.poll(POLL).records(slice.partition()).forEach(this.buffer::add);
				if (this.buffer.isEmpty() && this.consumer.position(slice.partition()) >= slice.to()) {
					this.next.put(slice.partition(), slice.to()); // the rest of the slice
																	// was compacted away
				}
				continue;
			}
			ConsumerRecord<String, ByteBuffer> record = this.buffer.poll();
			if (record.offset() < position || record.offset() >= slice.to()) {
				continue;
			}
			this.next.put(slice.partition(), record.offset() + 1);
			if (!this.seen.add(hash(record))) {
				this.duplicates++;
				continue;
			}
			return event(record);
		}
		return null;
	}

	/**
	 * The record as a change event: its value decoded as UTF-8, unless it is larger than
	 * {@value #MAX_VALUE_BYTES} bytes or not UTF-8, which the event then says.
	 */
	static ChangeEvent event(ConsumerRecord<String, ByteBuffer> record) {
		ByteBuffer value = record.value();
		if (value == null) {
			return new ChangeEvent(record.topic(), record.partition(), record.offset(), record.key(), null);
		}
		int length = value.remaining();
		if (length > MAX_VALUE_BYTES) {
			String start = utf8(value, PayloadMasking.MAX_LENGTH);
			return new ChangeEvent(record.topic(), record.partition(), record.offset(), record.key(), start,
					"value is " + length + " bytes, more than the " + MAX_VALUE_BYTES + " a change event may have");
		}
		// the String constructor decodes fastest, replacing what is not UTF-8 with
		// U+FFFD:
		// without U+FFFD in the text, every byte was UTF-8; with it, the strict decoder
		// tells a written U+FFFD from a replaced byte
		String decoded = utf8(value, length);
		if (decoded.indexOf('\uFFFD') < 0) {
			return new ChangeEvent(record.topic(), record.partition(), record.offset(), record.key(), decoded);
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = value.duplicate();
		CharBuffer text = CharBuffer.allocate(length);
		CoderResult result = decoder.decode(bytes, text, true);
		if (result.isError()) {
			return new ChangeEvent(record.topic(), record.partition(), record.offset(), record.key(), decoded,
					"value holds bytes that are not UTF-8 (from byte " + (bytes.position() - value.position())
							+ " on)");
		}
		decoder.flush(text);
		return new ChangeEvent(record.topic(), record.partition(), record.offset(), record.key(),
				text.flip().toString());
	}

	/**
	 * The first {@code length} bytes of {@code value} as UTF-8 (what is not UTF-8
	 * replaced), read in place where the buffer has an array, as the consumer's do.
	 */
	private static String utf8(ByteBuffer value, int length) {
		if (value.hasArray()) {
			return new String(value.array(), value.arrayOffset() + value.position(), length, StandardCharsets.UTF_8);
		}
		byte[] bytes = new byte[length];
		value.duplicate().get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private void assignCurrent() {
		this.buffer.clear();
		if (this.current < this.slices.size()) {
			TopicPartition partition = this.slices.get(this.current).partition();
			this.consumer.assign(List.of(partition));
			this.consumer.seek(partition, this.next.get(partition));
		}
	}

	private void readRange(TopicPartition partition, long from, long to,
			java.util.function.Consumer<ConsumerRecord<String, ByteBuffer>> action) {
		this.consumer.assign(List.of(partition));
		this.consumer.seek(partition, from);
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (this.consumer.position(partition) < to) {
			if (System.nanoTime() > deadline) {
				throw new ItemStreamException("Could not re-read " + partition + " up to offset " + to);
			}
			for (ConsumerRecord<String, ByteBuffer> record : this.consumer.poll(POLL).records(partition)) {
				if (record.offset() < to) {
					action.accept(record);
				}
			}
		}
	}

	@Override
	public void update(ExecutionContext context) {
		this.next.forEach((partition, offset) -> context.putLong(key(partition), offset));
		context.putLong(getExecutionContextKey("duplicates"), this.duplicates);
	}

	@Override
	public void close() {
		if (this.consumer != null) {
			// nothing to commit and no group to leave (what was read is in the step's
			// context), so nothing to wait for: a plain close waits for the answer to the
			// fetch the broker holds open, up to fetch.max.wait.ms (half a second) per
			// slice reader, on the path of the e-commerce ingestion
			this.consumer.close(CloseOptions.timeout(Duration.ZERO));
			this.consumer = null;
		}
	}

	/** Exact duplicates skipped so far. */
	public long duplicates() {
		return this.duplicates;
	}

	private String key(TopicPartition partition) {
		return getExecutionContextKey("next." + partition.partition());
	}

	/**
	 * The duplicate filter's hash of a record: its key's, then its value's, or, for an
	 * event whose {@code source} block names its position in the database's log
	 * ({@code lsn}), that block's: an event the connector sends again after a restart has
	 * the same key and source block but a new envelope {@code ts_ms}, and is the same
	 * change.
	 */
	static long hash(ConsumerRecord<String, ByteBuffer> record) {
		byte[] key = String.valueOf(record.key()).getBytes(StandardCharsets.UTF_8);
		long keyHash = HASH.hash(key, 0, key.length, 0);
		ByteBuffer value = record.value();
		if (value == null) {
			return HASH.hash(key, 0, key.length, TOMBSTONE_SEED);
		}
		int from = indexOf(value, SOURCE_BLOCK, value.position());
		if (from >= 0) {
			int to = indexOf(value, END_OF_BLOCK, from + SOURCE_BLOCK.length);
			if (to >= 0 && within(value, LOG_POSITION, from, to)) {
				return HASH.hash(value, from, to - from, keyHash ^ SOURCE_SEED);
			}
		}
		return HASH.hash(value, value.position(), value.remaining(), keyHash);
	}

	/**
	 * Where {@code bytes} first occur in {@code buffer} at or after {@code from}, or -1.
	 */
	private static int indexOf(ByteBuffer buffer, byte[] bytes, int from) {
		int last = buffer.limit() - bytes.length;
		for (int i = from; i <= last; i++) {
			if (buffer.get(i) == bytes[0] && startsAt(buffer, bytes, i)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean within(ByteBuffer buffer, byte[] bytes, int from, int to) {
		int found = indexOf(buffer, bytes, from);
		return found >= 0 && found + bytes.length <= to;
	}

	private static boolean startsAt(ByteBuffer buffer, byte[] bytes, int at) {
		for (int j = 1; j < bytes.length; j++) {
			if (buffer.get(at + j) != bytes[j]) {
				return false;
			}
		}
		return true;
	}

}
