package com.widgetsunlimited.etl.env;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the e-commerce topics live: the configured cluster, or the in-process broker,
 * which is started on first use only, so jobs that never touch Kafka never pay for it.
 */
public final class KafkaEndpoint implements AutoCloseable {

	private final String configuredServers;

	private final Supplier<EmbeddedKafkaBroker> embeddedBroker;

	private EmbeddedKafkaBroker started;

	private KafkaEndpoint(String configuredServers, Supplier<EmbeddedKafkaBroker> embeddedBroker) {
		this.configuredServers = configuredServers;
		this.embeddedBroker = embeddedBroker;
	}

	/** A real cluster at {@code bootstrapServers}. */
	public static KafkaEndpoint cluster(String bootstrapServers) {
		return new KafkaEndpoint(bootstrapServers, null);
	}

	/** The in-process broker that {@code broker} starts when first needed. */
	public static KafkaEndpoint embedded(Supplier<EmbeddedKafkaBroker> broker) {
		return new KafkaEndpoint(null, broker);
	}

	public synchronized String bootstrapServers() {
		if (this.configuredServers != null) {
			return this.configuredServers;
		}
		if (this.started == null) {
			this.started = this.embeddedBroker.get();
		}
		return this.started.bootstrapServers();
	}

	/** The connection settings every producer, consumer and admin client starts from. */
	public Map<String, Object> clientConfig() {
		NativeLz4.load();
		return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
	}

	public boolean isEmbedded() {
		return this.configuredServers == null;
	}

	@Override
	public synchronized void close() {
		if (this.started != null) {
			this.started.close();
			this.started = null;
		}
	}

}
