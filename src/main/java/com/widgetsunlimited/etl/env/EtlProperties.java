package com.widgetsunlimited.etl.env;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import com.widgetsunlimited.etl.model.LocalFolders;
import com.widgetsunlimited.etl.model.ScdType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a user configures, bound from {@code etl.*} properties.
 * {@code application.yml} maps the environment variables of the contract
 * ({@code ETL_DATA_DIR}, {@code ETL_WAREHOUSE_URL}, ...) onto these keys. An empty
 * connection URL or bootstrap list means "use the embedded local environment" for that
 * part. A key under {@code etl.} that none of these names is refused: a misspelled option
 * would otherwise be ignored without a word. Environment variables are not held to that
 * (a shell may export anything named {@code ETL_*}).
 */
@Validated
@ConfigurationProperties(prefix = "etl", ignoreUnknownFields = false)
public record EtlProperties(@DefaultValue("./data") @NotBlank String dataDir, @DefaultValue("") String dropDir,
		@DefaultValue("./staging") @NotBlank String stagingUri, @DefaultValue("0") long seed,
		@DefaultValue @Valid Connection instore, @DefaultValue @Valid Connection warehouse,
		@DefaultValue @Valid Kafka kafka, @DefaultValue @Valid Embedded embedded,
		@DefaultValue @Valid Calendar calendar, @DefaultValue("5000") @Min(1) int chunkSize,
		@DefaultValue("1000") @Min(1) int dimensionChunkSize, @DefaultValue @Valid Simulator simulator,
		@DefaultValue @Valid Ingest ingest, Map<String, Map<String, ScdType>> scd,
		@DefaultValue @Valid SalesFact salesFact, @DefaultValue Fault fault, @DefaultValue("local") Mode mode) {

	/**
	 * {@code local}: an unset server is replaced by its embedded stand-in;
	 * {@code production}: every server must be set (checked by the launcher before
	 * anything starts).
	 */
	public enum Mode {

		LOCAL, PRODUCTION

	}

	/**
	 * How each dimension keeps the history of its columns, where the defaults do not
	 * suit: {@code etl.scd.<dimension>.<column>: type-2 | type-1 | type-1-all-versions},
	 * for instance {@code etl.scd.product.unit-cost: type-1} (column names in kebab
	 * case).
	 * @return the column names (with underscores) and their types, for {@code dimension}
	 * ({@code customer}, {@code product}, {@code store})
	 */
	public Map<String, ScdType> scdTypes(String dimension) {
		Map<String, ScdType> types = new java.util.LinkedHashMap<>();
		if (this.scd != null && this.scd.get(dimension) != null) {
			this.scd.get(dimension).forEach((column, type) -> types.put(column.replace('-', '_'), type));
		}
		return types;
	}

	/**
	 * Every setting's name, in kebab case from {@code etl.}; a map's as
	 * {@code etl.scd.*}.
	 */
	public static List<String> settingNames() {
		List<String> names = new ArrayList<>();
		addSettingNames("etl", EtlProperties.class, names);
		return names;
	}

	private static void addSettingNames(String prefix, Class<?> type, List<String> names) {
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
			if (component.getType().isRecord() && component.getType().getEnclosingClass() == EtlProperties.class) {
				addSettingNames(name, component.getType(), names);
			}
			else {
				names.add(Map.class.isAssignableFrom(component.getType()) ? name + ".*" : name);
			}
		}
	}

	/** The embedded environment's root folder. */
	public Path dataPath() {
		return LocalFolders.of(this.dataDir);
	}

	/**
	 * The drop folder the inventory system writes to: {@code ETL_DROP_DIR} or
	 * {@code <data>/drop}.
	 */
	public Path dropPath() {
		return this.dropDir.isBlank() ? dataPath().resolve("drop") : LocalFolders.of(this.dropDir);
	}

	/** Whether any part of the embedded environment is needed for this configuration. */
	public boolean needsEmbeddedPostgres() {
		return !this.instore.isConfigured() || !this.warehouse.isConfigured();
	}

	/**
	 * A JDBC connection to a real server; unset URL means embedded.
	 *
	 * @param connectionTimeout how long a step waits for a connection before it fails (a
	 * server that went away fails the run after that long)
	 */
	public record Connection(@DefaultValue("") String url, @DefaultValue("") String user,
			@DefaultValue("") String password, @DefaultValue("30s") Duration connectionTimeout) {

		public boolean isConfigured() {
			return !this.url.isBlank();
		}

		@Override
		public String toString() {
			// never print the password, wherever this record ends up
			return "Connection[url=" + this.url + ", user=" + this.user + ", password="
					+ (this.password.isEmpty() ? "" : "******") + ", connectionTimeout=" + this.connectionTimeout + "]";
		}

	}

	/**
	 * The e-commerce Kafka cluster; empty bootstrap servers mean the in-process broker.
	 *
	 * @param connectionTimeout how long a job that needs the cluster waits for it to
	 * answer before it is refused
	 * @param topicPattern the topic of every e-commerce entity, {@code {entity}} standing
	 * for the entity's name ({@code shop.public.{entity}} for a Debezium connector with
	 * the topic prefix {@code shop} on schema {@code public})
	 * @param topics per entity, its topics, in place of the pattern's (several when
	 * several databases feed the entity)
	 */
	public record Kafka(@DefaultValue("") String bootstrapServers, @DefaultValue("3") @Min(1) int partitions,
			@DefaultValue("30s") Duration connectionTimeout, @DefaultValue("ecommerce.{entity}") String topicPattern,
			@DefaultValue Map<String, List<String>> topics) {

		public boolean isConfigured() {
			return !this.bootstrapServers.isBlank();
		}

	}

	/**
	 * The warehouse calendar: the fiscal year starts on the first of this month (1-12).
	 */
	public record Calendar(@DefaultValue("1") @Min(1) @Max(12) int fiscalYearStartMonth) {
	}

	/**
	 * The operations simulator.
	 *
	 * @param scenario the volumes per day: a Spring resource location of a scenario YAML
	 * file
	 * @param defects rate per defect kind (0 to 1), by kebab-case kind name
	 * ({@code state-name-spelled-out: 0.2}); kinds not listed keep their default rate
	 */
	public record Simulator(@DefaultValue("classpath:simulator/default-scenario.yml") String scenario,
			@DefaultValue Map<String, Double> defects) {
	}

	/**
	 * The ingestion steps.
	 *
	 * @param chunkSize rows per chunk, per transaction and per staged Parquet part
	 * @param dropWait how long the inventory step waits for the day's {@code _READY}
	 * marker
	 * @param parallelism how many entities of a source are ingested at once
	 * @param maxRejects the most rejects one entity's ingestion may have before it fails;
	 * -1 for no limit
	 * @param maxRejectShare the largest share (0 to 1) of one entity's rows that may be
	 * rejected before its ingestion fails
	 * @param lateCommitLookback how long before a business day an in-store row may be
	 * stamped and still be read by that day, when its transaction committed only after
	 * the previous day's extraction
	 * @param kafkaGrace how long after a business day's end (UTC) a Kafka record may be
	 * stamped and still belong to that day, when the day's slice is fixed after later
	 * records arrived
	 * @param acceptKafkaGaps load a day although the topics' retention deleted events
	 * before they were read (the gap is recorded), instead of failing with exit 8: for
	 * the one run that gets past such a gap
	 */
	public record Ingest(@DefaultValue("10000") @Min(1) int chunkSize, @DefaultValue("10m") Duration dropWait,
			@DefaultValue("2") @Min(1) int parallelism, @DefaultValue("-1") long maxRejects,
			@DefaultValue("0.5") double maxRejectShare, @DefaultValue("1d") Duration lateCommitLookback,
			@DefaultValue("0s") Duration kafkaGrace, @DefaultValue("false") boolean acceptKafkaGaps) {
	}

	/** Tuning of the embedded local environment. */
	public record Embedded(@DefaultValue("60s") Duration postgresStartupWait,
			@DefaultValue("60s") Duration kafkaStartupWait) {
	}

	/**
	 * The sales fact step.
	 *
	 * @param setBased on a warehouse that can merge in one statement (PostgreSQL), merge
	 * the lines the fact query resolves at once and chunk only the rest; {@code false}
	 * writes every line in chunks, as on MySQL and MariaDB
	 */
	public record SalesFact(@DefaultValue("true") boolean setBased) {
	}

	/**
	 * Crash drills: points of a run where the process dies or waits, to prove that a
	 * restart loses and doubles nothing. Points are {@code STEP:CHUNK},
	 * {@code STEP:start} or {@code STEP:end}.
	 *
	 * @param haltAfter the process halts there, as {@code kill -9} would
	 * @param pauseAt the process writes {@link #pauseFile} there and waits until it is
	 * deleted
	 * @param pauseFile the file that marks a pause
	 */
	public record Fault(@DefaultValue("") String haltAfter, @DefaultValue("") String pauseAt,
			@DefaultValue("") String pauseFile) {
	}

}
