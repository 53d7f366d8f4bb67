package com.widgetsunlimited.etl.job;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.widgetsunlimited.etl.cli.ExitCode;
import com.widgetsunlimited.etl.env.EmbeddedKafkaBroker;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.source.EcommerceTopics;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.report.RunReportWriter;
import com.widgetsunlimited.etl.support.EtlProcess;
import com.widgetsunlimited.etl.support.EtlProcess.Result;
import com.widgetsunlimited.etl.support.HeadlessChromium;
import com.widgetsunlimited.etl.support.OtlpMetricsReceiver;
import com.widgetsunlimited.etl.support.ParquetRecords;
import com.widgetsunlimited.etl.support.PublishedTablesWatcher;
import com.widgetsunlimited.etl.support.WarehouseSnapshot;
import com.widgetsunlimited.etl.support.TopicRecords;
import com.widgetsunlimited.etl.support.World;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo (four simulated days, each followed by {@code dailyCycle}) as a process, the
 * in-store database and the broker embedded, the warehouse the one under test (one
 * subclass per warehouse database); beside it the same demo on another setup, which must
 * print the same days and warehouse; then a rerun of day 2. Ingestion: every staged file
 * is Parquet that parquet-avro's own reader reads, staged plus rejected rows are the rows
 * the sources hold for the day, every malformed row the simulator injected is in
 * {@code etl_reject} with its origin. Warehouse: the raw layer holds the newest staged
 * state of every row; dimensions have one current version per member and versions that
 * meet without overlap; the fact's totals per sale date and channel are the sources' to
 * the cent, its keys point at the versions of the sale's date; the rerun changes nothing;
 * a backfill resumes where it stopped; a broken guarantee fails the audit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractDailyCycleIntegrationTests {

	static final List<String> DAYS = List.of("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04");

	static final String DAY_2 = "2024-01-02";

	static final String DAY_3 = "2024-01-03";

	static final String DAY_5 = "2024-01-05";

	/** The demo's world: the working directory and the warehouse under test. */
	protected World world;

	private Path workDir;

	protected final List<Result> runs = new ArrayList<>();

	protected Map<String, List<Map<String, Object>>> warehouseAfterDay4;

	private Result rerunOfDay2;

	protected Result demo;

	private Result demoBeside;

	/** The same demo run again once it has completed: every day is skipped. */
	private Result demoAgain;

	private Map<String, byte[]> stagedDay2;

	private HeadlessChromium chromium;

	/**
	 * The condition on {@code information_schema.tables.table_schema} that selects the
	 * warehouse's own tables.
	 */
	protected abstract String warehouseSchemas();

	/** A new, empty world whose warehouse is the one under test. */
	protected abstract World newWorld() throws Exception;

	/**
	 * Runs {@code demo} (this world's) while the same demo runs on another setup, in a
	 * folder of its own; returns the other's outcome.
	 */
	protected abstract Result besideTheDemo(Callable<Result> demo) throws Exception;

	@BeforeAll
	void simulateAndRunFourDays_thenRerunTheSecond() throws Exception {
		this.world = newWorld();
		this.workDir = this.world.directory();
		// the README's first command (the built jar itself): simulate and dailyCycle of
		// 2024-01-01 to 2024-01-04, and the same demo beside it
		this.demoBeside = besideTheDemo(
				() -> this.demo = EtlProcess.runBuiltJar(this.workDir, this.world.environment(), "--job=demo"));
		this.runs.add(this.demo);
		this.runs.add(this.demoBeside);
		this.demoAgain = EtlProcess.runBuiltJar(this.workDir, this.world.environment(), "--job=demo");
		this.runs.add(this.demoAgain);
		// a store sale of day 2 changes again on day 4 (after day 4's cycle, so no run
		// reads it): it leaves day 2's updated_at window, which a rerun must not notice
		try (World.Opened opened = this.world.open()) {
			assertThat(opened.instore()
				.update("UPDATE instore.store_sales SET updated_at = "
						+ "TIMESTAMP '2024-01-04 23:00:00' WHERE store_sales_id = (SELECT MIN(store_sales_id) FROM "
						+ "instore.store_sales WHERE updated_at >= TIMESTAMP '2024-01-02 00:00:00' AND updated_at < "
						+ "TIMESTAMP '2024-01-03 00:00:00')"))
				.isOne();
		}
		this.warehouseAfterDay4 = warehouse();
		this.stagedDay2 = stagedFiles(DAY_2);
		this.rerunOfDay2 = EtlProcess.run(this.workDir, this.world.environment(), "--job=dailyCycle", "date=" + DAY_2,
				"rerun=true");
	}

	@AfterAll
	void closeTheBrowserAndTheWorld() {
		if (this.chromium != null) {
			this.chromium.close();
		}
		if (this.world != null) {
			this.world.close();
		}
	}

	@Test
	void everyRunCompleted() {
		assertThat(this.runs).allSatisfy((run) -> assertThat(run.exitCode()).as(run.output()).isZero());
	}

	@Test
	void theDemo_printsEachDay_andTheWarehouse_withEverySourceDimensionAndChannel() {
		for (String day : DAYS) {
			assertThat(this.demo.stdout()).contains("== Business day " + day + " ==");
		}
		assertThat(this.demo.stdout()).contains("== Warehouse ==")
			.contains("customer_dim", "product_dim", "store_dim", "date_dim")
			.containsPattern("(?m)^  ecommerce +\\d+")
			.containsPattern("(?m)^  instore +\\d+")
			.containsPattern("(?m)^  inventory +\\d+")
			.containsPattern("(?m)^  20240104 +ONLINE +\\d+")
			.containsPattern("(?m)^  20240104 +STORE +\\d+");
	}

	@Test
	void theDemosWarehouseSales_areTheWarehousesOwnFigures_perDateAndChannel() {
		// what the demo printed: " <date key> <channel> <lines> <sales> <returns>
		// <cancelled>"
		Map<String, String> printed = new TreeMap<>();
		Matcher line = Pattern.compile("(?m)^  (\\d{8}) +(ONLINE|STORE) +(\\d+) +(-?[\\d.]+) +(\\d+) +(\\d+)$")
			.matcher(this.demo.stdout());
		while (line.find()) {
			printed.put(line.group(1) + " " + line.group(2),
					line.group(3) + " " + new BigDecimal(line.group(4)).stripTrailingZeros().toPlainString() + " "
							+ line.group(5) + " " + line.group(6));
		}
		// the warehouse right after the demo, its live sales lines added up
		Map<String, long[]> counts = new TreeMap<>();
		Map<String, BigDecimal> sales = new TreeMap<>();
		for (Map<String, Object> fact : this.warehouseAfterDay4.get("sales_fact")) {
			if (Boolean.TRUE.equals(fact.get("is_deleted"))) {
				continue;
			}
			String key = fact.get("date_key") + " " + fact.get("channel");
			long[] count = counts.computeIfAbsent(key, (k) -> new long[3]);
			count[0]++;
			count[1] += "RETURN".equals(fact.get("transaction_type")) ? 1 : 0;
			count[2] += Boolean.TRUE.equals(fact.get("is_cancelled")) ? 1 : 0;
			sales.merge(key, (BigDecimal) fact.get("total_price"), BigDecimal::add);
		}
		Map<String, String> expected = new TreeMap<>();
		counts.forEach((key, count) -> expected.put(key, count[0] + " "
				+ sales.get(key).stripTrailingZeros().toPlainString() + " " + count[1] + " " + count[2]));
		assertThat(printed).hasSizeGreaterThan(3).isEqualTo(expected);
	}

	@Test
	void kafkasLz4Batches_goThroughLz4JavasNativeLibrary_evenFromTheJarsNestedInTheBuiltJar() {
		// by itself, lz4-java loads its native library only from the class path
		// the demo's console shows its summaries; its log is in the data directory
		assertThat(this.workDir.resolve("data/logs/etl.log")).content()
			.contains("Kafka's LZ4: LZ4Factory:JNI, XXHashFactory:JNI");
	}

	@Test
	void everyLogLineOfARun_isDatedAndNamesTheJobTheBusinessDayAndTheExecution() {
		// the demo's own lines, and those of the days it runs (their steps on threads of
		// their own)
		assertThat(this.workDir.resolve("data/logs/etl.log")).content()
			.containsPattern("(?m)^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\d+ INFO +ProgressListener +"
					+ "\\[demo #\\d+\\] Job demo \\(execution \\d+\\) started")
			.containsPattern("(?m) \\[dailyCycle 2024-01-02 #\\d+\\] Step loadCustomerDimStep started$")
			.containsPattern(
					"(?m) \\[dailyCycle 2024-01-03 #\\d+\\] Step ingestEcommerceTopicStep:ecommerce:order started$");
	}

	@Test
	void theSameDemoBesideIt_printsTheSameDaysAndWarehouse_lineForLine() {
		List<String> beside = summary(this.demoBeside.stdout());
		assertThat(beside).hasSizeGreaterThan(50).containsExactlyElementsOf(summary(this.demo.stdout()));
		assertThat(beside).contains("== Business day 2024-01-04 ==", "== Warehouse ==");
	}

	@Test
	void theCompletedDemoRunAgain_describesEachDayAsItLoaded_notAsTheWarehouseHoldsItNow() {
		// later days change earlier days' rows (lines cancelled, inferred members made
		// real): the days are described from what they loaded
		assertThat(summary(this.demoAgain.stdout())).hasSizeGreaterThan(50)
			.containsExactlyElementsOf(summary(this.demo.stdout()));
	}

	/**
	 * The demo's summaries: each day's and the warehouse's heading and table lines,
	 * without the log lines between them.
	 */
	private static List<String> summary(String stdout) {
		List<String> lines = new ArrayList<>();
		boolean inSummary = false;
		for (String line : stdout.split("\\R")) {
			if (line.startsWith("== ")) {
				inSummary = true;
				lines.add(line);
			}
			else if (inSummary && line.startsWith("  ")) {
				lines.add(line);
			}
			else {
				inSummary = false;
			}
		}
		return lines;
	}

	@Test
	void theDemosRunReport_inHeadlessChromium_showsItsChartsAndTheWarehousesFigures_fetchingNothing() throws Exception {
		Path report = this.workDir.resolve("staging/demo-report.html");
		assertThat(this.demo.stdout()).containsPattern("Run report of the demo: file:\\S*/staging/demo-report.html");
		assertThat(Files.readString(report)).doesNotContain("<script").doesNotContainPattern("(?i)\\s(src|href)=");

		WebDriver page = browser().open(report);

		assertThat(page.getTitle()).isEqualTo("Demo, 2024-01-01 to 2024-01-04");
		assertThat(page.findElement(By.id("verdict")).getText()).isEqualTo("Completed: every audit row balances");
		assertThat(((JavascriptExecutor) page).executeScript("return performance.getEntriesByType('resource').length"))
			.as("requests the page made")
			.isEqualTo(0L);
		List<WebElement> charts = page.findElements(By.tagName("figure"));
		assertThat(charts).extracting((chart) -> chart.findElement(By.tagName("figcaption")).getText())
			.containsExactly("Sales loaded per business day and channel", "Seconds per step, all runs",
					"Rejected rows per source and entity", "Dimension activity (SCD type 2)");
		for (WebElement chart : charts) {
			WebElement svg = chart.findElement(By.tagName("svg"));
			assertThat(svg.isDisplayed()).isTrue();
			assertThat(svg.getRect().getWidth()).isGreaterThan(500);
			assertThat(chart.findElements(By.cssSelector("rect.bar")))
				.anySatisfy((bar) -> assertThat(bar.getRect().getWidth()).isGreaterThan(20));
		}
		// the sales chart shows the fact's sales per business day and channel, each bar
		// in its channel's colour (the legend's order)
		Map<String, BigDecimal> sales = new TreeMap<>();
		for (Map<String, Object> line : this.warehouseAfterDay4.get("sales_fact")) {
			if (!(Boolean) line.get("is_deleted")) {
				sales.merge(line.get("business_date") + " " + line.get("channel"), (BigDecimal) line.get("total_price"),
						BigDecimal::add);
			}
		}
		Map<String, String> expected = new TreeMap<>();
		sales.forEach((key, total) -> expected.put(key, RunReportWriter.money(total)));
		List<String> legend = charts.get(0)
			.findElements(By.cssSelector("g.legend text"))
			.stream()
			.map(WebElement::getText)
			.toList();
		Map<String, String> shown = new TreeMap<>();
		for (WebElement row : charts.get(0).findElements(By.cssSelector("g.row"))) {
			String date = row.findElement(By.tagName("text")).getText();
			List<WebElement> bars = row.findElements(By.cssSelector("rect.bar"));
			List<WebElement> values = row.findElements(By.cssSelector("text.value"));
			for (int i = 0; i < bars.size(); i++) {
				int series = Integer.parseInt(bars.get(i).getDomAttribute("class").replaceAll(".*series-", ""));
				shown.put(date + " " + legend.get(series), values.get(i).getText());
			}
		}
		assertThat(shown).isEqualTo(expected).hasSizeGreaterThanOrEqualTo(6);
		// the reconciliation of every entity of every day balances; the rejects are all
		// there
		List<WebElement> audit = page.findElements(By.cssSelector("#reconciliation + table tr td:last-child"));
		assertThat(audit).hasSize(4 * 10).allSatisfy((cell) -> assertThat(cell.getText()).isEqualTo("✓ yes"));
		WebElement rejected = page.findElements(By.className("card"))
			.stream()
			.filter((card) -> card.findElement(By.className("name")).getText().equalsIgnoreCase("Rejected rows"))
			.findFirst()
			.orElseThrow();
		assertThat(rejected.findElement(By.className("value")).getText())
			.isEqualTo(String.format(Locale.ROOT, "%,d", this.warehouseAfterDay4.get("etl_reject").size()));
		assertThat(page.findElement(By.id("rejects")).isDisplayed()).isTrue();
		assertThat(Files.exists(this.workDir.resolve("staging/2024-01-04/report.html"))).isTrue();
	}

	@Test
	void storeSalesVoidedInTheShopsDatabase_areFlaggedDeletedByTheNextCycle_inTheRawLayerAndTheFact() {
		try (World.Opened opened = this.world.open()) {
			// given: the sales of earlier days the branches deleted on day 4, as the
			// shop's database logged them, and gone from its table
			JdbcTemplate instore = opened.instore();
			List<Long> voided = instore.queryForList("SELECT row_id FROM instore.deleted_row WHERE "
					+ "table_name = 'store_sales' AND deleted_at >= TIMESTAMP '2024-01-04 00:00:00' AND deleted_at < "
					+ "TIMESTAMP '2024-01-05 00:00:00' ORDER BY row_id", Long.class);
			assertThat(voided).hasSize(3);
			String keys = voided.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
			assertThat(instore.queryForObject(
					"SELECT COUNT(*) FROM instore.store_sales WHERE store_sales_id IN (" + keys + ")", Long.class))
				.isZero();

			// then: the raw layer keeps each sale's last state, flagged by day 4's run,
			// and
			// the fact flags it on the day it was sold
			JdbcTemplate warehouse = opened.warehouse();
			assertThat(warehouse.queryForList("SELECT is_deleted, business_date, total_price, transaction_date FROM "
					+ "raw_instore_store_sales WHERE store_sales_id IN (" + keys + ")"))
				.hasSize(3)
				.allSatisfy((row) -> {
					assertThat(row.get("is_deleted")).isIn(true, 1, (byte) 1);
					assertThat(row.get("business_date")).hasToString("2024-01-04");
					assertThat(row.get("total_price")).isNotNull();
					assertThat(row.get("transaction_date").toString()).isLessThan("2024-01-04");
				});
			assertThat(warehouse.queryForList("SELECT is_deleted FROM sales_fact WHERE channel = 'STORE' AND "
					+ "source_line_id IN (" + keys + ")", Object.class))
				.hasSize(3)
				.allSatisfy((deleted) -> assertThat(deleted).isIn(true, 1, (byte) 1));
			assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM etl_reject WHERE source = 'instore' AND reason "
					+ "LIKE 'changes a row the raw layer does not hold%'", Long.class))
				.isZero();
		}
	}

	@Test
	void stagedFiles_areParquet_andStagedPlusRejectedEqualsWhatTheSourcesHold() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate instore = opened.instore();
			JdbcTemplate warehouse = opened.warehouse();
			for (Entity entity : Entity.values()) {
				Path file = this.workDir
					.resolve("staging/" + DAY_3 + "/" + entity.source().id() + "/" + entity.id() + ".parquet");
				List<GenericRecord> records = read(file);
				long rejected = warehouse.queryForObject(
						"SELECT COUNT(*) FROM etl_reject WHERE business_date = ? AND source = ? AND entity = ? "
								+ "AND origin NOT LIKE 'raw\\_%'",
						Long.class, java.sql.Date.valueOf(DAY_3), entity.source().id(), entity.id());
				long input = input(entity, instore, warehouse);
				assertThat(records.size() + rejected).as(entity.id()).isEqualTo(input);
				assertThat(records)
					.allSatisfy((record) -> assertThat(record.getSchema().getField("password")).isNull());
			}
		}
	}

	@Test
	void everyInjectedMalformedRow_isRejectedWithItsOrigin() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate instore = opened.instore();
			JdbcTemplate warehouse = opened.warehouse();
			for (String day : DAYS) {
				java.sql.Date date = java.sql.Date.valueOf(day);
				Set<String> injected = new HashSet<>(instore.queryForList(
						"SELECT DISTINCT entity || ':' || entity_key FROM simulator.injected_defect WHERE business_date = ? "
								+ "AND kind IN ('INSTORE_ZERO_QUANTITY', 'INSTORE_UNKNOWN_STORE')",
						String.class, date));
				Set<String> rejected = new HashSet<>(warehouse.queryForList(
						"SELECT replace(origin, 'instore.', '') FROM etl_reject WHERE business_date = ? AND source = 'instore'",
						String.class, date));
				assertThat(rejected).as(day).isEqualTo(injected);
				long csvDefects = instore.queryForObject(
						"SELECT COUNT(*) FROM simulator.injected_defect WHERE "
								+ "business_date = ? AND kind IN ('CSV_WRONG_FIELD_COUNT', 'CSV_NON_NUMERIC')",
						Long.class, date);
				long csvRejects = warehouse.queryForObject(
						"SELECT COUNT(*) FROM etl_reject WHERE business_date = ? AND source = 'inventory'", Long.class,
						date);
				assertThat(csvRejects).as(day).isEqualTo(csvDefects);
				long kafkaDefects = instore.queryForObject(
						"SELECT COUNT(*) FROM simulator.injected_defect WHERE "
								+ "business_date = ? AND kind IN ('KAFKA_NOT_JSON', 'KAFKA_MISSING_FIELD')",
						Long.class, date);
				long kafkaRejects = warehouse
					.queryForObject("SELECT COUNT(*) FROM etl_reject WHERE business_date = ? AND source = 'ecommerce' "
							+ "AND origin NOT LIKE 'raw\\_%'", Long.class, date);
				assertThat(kafkaRejects).as(day).isEqualTo(kafkaDefects);
			}
			assertThat(warehouse.queryForList("SELECT origin FROM etl_reject WHERE source = 'inventory'", String.class))
				.allMatch((origin) -> origin.matches("(product|supplier|inventory)_2024010[1-4]\\.csv:\\d+"));
			assertThat(warehouse.queryForList(
					"SELECT origin FROM etl_reject WHERE source = 'ecommerce' AND origin NOT LIKE 'raw\\_%'",
					String.class))
				.allMatch((origin) -> origin.matches("ecommerce\\.[a-z_]+/\\d+@\\d+"));
		}
	}

	@Test
	void rawLayer_holdsTheNewestStagedStateOfEveryRow_deletesFlagged() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			for (Entity entity : Entity.values()) {
				Map<Long, GenericRecord> newest = newest(entity);
				String table = "raw_" + entity.source().id() + "_" + entity.id();
				Map<Long, Map<String, Object>> raw = new TreeMap<>();
				warehouse.queryForList("SELECT " + entity.keyColumn() + " AS k, origin, is_deleted FROM " + table)
					.forEach((row) -> raw.put(((Number) row.get("k")).longValue(), row));
				assertThat(raw.keySet()).as(table).isEqualTo(newest.keySet());
				newest.forEach((key, record) -> {
					assertThat(raw.get(key).get("origin")).as(table + " " + key)
						.isEqualTo(record.get("_origin").toString());
					assertThat(raw.get(key).get("is_deleted")).as(table + " " + key)
						.isEqualTo("d".equals(record.get("_op").toString()));
				});
			}
		}
	}

	@Test
	void rerunOfAnEarlierDay_afterLaterDays_restagesTheSameBytes_andChangesNothingInTheWarehouse() throws Exception {
		assertThat(this.rerunOfDay2.exitCode()).as(this.rerunOfDay2.output()).isZero();
		assertThat(this.rerunOfDay2.stderr()).contains("run 1 of this date");
		// the sources received days 3 and 4 since: the recorded windows hold
		Map<String, byte[]> restaged = stagedFiles(DAY_2);
		assertThat(restaged.keySet()).hasSize(10).isEqualTo(this.stagedDay2.keySet());
		this.stagedDay2.forEach((file, bytes) -> assertThat(restaged.get(file)).as(file).isEqualTo(bytes));
		Map<String, List<Map<String, Object>>> after = warehouse();
		assertThat(after.keySet()).isEqualTo(this.warehouseAfterDay4.keySet());
		after.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(this.warehouseAfterDay4.get(table)));
	}

	@Test
	void everyDimension_hasOneCurrentVersionPerMember_andVersionsThatMeetWithoutOverlap() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			for (String dimension : List.of("customer", "product", "store")) {
				String table = dimension + "_dim";
				String id = dimension + "_id";
				assertThat(warehouse.queryForList("SELECT " + id + " FROM " + table + " GROUP BY " + id
						+ " HAVING SUM(CASE WHEN is_current THEN 1 ELSE 0 END) <> 1", Long.class))
					.as(table + ": members without exactly one current version")
					.isEmpty();
				List<Long> notMeeting = new ArrayList<>();
				warehouse.query("SELECT " + id + ", expiration_date, LEAD(effective_date) OVER (PARTITION BY " + id
						+ " ORDER BY effective_date) AS next_date FROM " + table, (rs) -> {
							if (rs.getDate(3) != null
									&& !rs.getDate(3).toLocalDate().equals(rs.getDate(2).toLocalDate().plusDays(1))) {
								notMeeting.add(rs.getLong(1));
							}
						});
				assertThat(notMeeting).as(table + ": versions that do not meet").isEmpty();
				assertThat(warehouse.queryForList("SELECT " + id + " FROM " + table
						+ " WHERE is_current <> (expiration_date = DATE '9999-12-31')", Long.class))
					.as(table + ": current versions that expire, or expired ones that do not")
					.isEmpty();
			}
			assertThat(warehouse.queryForObject(
					"SELECT COUNT(*) FROM (SELECT customer_id FROM customer_dim GROUP BY customer_id HAVING COUNT(*) > 1) v",
					Long.class))
				.as("customers with a type 2 history")
				.isPositive();
			assertThat(
					warehouse.queryForObject(
							"SELECT COUNT(*) FROM customer_dim WHERE is_current AND NOT is_active "
									+ "AND deactivation_date BETWEEN DATE '2024-01-01' AND DATE '2024-01-04'",
							Long.class))
				.as("customers deactivated on a business day")
				.isPositive();
		}
	}

	@Test
	void salesFact_totalsPerSaleDateAndChannel_areTheSources_toTheCent() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate instore = opened.instore();
			JdbcTemplate warehouse = opened.warehouse();
			// store: the in-store database itself, less the sales the pipeline rejected
			Set<String> rejected = new HashSet<>(warehouse.queryForList(
					"SELECT origin FROM etl_reject WHERE source = 'instore' AND entity = 'store_sales'", String.class));
			Map<Integer, BigDecimal> storeSource = new TreeMap<>();
			Map<Integer, Integer> storeLines = new TreeMap<>();
			instore.query(
					"SELECT store_sales_id, transaction_date, transaction_type, total_price FROM instore.store_sales",
					(rs) -> {
						if (!rejected.contains("instore.store_sales:" + rs.getLong(1))) {
							BigDecimal total = rs.getBigDecimal(4);
							int date = dateKey(rs.getTimestamp(2).toLocalDateTime().toLocalDate());
							storeSource.merge(date, "RETURN".equals(rs.getString(3)) ? total.negate() : total,
									BigDecimal::add);
							storeLines.merge(date, 1, Integer::sum);
						}
					});
			// web: the topics themselves, read by a plain consumer: the newest valid
			// event of every line and order, a line dated by its order's execution time
			Map<Long, JsonNode> orders = newestEvents("ecommerce.order", "order_id");
			Map<Integer, BigDecimal> webSource = new TreeMap<>();
			Map<Integer, Integer> webLines = new TreeMap<>();
			newestEvents("ecommerce.order_line_item", "order_line_item_id").values().forEach((line) -> {
				JsonNode order = orders.get(line.get("row").get("order_id").asLong());
				if (order != null && !line.get("deleted").asBoolean()) {
					Instant executed = Instant.parse(order.get("row").get("execution_time").asText());
					int date = dateKey(java.time.LocalDate.ofInstant(executed, java.time.ZoneOffset.UTC));
					webSource.merge(date, new BigDecimal(line.get("row").get("total_price").asText()), BigDecimal::add);
					webLines.merge(date, 1, Integer::sum);
				}
			});
			assertThat(factTotals(warehouse, "STORE")).isEqualTo(scaled(storeSource));
			// the audit of every day and entity: nothing lost between staging and
			// warehouse
			assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM etl_audit", Long.class))
				.isEqualTo(DAYS.size() * Entity.values().length);
			assertThat(warehouse.queryForList(
					"SELECT CONCAT(business_date, ' ', entity) FROM etl_audit WHERE rows_loaded "
							+ "<> rows_staged OR rows_read < rows_staged OR source_amount <> loaded_amount",
					String.class))
				.isEmpty();
			assertThat(factTotals(warehouse, "ONLINE")).isEqualTo(scaled(webSource));
			assertThat(storeSource).hasSizeGreaterThanOrEqualTo(3);
			assertThat(webSource).hasSizeGreaterThanOrEqualTo(3);
			// and the demo printed the sources' lines and sales per sale date and channel
			Map<String, String> fromSources = new TreeMap<>();
			webSource.forEach(
					(date, total) -> fromSources.put(date + " ONLINE", webLines.get(date) + " " + total.setScale(2)));
			storeSource.forEach(
					(date, total) -> fromSources.put(date + " STORE", storeLines.get(date) + " " + total.setScale(2)));
			Map<String, String> printed = new TreeMap<>();
			Matcher line = Pattern.compile("(?m)^  (\\d{8}) +(ONLINE|STORE) +(\\d+) +(-?[\\d.]+) ")
				.matcher(this.demo.stdout());
			while (line.find()) {
				printed.put(line.group(1) + " " + line.group(2),
						line.group(3) + " " + new BigDecimal(line.group(4)).setScale(2));
			}
			assertThat(printed).isEqualTo(fromSources);
		}
	}

	@Test
	void salesFact_pointsAtTheVersionsOfTheSaleDate_returnsNegative_loyalCustomersKnown() throws Exception {
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			for (String dimension : List.of("customer", "product", "store")) {
				String table = dimension + "_dim";
				assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM sales_fact f JOIN date_dim d ON d.date_key = "
						+ "f.date_key JOIN " + table + " v ON v." + dimension + "_key = f." + dimension + "_key WHERE "
						+ "NOT (d.full_date BETWEEN v.effective_date AND v.expiration_date)", Long.class))
					.as("facts whose " + table + " version does not cover the sale's date")
					.isZero();
			}
			assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM sales_fact", Long.class))
				.isEqualTo(warehouse.queryForObject(
						"SELECT COUNT(*) FROM sales_fact f JOIN date_dim d ON d.date_key = f.date_key", Long.class));
			assertThat(warehouse.queryForObject(
					"SELECT COUNT(*) FROM sales_fact WHERE transaction_type = 'RETURN' AND quantity < 0 AND total_price < 0",
					Long.class))
				.isPositive()
				.isEqualTo(warehouse.queryForObject("SELECT COUNT(*) FROM sales_fact WHERE transaction_type = 'RETURN'",
						Long.class));
			assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM sales_fact f JOIN customer_dim c ON "
					+ "c.customer_key = f.customer_key JOIN raw_instore_store_sales s ON s.store_sales_id = f.source_line_id "
					+ "WHERE f.channel = 'STORE' AND c.customer_id <> -1 AND c.loyalty_number = s.loyalty_number",
					Long.class))
				.as("store sales of loyal customers")
				.isPositive()
				.isEqualTo(warehouse.queryForObject(
						"SELECT COUNT(*) FROM sales_fact f JOIN customer_dim c ON "
								+ "c.customer_key = f.customer_key WHERE f.channel = 'STORE' AND c.customer_id <> -1",
						Long.class));
			assertThat(warehouse.queryForObject(
					"SELECT COUNT(*) FROM sales_fact f JOIN store_dim s ON "
							+ "s.store_key = f.store_key WHERE (f.channel = 'ONLINE') <> (s.channel = 'ONLINE')",
					Long.class))
				.isZero();
			// products sold before the inventory feed announced them: one member each,
			// completed in place once announced
			assertThat(warehouse.queryForObject("SELECT COUNT(*) FROM product_dim WHERE effective_date = DATE "
					+ "'1900-01-01' AND NOT is_inferred AND name <> 'Unknown'", Long.class))
				.as("inferred products completed in place")
				.isPositive();
		}
	}

	@Test
	void storeDim_currentRowOfEveryStore_isTheInstoreDatabasesRow() throws Exception {
		try (World.Opened opened = this.world.open()) {
			// the source: each store with its newest location, as the in-store database
			// holds them now (day 4's changes included)
			Map<Long, String> source = new TreeMap<>();
			opened.instore()
				.query("SELECT s.store_id, s.name, l.street_address, l.city, l.zip_code, l.sq_footage "
						+ "FROM instore.store s JOIN instore.store_location l ON l.store_location_id = "
						+ "(SELECT MAX(x.store_location_id) FROM instore.store_location x WHERE x.store_id = s.store_id)",
						(rs) -> {
							source.put(rs.getLong(1), comparable(rs.getString(2), rs.getString(3), rs.getString(4),
									rs.getString(5).substring(0, 5), rs.getString(6)));
						});
			Map<Long, String> current = new TreeMap<>();
			opened.warehouse()
				.query("SELECT store_id, name, street_address, city, zip, sq_footage FROM store_dim "
						+ "WHERE is_current = TRUE AND store_id > 0", (rs) -> {
							current.put(rs.getLong(1), comparable(rs.getString(2), rs.getString(3), rs.getString(4),
									rs.getString(5), rs.getString(6)));
						});
			assertThat(source).hasSizeGreaterThanOrEqualTo(3);
			assertThat(current).isEqualTo(source);
		}
	}

	@Test
	void productAndCustomerDims_currentRows_areTheSourcesNewestRows() throws Exception {
		// products: the newest line of each in the drop's files (by updated_at; lines
		// the pipeline rejects aside)
		Map<Long, String> products = new TreeMap<>();
		Map<Long, java.time.LocalDateTime> productTimes = new HashMap<>();
		java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
		for (String day : DAYS) {
			Path file = this.workDir.resolve("data/drop/inventory/product_" + day.replace("-", "") + ".csv");
			try (var reader = new com.opencsv.CSVReader(Files.newBufferedReader(file))) {
				List<String[]> lines = reader.readAll();
				List<String> header = List.of(lines.get(0));
				for (String[] line : lines.subList(1, lines.size())) {
					if (line.length != header.size()
							|| !line[header.indexOf("unit_cost")].matches("-?\\d+(\\.\\d+)?")) {
						continue;
					}
					long id = Long.parseLong(line[header.indexOf("product_id")].strip());
					java.time.LocalDateTime updated = java.time.LocalDateTime
						.parse(line[header.indexOf("updated_at")].strip(), time);
					if (!productTimes.containsKey(id) || !updated.isBefore(productTimes.get(id))) {
						productTimes.put(id, updated);
						products.put(id, comparable(line[header.indexOf("category")],
								new BigDecimal(line[header.indexOf("unit_cost")].strip()).setScale(2).toPlainString()));
					}
				}
			}
		}
		// customers: the newest valid event of each on the topic, those not deleted
		Map<Long, String> customers = new TreeMap<>();
		newestEvents("ecommerce.customer", "customer_id").forEach((id, event) -> {
			if (!event.get("deleted").asBoolean()) {
				customers.put(id, comparable(event.get("row").get("email").asText()));
			}
		});
		try (World.Opened opened = this.world.open()) {
			Map<Long, String> productDim = new TreeMap<>();
			opened.warehouse()
				.query("SELECT product_id, category, unit_cost FROM product_dim WHERE is_current = TRUE "
						+ "AND is_inferred = FALSE", (rs) -> {
							productDim.put(rs.getLong(1),
									comparable(rs.getString(2), rs.getBigDecimal(3).setScale(2).toPlainString()));
						});
			Map<Long, String> customerDim = new TreeMap<>();
			opened.warehouse()
				.query("SELECT customer_id, email FROM customer_dim WHERE is_current = TRUE AND customer_id > 0",
						(rs) -> {
							customerDim.put(rs.getLong(1), comparable(rs.getString(2)));
						});
			assertThat(products).hasSizeGreaterThan(100);
			assertThat(productDim).containsAllEntriesOf(products);
			assertThat(customers).hasSizeGreaterThan(100);
			assertThat(customerDim).containsAllEntriesOf(customers);
		}
	}

	/** Values as the cleaning leaves them comparable: case and spacing aside. */
	private static String comparable(String... values) {
		return String.join(" | ",
				java.util.Arrays.stream(values)
					.map((value) -> value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
					.toList());
	}

	/**
	 * The newest staged state of every row of {@code entity}, as the raw load applies
	 * them: day by day in file order, a state replacing another unless it is older.
	 */
	private Map<Long, GenericRecord> newest(Entity entity) throws Exception {
		Map<Long, GenericRecord> newest = new TreeMap<>();
		for (String day : DAYS) {
			for (GenericRecord record : read(this.workDir
				.resolve("staging/" + day + "/" + entity.source().id() + "/" + entity.id() + ".parquet"))) {
				long key = (Long) record.get(entity.keyColumn());
				GenericRecord current = newest.get(key);
				if (current == null || changeTime(record) >= changeTime(current)) {
					newest.put(key, record);
				}
			}
		}
		return newest;
	}

	/**
	 * The newest state of every row of an e-commerce topic as its events tell it: of the
	 * events that are a JSON envelope whose row names its key (the others are the
	 * malformed ones the pipeline rejects), the one with the latest source time, a later
	 * offset winning a tie; {@code {row, deleted}} by key.
	 */
	private Map<Long, JsonNode> newestEvents(String topic, String keyColumn) throws Exception {
		Map<Long, JsonNode> newest = new TreeMap<>();
		ObjectMapper json = new ObjectMapper();
		for (ConsumerRecord<String, String> event : events(this.workDir, topic)) {
			JsonNode envelope;
			try {
				envelope = (event.value() != null) ? json.readTree(event.value()) : null;
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
				continue;
			}
			if (envelope == null || !envelope.isObject()) {
				continue;
			}
			boolean deleted = "d".equals(envelope.path("op").asText());
			JsonNode row = envelope.get(deleted ? "before" : "after");
			if (row == null || !row.hasNonNull(keyColumn)) {
				continue;
			}
			long time = envelope.path("source").path("ts_ms").asLong();
			long key = row.get(keyColumn).asLong();
			JsonNode current = newest.get(key);
			if (current == null || time >= current.get("time").asLong()) {
				newest.put(key, json.createObjectNode().put("time", time).put("deleted", deleted).set("row", row));
			}
		}
		return newest;
	}

	/** The star schema and the raw layer of {@code world}'s warehouse. */
	private static List<String> daySet(World world) {
		try (World.Opened opened = world.open()) {
			return PublishedTablesWatcher.daySet(opened.warehouse());
		}
	}

	private static Map<String, List<String>> loadedTables(World world) {
		try (World.Opened opened = world.open()) {
			Map<String, List<String>> tables = new TreeMap<>(WarehouseSnapshot.of(opened.warehouse().getDataSource()));
			tables.keySet()
				.removeIf(
						(table) -> !table.endsWith("_dim") && !table.startsWith("raw_") && !table.equals("sales_fact"));
			return tables;
		}
	}

	/** Every record of {@code topic}, partition by partition in offset order. */
	private static List<ConsumerRecord<String, String>> events(Path workDir, String topic) throws Exception {
		try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("data/kafka"), 3,
				Duration.ofSeconds(60))) {
			return TopicRecords.all(broker.bootstrapServers(), topic);
		}
	}

	private static Map<Integer, BigDecimal> factTotals(JdbcTemplate warehouse, String channel) {
		Map<Integer, BigDecimal> totals = new TreeMap<>();
		warehouse.query("SELECT date_key, SUM(total_price) FROM sales_fact WHERE channel = ? AND NOT is_deleted "
				+ "GROUP BY date_key", (rs) -> {
					totals.put(rs.getInt(1), rs.getBigDecimal(2).setScale(2));
				}, channel);
		return totals;
	}

	private static Map<Integer, BigDecimal> scaled(Map<Integer, BigDecimal> totals) {
		Map<Integer, BigDecimal> scaled = new TreeMap<>();
		totals.forEach((key, total) -> scaled.put(key, total.setScale(2)));
		return scaled;
	}

	private static int dateKey(java.time.LocalDate date) {
		return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
	}

	/**
	 * Every table of the star schema, the raw layer and the operational tables, rows in a
	 * fixed order, without the job executions and load times that wrote them.
	 */
	private Map<String, List<Map<String, Object>>> warehouse() throws Exception {
		Map<String, List<Map<String, Object>>> tables = new TreeMap<>();
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			List<String> names = warehouse.queryForList("SELECT table_name FROM information_schema.tables WHERE "
					+ warehouseSchemas() + " AND (table_name LIKE '%\\_dim' OR table_name LIKE 'raw\\_%' OR "
					+ "table_name LIKE 'etl\\_%' OR table_name = 'sales_fact') "
					// the record of each run's audit and publication: a rerun audits
					// again,
					// with what the warehouse holds by then, and publishes (nothing)
					+ "AND table_name NOT IN ('etl_audit', 'etl_publication')", String.class);
			assertThat(names).hasSizeGreaterThan(15);
			for (String table : names) {
				List<Map<String, Object>> rows = warehouse.queryForList("SELECT * FROM " + table);
				rows.forEach((row) -> row.keySet()
					.removeIf((column) -> List.of("job_execution_id", "rejected_at", "audited_at", "recorded_at")
						.contains(column)));
				rows.sort(java.util.Comparator.comparing(Object::toString));
				tables.put(table, rows);
			}
		}
		return tables;
	}

	private static long changeTime(GenericRecord record) {
		Object sourceTime = record.get("_source_ts");
		return (Long) ((sourceTime != null) ? sourceTime : record.get("updated_at"));
	}

	/**
	 * What the source holds for the day: lines of the drop file, rows of the window,
	 * events of the slice.
	 */
	private long input(Entity entity, JdbcTemplate instore, JdbcTemplate warehouse) throws Exception {
		if (entity.source() == Source.INSTORE) {
			// the day's rows still in the table, those deleted since (the table's keys
			// grow
			// day by day: a deleted key between the day's first and last was the day's),
			// and the day's own deletions, staged as deletes
			java.sql.Timestamp start = java.sql.Timestamp.valueOf(DAY_3 + " 00:00:00");
			java.sql.Timestamp end = java.sql.Timestamp.valueOf("2024-01-04 00:00:00");
			String key = entity.keyColumn();
			return instore.queryForObject(
					"SELECT COUNT(*) FROM instore." + entity.id() + " WHERE updated_at >= ? AND updated_at < ?",
					Long.class, start, end)
					+ instore.queryForObject("SELECT COUNT(*) FROM instore.deleted_row d, (SELECT MIN(" + key
							+ ") AS first_key, MAX(" + key + ") AS last_key FROM instore." + entity.id()
							+ " WHERE updated_at >= ? AND updated_at < ?) k WHERE d.table_name = ? AND "
							+ "(d.deleted_at >= ? AND d.row_id BETWEEN k.first_key AND k.last_key OR d.deleted_at >= ? "
							+ "AND d.deleted_at < ?)", Long.class, start, end, entity.id(), end, start, end);
		}
		if (entity.source() == Source.INVENTORY) {
			try (var reader = new com.opencsv.CSVReader(Files.newBufferedReader(this.workDir
				.resolve("data/drop/inventory/" + entity.id() + "_" + DAY_3.replace("-", "") + ".csv")))) {
				return reader.readAll().size() - 1;
			}
		}
		// e-commerce: the change events of the day's slice (tombstones carry none),
		// less the exact duplicates the simulator sent
		String topic = "ecommerce." + entity.id();
		Map<Integer, long[]> slice = new HashMap<>();
		warehouse.query("SELECT partition_id, start_offset, end_offset FROM etl_kafka_slice WHERE business_date = ? "
				+ "AND topic = ?", (rs) -> {
					slice.put(rs.getInt(1), new long[] { rs.getLong(2), rs.getLong(3) });
				}, java.sql.Date.valueOf(DAY_3), topic);
		long events = events(this.workDir, topic).stream().filter((event) -> {
			long[] range = slice.get(event.partition());
			return range != null && event.offset() >= range[0] && event.offset() < range[1] && event.value() != null;
		}).count();
		long duplicates = instore.queryForObject(
				"SELECT COUNT(*) FROM simulator.injected_defect WHERE "
						+ "business_date = ? AND kind = 'DUPLICATE_EVENT' AND entity = ?",
				Long.class, java.sql.Date.valueOf(DAY_3), entity.id());
		return events - duplicates;
	}

	private static List<GenericRecord> read(Path file) throws Exception {
		assertThat(file).exists();
		return ParquetRecords.read(file);
	}

	@Test
	void aMistakenDay_isRefusedUpFront_recordingNothingThatCouldBlockTheNextDay() throws Exception {
		// when: a day after today, a day before the last one loaded, a day the simulated
		// world (at 2024-01-04) has not had yet
		long started = System.nanoTime();
		Result future = EtlProcess.run(this.workDir, this.world.environment(), "--job=dailyCycle", "date=2099-01-01");
		Result earlier = EtlProcess.run(this.workDir, this.world.environment(), "--job=dailyCycle", "date=2023-12-31");
		Result ahead = EtlProcess.run(this.workDir, this.world.environment(), "--job=ingest", "date=2024-01-06");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		// then: each refused with its reason, with the exit code of a wrong command line
		assertThat(List.of(future, earlier, ahead))
			.allSatisfy((result) -> assertThat(result.exitCode()).as(result.output())
				.isEqualTo(ExitCode.INVALID_ARGUMENTS.code()));
		assertThat(future.stderr()).contains("date=2099-01-01 is after today");
		assertThat(earlier.stderr()).contains("refused: 2023-12-31 is before 2024-01-04, the last business day loaded")
			.contains("nothing was started");
		assertThat(ahead.stderr()).contains("the simulated world is at 2024-01-04, so 2024-01-06 has no sources yet");
		assertThat(took).as("three refusals").isLessThan(Duration.ofSeconds(60));
		// and nothing of them recorded: no Kafka slice, no job execution
		try (World.Opened opened = this.world.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			assertThat(warehouse.queryForObject(
					"SELECT COUNT(*) FROM etl_kafka_slice WHERE business_date NOT IN "
							+ "(DATE '2024-01-01', DATE '2024-01-02', DATE '2024-01-03', DATE '2024-01-04')",
					Integer.class))
				.isZero();
			assertThat(warehouse.queryForObject(
					"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME "
							+ "= 'date' AND PARAMETER_VALUE IN ('2099-01-01', '2023-12-31', '2024-01-06')",
					Integer.class))
				.isZero();
		}
	}

	@Test
	void aBackfillStopsAtTheDayWhoseDropIsMissing_sayingHowToResume_andResumingFinishesTheRange() throws Exception {
		// given: a copy of the four days' world, two more days simulated, the drop of the
		// second one held back; the range goes on to a day after it
		try (World world = this.world.copy("etl-backfill")) {
			backfillStopsAndResumes(world);
		}
	}

	private void backfillStopsAndResumes(World world) throws Exception {
		for (String day : List.of("2024-01-05", "2024-01-06")) {
			run(world, 0, "--job=simulate", "date=" + day);
		}
		Path drop = world.directory().resolve("data/drop/inventory");
		Path heldBack = Files.createDirectories(world.directory().resolve("held-back"));
		List<Path> day6 = new ArrayList<>();
		try (Stream<Path> files = Files.list(drop)) {
			files.filter((file) -> file.getFileName().toString().contains("20240106")).forEach(day6::add);
		}
		for (Path file : day6) {
			Files.move(file, heldBack.resolve(file.getFileName()));
		}

		// when: with a dashboard querying what analysts see all along (small chunks, so
		// that a day would be visible in many parts)
		List<List<String>> daySets = new ArrayList<>();
		daySets.add(daySet(world));
		Result stopped;
		Result resumed;
		Set<List<String>> seen;
		try (PublishedTablesWatcher dashboard = PublishedTablesWatcher.start(world)) {
			stopped = run(world, ExitCode.FAILED.code(), "--job=backfill", "from=2024-01-01", "to=2024-01-07",
					"--etl.ingest.drop-wait=2s", "--etl.chunk-size=50");
			daySets.add(daySet(world));
			for (Path file : day6) {
				Files.move(heldBack.resolve(file.getFileName()), file);
			}
			// resumed as the schedule runs it: a catch-up from the day after the last
			// one loaded, up to the last day simulated
			resumed = run(world, 0, "--job=backfill", "--etl.chunk-size=50");
			daySets.add(daySet(world));
			seen = dashboard.seen();
			assertThat(dashboard.answers()).as("answers while the days loaded").isGreaterThan(50);
		}
		// then nothing is left to do
		Result caughtUp = run(world, ExitCode.ALREADY_COMPLETED.code(), "--job=backfill");

		// then: the dashboard saw days 4, 5 and 6 each whole, and nothing in between
		assertThat(daySets).doesNotHaveDuplicates();
		assertThat(seen).containsAll(daySets.subList(0, 2)).isSubsetOf(daySets);
		// and the days done before are skipped, the next one loaded, and the range stops
		// at the missing drop instead of going on to 2024-01-07
		assertThat(stopped.stdout()).contains("dailyCycle of 2024-01-04 had completed before, skipped")
			.contains("dailyCycle of 2024-01-05 completed")
			.contains("product_20240106.csv")
			.contains("Backfill stopped at 2024-01-06")
			.contains("resume with: java -jar etl.jar --job=backfill from=2024-01-06 to=2024-01-07")
			.doesNotContain("dailyCycle of 2024-01-07");
		assertThat(resumed.stdout()).contains("dailyCycle of 2024-01-06 completed")
			.doesNotContain("dailyCycle of 2024-01-05");
		assertThat(caughtUp.stderr()).contains("etl: nothing to do: every day through 2024-01-06 is loaded");
		// day 6's events were in the topics when day 5 was loaded: each day read the
		// events its day published (stamped on it), as nightly runs would have
		Map<String, Long> published = new TreeMap<>();
		for (Entity entity : Entity.values()) {
			if (entity.source() == Source.ECOMMERCE) {
				for (ConsumerRecord<String, String> event : events(world.directory(),
						EcommerceTopics.defaults().of(entity).get(0))) {
					published.merge(Instant.ofEpochMilli(event.timestamp()).atZone(ZoneOffset.UTC).toLocalDate() + " "
							+ event.topic(), 1L, Long::sum);
				}
			}
		}
		try (World.Opened opened = world.open()) {
			Map<String, Long> sliced = new TreeMap<>();
			opened.warehouse()
				.query("SELECT business_date, topic, SUM(end_offset - start_offset) FROM etl_kafka_slice "
						+ "GROUP BY business_date, topic", (rs) -> {
							if (rs.getLong(3) > 0) {
								sliced.put(rs.getDate(1).toLocalDate() + " " + rs.getString(2), rs.getLong(3));
							}
						});
			assertThat(sliced).containsKeys("2024-01-05 ecommerce.order", "2024-01-06 ecommerce.order")
				.isEqualTo(published);
		}
		// a staged file lost after its day completed is staged again by a rerun, which
		// changes nothing in the warehouse
		Map<String, List<String>> loaded = loadedTables(world);
		assertThat(loaded).containsKeys("sales_fact", "store_dim", "raw_instore_store_sales");
		Path lost = world.directory().resolve("staging/2024-01-06/instore/store_sales.parquet");
		assertThat(lost).isRegularFile();
		Files.delete(lost);
		Result rerun = run(world, 0, "--job=dailyCycle", "date=2024-01-06", "rerun=true");
		assertThat(rerun.output()).contains("the in-store files its first run staged are not all there");
		assertThat(lost).isRegularFile();
		assertThat(loadedTables(world)).isEqualTo(loaded);
		try (World.Opened opened = world.open()) {
			assertThat(opened.warehouse()
				.queryForList("SELECT DISTINCT business_date FROM etl_audit ORDER BY 1", java.sql.Date.class)
				.stream()
				.map(String::valueOf))
				.containsExactly("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06");
		}
	}

	@Test
	void aBrokenGuarantee_failsTheAudit_withItsOwnExitCode_namingTheRows() throws Exception {
		// given: a copy of the four days' world in which a product got a second current
		// version on day 4
		try (World tampered = this.world.copy("etl-daily-cycle-tampered")) {
			brokenGuaranteeFailsTheAudit(tampered);
		}
	}

	private void brokenGuaranteeFailsTheAudit(World tampered) throws Exception {
		long productId;
		Map<String, List<String>> published;
		try (World.Opened opened = tampered.open()) {
			JdbcTemplate warehouse = opened.warehouse();
			published = publishedTables(warehouse);
			// a product day 4 did not change, given a second current version in the
			// work table, for dates no sale has: what day 4 writes does not depend on it
			productId = warehouse.queryForObject("SELECT MIN(product_id) FROM product_dim p WHERE NOT EXISTS "
					+ "(SELECT 1 FROM product_dim q WHERE q.product_id = p.product_id AND q.business_date >= "
					+ "DATE '2024-01-04')", Long.class);
			warehouse.update("INSERT INTO etl_work_product_dim (product_id, effective_date, expiration_date, "
					+ "is_current, is_inferred, business_date) VALUES (?, DATE '1950-01-01', DATE '1950-12-31', TRUE, "
					+ "FALSE, DATE '2024-01-04')", productId);
		}

		// when
		Result result = EtlProcess.run(tampered.directory(), tampered.environment(), "--job=dailyCycle",
				"date=2024-01-04", "rerun=true");

		// then
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCode.INVARIANT_BROKEN.code());
		assertThat(result.output())
			.contains("product_dim members without exactly one current version: [" + productId + "]");
		// and the day's run report says so
		WebDriver page = browser().open(tampered.directory().resolve("staging/2024-01-04/report.html"));
		assertThat(page.findElement(By.id("verdict")).getText()).startsWith("Needs attention");
		assertThat(page.findElement(By.cssSelector("#runs + table")).getText()).contains("FAILED")
			.contains("product_dim members without exactly one current version: [" + productId + "]");
		// and status says which day failed and why, for people and for machines
		Result status = EtlProcess.run(tampered.directory(), tampered.environment(), "--job=status");
		Result json = EtlProcess.run(tampered.directory(), tampered.environment(), "--job=status", "json=true");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).containsPattern("(?m)^2024-01-01 +\\d+ COMPLETED ")
			.containsPattern("(?m)^2024-01-04 +\\d+ FAILED +\\d+ .*product_dim members without exactly one "
					+ "current version: \\[" + productId + "\\]")
			.contains("next: nothing; every day through 2024-01-04 is loaded");
		JsonNode days = new ObjectMapper().readTree(json.stdout()).path("days");
		assertThat(days).hasSize(4);
		try (World.Opened opened = tampered.open()) {
			Long loaded = opened.warehouse()
				.queryForObject("SELECT SUM(rows_loaded) FROM etl_audit WHERE business_date = DATE '2024-01-02'",
						Long.class);
			assertThat(days.get(1).path("businessDate").asText()).isEqualTo("2024-01-02");
			assertThat(days.get(1).path("status").asText()).isEqualTo("COMPLETED");
			assertThat(days.get(1).path("rowsLoaded").asLong()).isEqualTo(loaded).isPositive();
			assertThat(days.get(3).path("status").asText()).isEqualTo("FAILED");
			// day 4 as first loaded is what analysts see, not the failed run's work
			assertThat(days.get(3).path("publishedBy").asLong()).isPositive()
				.isLessThan(days.get(3).path("execution").asLong());
			assertThat(days.get(2).path("publishedBy").asLong()).isEqualTo(days.get(2).path("execution").asLong());
			// and the tables analysts query are as they were; the day's work, where the
			// audit read it, can be inspected
			assertThat(publishedTables(opened.warehouse())).isEqualTo(published);
			assertThat(opened.warehouse()
				.queryForObject("SELECT COUNT(*) FROM etl_work_product_dim WHERE product_id = ? AND is_current = TRUE",
						Integer.class, productId))
				.isEqualTo(2);
			// when the cause is removed
			opened.warehouse()
				.update("DELETE FROM etl_work_product_dim WHERE product_id = ? AND effective_date = DATE '1950-01-01'",
						productId);
		}
		// then the rerun publishes the day, which is the day as first published, and
		// pushes its metrics to the collector it was given
		try (OtlpMetricsReceiver collector = OtlpMetricsReceiver.start()) {
			Map<String, String> environment = new HashMap<>(tampered.environment());
			environment.put("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "true");
			environment.put("MANAGEMENT_OTLP_METRICS_EXPORT_URL", collector.url());
			Result rerun = EtlProcess.run(tampered.directory(), environment, "--job=dailyCycle", "date=2024-01-04",
					"rerun=true");
			assertThat(rerun.exitCode()).as(rerun.output()).isZero();
			assertPushedMetrics(tampered, collector);
		}
		try (World.Opened opened = tampered.open()) {
			assertThat(publishedTables(opened.warehouse())).isEqualTo(published);
			assertThat(opened.warehouse()
				.queryForObject("SELECT COUNT(*) FROM etl_publication WHERE business_date = DATE '2024-01-04'",
						Integer.class))
				.isEqualTo(2);
		}
		assertThat(EtlProcess.run(tampered.directory(), tampered.environment(), "--job=status").stdout())
			.containsPattern("(?m)^2024-01-04 +(\\d+) COMPLETED +\\d+ +\\d+ +\\d+ +\\1  ");
	}

	/**
	 * Spring Batch's timers of the run's job and steps, and the day's rows loaded and
	 * rejected per source as its audit counted them, published.
	 */
	private static void assertPushedMetrics(World world, OtlpMetricsReceiver collector) {
		assertThat(collector.names()).contains("spring.batch.job", "spring.batch.step", "etl.rows.loaded",
				"etl.rows.rejected", "etl.day.published");
		try (World.Opened opened = world.open()) {
			Map<String, Long> audited = new TreeMap<>();
			opened.warehouse()
				.query("SELECT source, SUM(rows_loaded) FROM etl_audit WHERE business_date = DATE '2024-01-04' "
						+ "GROUP BY source", (rs) -> {
							audited.put(rs.getString(1), rs.getLong(2));
						});
			Map<String, Long> pushed = new TreeMap<>();
			collector.points("etl.rows.loaded")
				.forEach((point) -> pushed.put(point.attributes().get("source"), (long) point.value()));
			assertThat(pushed).hasSize(3).isEqualTo(audited);
			assertThat(audited.values()).allMatch((rows) -> rows > 0);
		}
		assertThat(collector.points("etl.day.published")).singleElement()
			.satisfies((point) -> assertThat(point.value()).isEqualTo(1.0));
	}

	/** The published dimensions and fact, as {@link WarehouseSnapshot} sees them. */
	private static Map<String, List<String>> publishedTables(JdbcTemplate warehouse) {
		Map<String, List<String>> tables = new TreeMap<>(WarehouseSnapshot.of(warehouse.getDataSource()));
		tables.keySet()
			.removeIf((table) -> !List.of("customer_dim", "product_dim", "store_dim", "sales_fact").contains(table));
		assertThat(tables).hasSize(4);
		return tables;
	}

	private HeadlessChromium browser() throws Exception {
		if (this.chromium == null) {
			this.chromium = HeadlessChromium.start();
		}
		return this.chromium;
	}

	static Result run(World world, int exitCode, String... args) throws Exception {
		Result result = EtlProcess.run(world.directory(), world.environment(), args);
		assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(exitCode);
		return result;
	}

	static Result run(Path world, int exitCode, String... args) throws Exception {
		Result result = EtlProcess.run(world, Map.of(), args);
		assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(exitCode);
		return result;
	}

	/** The staged Parquet files of one day, by their path under the staging root. */
	@Test
	void noPasswordAndNoFullCardNumber_inStagingWarehouseRejectsLogsOrReports() throws Exception {
		// given: the secrets the operational systems hold: the customers' passwords and
		// card numbers in the e-commerce events, the store sales' card numbers in-store
		Set<String> passwords = new HashSet<>();
		Set<String> cards = new HashSet<>();
		Pattern password = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]+)\"");
		Pattern card = Pattern.compile("\"credit_card_number\"\\s*:\\s*\"?([0-9]{12,19})");
		try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(this.workDir.resolve("data/kafka"), 3,
				Duration.ofSeconds(60));
				KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
						new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor("ecommerce.customer")
				.stream()
				.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, String> event : consumer.poll(Duration.ofSeconds(1))) {
					password.matcher(String.valueOf(event.value())).results().forEach((m) -> passwords.add(m.group(1)));
					card.matcher(String.valueOf(event.value())).results().forEach((m) -> cards.add(m.group(1)));
				}
			}
		}
		List<String> outputs = new ArrayList<>();
		try (World.Opened opened = this.world.open()) {
			cards.addAll(opened.instore()
				.queryForList("SELECT cc_number FROM instore.store_sales WHERE cc_number IS NOT NULL", String.class));
			// every row of every table of the warehouse: raw layer, star schema, rejects
			// and
			// their payloads, audit, job repository
			JdbcTemplate warehouse = opened.warehouse();
			for (Map<String, Object> table : warehouse.queryForList("SELECT table_schema, table_name FROM "
					+ "information_schema.tables WHERE " + warehouseSchemas())) {
				String name = table.get("table_schema") + "." + table.get("table_name");
				warehouse.query("SELECT * FROM " + name, (row) -> {
					StringBuilder text = new StringBuilder(name);
					for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
						text.append(" | ").append(row.getString(column));
					}
					outputs.add(text.toString());
				});
			}
		}
		assertThat(passwords).hasSizeGreaterThan(100);
		assertThat(cards).hasSizeGreaterThan(100);
		// the staged rows, manifests and run reports; the logs of every run (not the
		// broker's log segments: they are the e-commerce system's events themselves)
		try (Stream<Path> files = Files.walk(this.workDir)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((file) -> !file.startsWith(this.workDir.resolve("data/kafka")))
				.toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".parquet")) {
					read(file).forEach((record) -> outputs.add(file + " " + record));
				}
				else if (file.startsWith(this.workDir.resolve("staging")) || name.endsWith(".log")) {
					outputs.add(file + " " + Files.readString(file, StandardCharsets.ISO_8859_1));
				}
			}
		}
		this.runs.forEach((run) -> outputs.add(run.output()));

		// then
		Pattern separators = Pattern.compile("[\\s\"',:;{}\\[\\]()=<>|\\\\]+");
		Pattern digits = Pattern.compile("[0-9]{12,19}");
		List<String> leaks = new ArrayList<>();
		for (String output : outputs) {
			for (String token : separators.split(output)) {
				if (passwords.contains(token)) {
					leaks.add("a password in " + output.substring(0, Math.min(200, output.length())));
				}
			}
			digits.matcher(output)
				.results()
				.filter((number) -> cards.contains(number.group()))
				.forEach((number) -> leaks
					.add("a card number in " + output.substring(0, Math.min(200, output.length()))));
		}
		assertThat(outputs).hasSizeGreaterThan(10_000);
		assertThat(leaks).isEmpty();
	}

	private Map<String, byte[]> stagedFiles(String day) throws Exception {
		Map<String, byte[]> files = new TreeMap<>(parquetFiles(this.workDir));
		files.keySet().removeIf((file) -> !file.startsWith(day + "/"));
		return files;
	}

	/** Every staged Parquet file, by its path under the staging root. */
	static Map<String, byte[]> parquetFiles(Path world) throws Exception {
		Map<String, byte[]> files = new TreeMap<>();
		Path root = world.resolve("staging");
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path file : paths.filter((path) -> path.toString().endsWith(".parquet")).toList()) {
				files.put(root.relativize(file).toString(), Files.readAllBytes(file));
			}
		}
		return files;
	}

}
