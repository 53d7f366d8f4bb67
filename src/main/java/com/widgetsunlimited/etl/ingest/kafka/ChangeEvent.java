package com.widgetsunlimited.etl.ingest.kafka;

/**
 * One record of an e-commerce topic as consumed, before its value is parsed.
 *
 * @param value the record's value, {@code null} for a tombstone
 */
public record ChangeEvent(String topic, int partition, long offset, String key, String value) {

	public String origin() {
		return this.topic + "/" + this.partition + "@" + this.offset;
	}

}
