package com.widgetsunlimited.etl.ingest.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSliceItemReaderTests {

	private static final String TOPIC = "ecommerce.order";

	@Test
	void aValue_isReadFromItsPlaceInTheFetchedBuffer() {
		// given: values in the middle of a larger buffer, as the consumer hands them out
		byte[] fetched = "xx{\"op\":\"c\"}yy".getBytes(StandardCharsets.UTF_8);
		ByteBuffer first = ByteBuffer.wrap(fetched, 2, 10).slice();
		byte[] notUtf8 = { 'x', '{', '"', 0x61, (byte) 0xC3, 0x28, '"', '}', 'y' };
		ByteBuffer second = ByteBuffer.wrap(notUtf8, 1, 7);

		// when
		ChangeEvent read = KafkaSliceItemReader.event(record(1, "7", first));
		ChangeEvent unreadable = KafkaSliceItemReader.event(record(2, "7", second));

		// then: only the value's bytes, and the bad byte counted from the value's start
		assertThat(read.value()).isEqualTo("{\"op\":\"c\"}");
		assertThat(read.unreadable()).isNull();
		assertThat(unreadable.unreadable()).isEqualTo("value holds bytes that are not UTF-8 (from byte 3 on)");
		assertThat(second.position()).isEqualTo(1);
	}

	@Test
	void theDuplicateFiltersHash_isTheSameForTheSameKeyAndValue_wherever_theyAreRead() {
		byte[] value = "{\"op\":\"u\"}".getBytes(StandardCharsets.UTF_8);
		byte[] padded = new byte[value.length + 5];
		System.arraycopy(value, 0, padded, 3, value.length);

		long alone = KafkaSliceItemReader.hash(record(1, "42", ByteBuffer.wrap(value)));
		long inPlace = KafkaSliceItemReader.hash(record(9, "42", ByteBuffer.wrap(padded, 3, value.length)));

		assertThat(inPlace).isEqualTo(alone);
	}

	@Test
	void theDuplicateFiltersHash_tellsKeysValuesAndTombstonesApart() {
		ByteBuffer value = ByteBuffer.wrap("{\"op\":\"u\"}".getBytes(StandardCharsets.UTF_8));
		long event = KafkaSliceItemReader.hash(record(1, "42", value));

		assertThat(KafkaSliceItemReader.hash(record(1, "43", value))).isNotEqualTo(event);
		assertThat(KafkaSliceItemReader
			.hash(record(1, "42", ByteBuffer.wrap("{\"op\":\"d\"}".getBytes(StandardCharsets.UTF_8)))))
			.isNotEqualTo(event);
		long tombstone = KafkaSliceItemReader.hash(record(1, "42", null));
		long empty = KafkaSliceItemReader.hash(record(1, "42", ByteBuffer.allocate(0)));
		assertThat(tombstone).isNotEqualTo(empty).isNotEqualTo(event);
		assertThat(KafkaSliceItemReader.hash(record(1, null, value)))
			.isNotEqualTo(KafkaSliceItemReader.hash(record(1, "", value)));
	}

	@Test
	void anEventSentAgainAfterAConnectorRestart_hashesAsTheFirst_byItsKeyAndSourcePosition() {
		// given: one change, sent again with a new envelope time; the next change of the
		// row in the same millisecond; and events whose source names no log position
		String first = "{\"before\":null,\"after\":{\"id\":7},\"source\":{\"ts_ms\":1704186000000,"
				+ "\"txId\":771,\"lsn\":24023128,\"xmin\":null},\"op\":\"u\",\"ts_ms\":1704186000400}";
		String again = first.replace("1704186000400", "1704272400400");
		String next = first.replace("24023128", "24023312");
		String simulated = first.replace(",\"lsn\":24023128", "");

		// when
		long firstHash = KafkaSliceItemReader.hash(record(1, "7", bytes(first)));

		// then
		assertThat(KafkaSliceItemReader.hash(record(9, "7", bytes(again)))).isEqualTo(firstHash);
		assertThat(KafkaSliceItemReader.hash(record(2, "7", bytes(next)))).isNotEqualTo(firstHash);
		assertThat(KafkaSliceItemReader.hash(record(1, "8", bytes(first)))).isNotEqualTo(firstHash);
		assertThat(KafkaSliceItemReader.hash(record(1, "7", bytes(simulated))))
			.isNotEqualTo(KafkaSliceItemReader.hash(record(1, "7", bytes(simulated.replace("400}", "401}")))));
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static ConsumerRecord<String, ByteBuffer> record(long offset, String key, ByteBuffer value) {
		return new ConsumerRecord<>(TOPIC, 0, offset, key, value);
	}

}
