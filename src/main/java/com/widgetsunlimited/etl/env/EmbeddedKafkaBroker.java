package com.widgetsunlimited.etl.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller, one node) running
 * inside this JVM, its log on disk so that what one run produced is there for the next.
 * The log directory is formatted once; later starts reuse it (after a kill, Kafka
 * recovers its log segments itself, and its directory lock dies with the process).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

	private static final int NODE_ID = 1;

	/** Starts tried when a listener port was taken between its choice and its bind. */
	private static final int MAX_BIND_ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Starts a broker on {@code logDirectory}, formatting it on first use.
	 * @param logDirectory where the broker keeps its log (created if missing)
	 * @param defaultPartitions partitions of a topic created without an explicit count
	 * @param startupWait how long to wait until the broker serves clients
	 * @return the running broker
	 */
	public static EmbeddedKafkaBroker start(Path logDirectory, int defaultPartitions, Duration startupWait) {
		// the broker checks every batch it is sent, decompressing it
		NativeLz4.load();
		long started = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			try {
				return start(logDirectory, defaultPartitions, startupWait, freePorts(2), started);
			}
			catch (RuntimeException ex) {
				// a free port is free only until the broker binds it: another process
				// (a second etl.jar starting its own broker) may take it in between
				if (attempt == MAX_BIND_ATTEMPTS || !portTaken(ex)) {
					throw ex;
				}
				log.warn("Embedded Kafka broker: a listener port was taken meanwhile; starting again on others");
			}
		}
	}

	private static boolean portTaken(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.BindException
					|| (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
				return true;
			}
		}
		return false;
	}

	private static EmbeddedKafkaBroker start(Path logDirectory, int defaultPartitions, Duration startupWait,
			int[] ports, long started) {
		int brokerPort = ports[0];
		int controllerPort = ports[1];
		String dir = logDirectory.toAbsolutePath().toString();
		try {
			Files.createDirectories(logDirectory);
			if (!Files.exists(logDirectory.resolve("meta.properties"))) {
				new Formatter().setNodeId(NODE_ID)
					.setClusterId(Uuid.randomUuid().toString())
					.setDirectories(List.of(dir))
					.setControllerListenerName("CONTROLLER")
					.setReleaseVersion(MetadataVersion.latestProduction())
					.setHasDynamicQuorum(false)
					.setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
					.run();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format the embedded Kafka log in " + logDirectory, ex);
		}
		Properties config = new Properties();
		config.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", Integer.toString(NODE_ID)),
				Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
				Map.entry("listeners",
						"PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("log.dirs", dir), Map.entry("num.partitions", Integer.toString(defaultPartitions)),
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "1"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"),
				// after a crash, the controller refuses the broker's new registration
				// until the session of the killed one expires (9 s by default): the
				// broker is in this process, so a short session is as safe, and a
				// resumed run waits about 1.5 s for the broker instead of 9
				Map.entry("broker.heartbeat.interval.ms", "500"), Map.entry("broker.session.timeout.ms", "3000"),
				// topics are created on purpose; a misspelt topic is an error, not a new
				// topic
				Map.entry("auto.create.topics.enable", "false"),
				// simulated business days lie in the past: time-based retention would
				// delete them
				Map.entry("log.retention.ms", "-1"), Map.entry("log.retention.bytes", "-1"),
				Map.entry("server.max.startup.time.ms", Long.toString(startupWait.toMillis()))));
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		String bootstrap = "127.0.0.1:" + brokerPort;
		EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap);
		try {
			server.startup();
			broker.awaitReady(startupWait);
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
		log.info("Embedded Kafka broker on {} ready in {} ms (log: {})", bootstrap,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDirectory);
		return broker;
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	private void awaitReady(Duration wait) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin.describeCluster().nodes().get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Embedded Kafka broker did not become ready within " + wait, ex);
		}
	}

	/**
	 * {@code count} distinct free loopback ports: their sockets are all open at once
	 * while the ports are read, since a port closed again may be handed out again (the
	 * broker's and the controller's listener once got the same one, and the broker
	 * refused to start).
	 */
	static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free local port for the embedded Kafka broker", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// only a probe: its port was read, nothing else uses it
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
