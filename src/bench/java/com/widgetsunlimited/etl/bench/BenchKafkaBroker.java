package com.widgetsunlimited.etl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;

/**
 * The project's KRaft broker in a process of its own, for the benchmark: the application
 * reaches it through {@code etl.kafka.bootstrap-servers} as it would a real cluster.
 * Arguments: the log directory and the file to write the bootstrap servers to. Runs until
 * its standard input closes or the process is stopped.
 */
public final class BenchKafkaBroker {

	private BenchKafkaBroker() {
	}

	public static void main(String[] args) throws IOException {
		org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root instanceof ch.qos.logback.classic.Logger logback) {
			logback.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		if (args.length != 2) {
			System.err.println("usage: BenchKafkaBroker LOG_DIR BOOTSTRAP_FILE");
			System.exit(2);
		}
		EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), 1, Duration.ofMinutes(2));
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
		Path bootstrap = Path.of(args[1]);
		Path written = bootstrap.resolveSibling(bootstrap.getFileName() + ".tmp");
		Files.writeString(written, broker.bootstrapServers());
		Files.move(written, bootstrap, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		// the parent closes our standard input when it is done (or dies)
		while (System.in.read() != -1) {
			// nothing to read
		}
		System.exit(0);
	}

}
