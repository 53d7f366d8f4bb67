package com.widgetsunlimited.etl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.widgetsunlimited.etl.env.InvalidSettingException;
import com.widgetsunlimited.etl.model.LocalFolders;
import com.widgetsunlimited.etl.staging.StagingLocation;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses, before anything starts, settings that cannot work: a data folder, drop folder
 * or local staging root that cannot be one (a path that names a file, or lies under one,
 * or under a folder this process may not write to), and in production mode
 * ({@code ETL_MODE=production}) a server left unset, which would otherwise start its
 * embedded stand-in without a word. Runs once the configuration is read and before the
 * log file opens (the demo's lies in the data folder), so that a wrong setting is one
 * line naming it, not a stack of errors from whatever touched it first.
 */
class EarlySettings implements SmartApplicationListener {

	/** The servers production needs: property and environment variable. */
	private static final String[][] SERVERS = { { "etl.warehouse.url", "ETL_WAREHOUSE_URL" },
			{ "etl.instore.url", "ETL_INSTORE_URL" },
			{ "etl.kafka.bootstrap-servers", "ETL_KAFKA_BOOTSTRAP_SERVERS" } };

	private InvalidSettingException invalid;

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER - 1;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType);
	}

	/**
	 * Checks the folders once the configuration is read; a wrong one keeps the log off
	 * the file it names and is thrown once logging is set up, so that the launcher alone
	 * reports it, before any bean is created.
	 */
	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			instrumentOnlyWhenPushed(prepared.getEnvironment());
			try {
				check(prepared.getEnvironment());
			}
			catch (InvalidSettingException ex) {
				this.invalid = ex;
				prepared.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("invalidFolder", Map.of("logging.file.name", "")));
			}
		}
		else if (this.invalid != null) {
			throw this.invalid;
		}
	}

	/**
	 * Leaves Spring Batch's jobs and steps uninstrumented unless a run's metrics are
	 * pushed: its observations time every item read and processed and every chunk
	 * written, which took a third more of the cycle's CPU (the benchmark at scale 10) for
	 * meters nobody would receive. Settings of the user's own come first.
	 */
	private static void instrumentOnlyWhenPushed(ConfigurableEnvironment environment) {
		if (!Binder.get(environment).bind("management.otlp.metrics.export.enabled", Boolean.class).orElse(false)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("metricsNotPushed", Map.of("spring.autoconfigure.exclude",
						"org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration",
						"management.metrics.use-global-registry", "false")));
		}
	}

	private static void check(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		if ("production".equalsIgnoreCase(binder.bind("etl.mode", String.class).orElse("local").strip())) {
			for (String[] server : SERVERS) {
				if (binder.bind(server[0], String.class).orElse("").isBlank()) {
					throw new InvalidSettingException(server[0], "",
							"not set (" + server[1] + "): with ETL_MODE=production nothing embedded starts");
				}
			}
		}
		String dataDir = binder.bind("etl.data-dir", String.class).orElse("./data");
		check("etl.data-dir", dataDir, local("etl.data-dir", dataDir));
		String dropDir = binder.bind("etl.drop-dir", String.class).orElse("");
		if (!dropDir.isBlank()) {
			check("etl.drop-dir", dropDir, local("etl.drop-dir", dropDir));
		}
		String staging = binder.bind("etl.staging-uri", String.class).orElse("./staging");
		Optional<Path> stagingFolder = stagingFolder(staging);
		if (stagingFolder.isPresent()) {
			check("etl.staging-uri", staging, stagingFolder.get());
		}
	}

	private static Path local(String property, String value) {
		try {
			return LocalFolders.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(property, value, ex.getMessage());
		}
	}

	private static Optional<Path> stagingFolder(String value) {
		try {
			java.net.URI root = new StagingLocation(value).root().toUri();
			return "file".equals(root.getScheme()) ? Optional.of(Path.of(root)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("etl.staging-uri", value, ex.getMessage());
		}
	}

	/**
	 * Whether {@code folder} is a folder or can become one: its nearest existing ancestor
	 * must be a folder this process may write to.
	 */
	static void check(String property, String value, Path folder) {
		Path absolute = folder.toAbsolutePath().normalize();
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return;
		}
		if (!Files.isDirectory(existing)) {
			throw new InvalidSettingException(property, value,
					(existing.equals(absolute) ? "" : existing + " ") + "is a file, not a folder");
		}
		if (!Files.isWritable(existing)) {
			throw new InvalidSettingException(property, value,
					"cannot write to " + existing + " (read-only, or owned by another user)");
		}
	}

}
