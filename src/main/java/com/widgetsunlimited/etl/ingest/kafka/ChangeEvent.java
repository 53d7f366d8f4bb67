package com.widgetsunlimited.etl.ingest.kafka;

/**
 * One record of an e-commerce topic as consumed, before its value is parsed.
 *
 * @param value the record's value, {@code null} for a tombstone
 * @param unreadable why the value could not be read as it was sent (bytes that are not
 * UTF-8, a value too large for a change event), or {@code null}; {@code value} is then
 * what could be read of it
 */
public record ChangeEvent(String topic, int partition, long offset, String key, String value, String unreadable) {

	/** A record whose value was read as it was sent. */
	public ChangeEvent(String topic, int partition, long offset, String key, String value) {
		this(topic, partition, offset, key, value, null);
	}

	public String origin() {
		return this.topic + "/" + this.partition + "@" + this.offset;
	}

}
