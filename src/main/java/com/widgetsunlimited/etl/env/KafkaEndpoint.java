package com.widgetsunlimited.etl.env;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Where the e-commerce topics live: the configured cluster, or the in-process broker,
 * which is started on first use only, so jobs that never touch Kafka never pay for it.
 */
public final class KafkaEndpoint implements AutoCloseable {

	private final String configuredServers;

	private final Duration connectionTimeout;

	private final Supplier<EmbeddedKafkaBroker> embeddedBroker;

	private EmbeddedKafkaBroker started;

	private KafkaEndpoint(String configuredServers, Duration connectionTimeout,
			Supplier<EmbeddedKafkaBroker> embeddedBroker) {
		this.configuredServers = configuredServers;
		this.connectionTimeout = connectionTimeout;
		this.embeddedBroker = embeddedBroker;
	}

	/** A real cluster at {@code bootstrapServers}. */
	public static KafkaEndpoint cluster(String bootstrapServers) {
		return cluster(bootstrapServers, Duration.ofSeconds(30));
	}

	/**
	 * A real cluster at {@code bootstrapServers}, which {@link #checkReachable()} waits
	 * for at most {@code connectionTimeout}.
	 */
	public static KafkaEndpoint cluster(String bootstrapServers, Duration connectionTimeout) {
		return new KafkaEndpoint(bootstrapServers, connectionTimeout, null);
	}

	/** The in-process broker that {@code broker} starts when first needed. */
	public static KafkaEndpoint embedded(Supplier<EmbeddedKafkaBroker> broker) {
		return new KafkaEndpoint(null, null, broker);
	}

	/**
	 * Asks a configured cluster for its brokers, waiting at most the connection timeout:
	 * a job that needs Kafka checks it before it starts, so an address that answers
	 * nothing fails at once, naming it, instead of each step retrying for minutes. The
	 * in-process broker is not started for this.
	 * @throws ServerUnavailableException naming the broker addresses and why
	 */
	public void checkReachable() {
		if (this.configuredServers == null) {
			return;
		}
		Map<String, Object> config = new HashMap<>(clientConfig());
		int timeout = (int) Math.min(Integer.MAX_VALUE, this.connectionTimeout.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
		try (Admin admin = Admin.create(config)) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
				.nodes()
				.get(timeout + 5_000L, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("e-commerce Kafka broker " + this.configuredServers + ": interrupted", ex);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			throw new ServerUnavailableException("e-commerce Kafka broker " + this.configuredServers
					+ " did not answer within " + this.connectionTimeout.toSeconds()
					+ " s (etl.kafka.connection-timeout): " + cause.getMessage(), ex);
		}
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
