package com.widgetsunlimited.etl.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.widgetsunlimited.etl.report.RunReport.StepRow;
import com.widgetsunlimited.etl.staging.StagingLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link RunReport} as one self-contained HTML file (styles inline, charts as
 * inline SVG, no script and no fetch: it reads the same offline, mailed or archived) and
 * writes it through the staging root's file system, complete or not at all.
 */
public class RunReportWriter {

	private static final List<String> ACTIVITY = List.of("versions opened", "versions closed", "inferred members");

	private final TemplateEngine templates = new TemplateEngine();

	private final StagingLocation staging;

	public RunReportWriter(StagingLocation staging) {
		this.staging = staging;
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(RunReportWriter.class.getClassLoader());
		resolver.setPrefix("report/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.templates.setTemplateResolver(resolver);
	}

	/** Writes {@code report} to {@code target}, replacing an older report there. */
	public void write(RunReport report, Path target) throws IOException {
		Context context = new Context(Locale.ROOT);
		context.setVariable("report", report);
		context.setVariable("charts", charts(report));
		try (FileSystem fs = this.staging.fileSystem()) {
			StagingLocation.writeComplete(fs, target, (out) -> {
				Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
				this.templates.process("run-report", context, writer);
				writer.flush();
			});
		}
	}

	static List<BarChart> charts(RunReport report) {
		List<String> channels = report.sales().stream().map(RunReport.SalesRow::channel).distinct().sorted().toList();
		BarChart sales = BarChart.of("Sales loaded per business day and channel", channels, report.sales(),
				(row) -> row.date().toString(), RunReport.SalesRow::channel, RunReport.SalesRow::sales,
				RunReportWriter::money);
		BarChart steps = BarChart.of("Seconds per step, all runs", List.of("seconds"),
				report.steps().stream().filter((step) -> !step.partition()).toList(), StepRow::name,
				(step) -> "seconds", (step) -> BigDecimal.valueOf(step.seconds()), RunReportWriter::seconds);
		BarChart rejects = BarChart.of("Rejected rows per source and entity", List.of("rejected"), report.rejects(),
				(group) -> group.source() + " / " + group.entity(), (group) -> "rejected",
				(group) -> BigDecimal.valueOf(group.count()), RunReportWriter::count);
		record Activity(String dimension, String kind, long count) {
		}
		List<Activity> activity = report.dimensions()
			.stream()
			.flatMap((row) -> Stream.of(new Activity(row.dimension(), ACTIVITY.get(0), row.opened()),
					new Activity(row.dimension(), ACTIVITY.get(1), row.closed()),
					new Activity(row.dimension(), ACTIVITY.get(2), row.inferred())))
			.toList();
		BarChart dimensions = BarChart.of("Dimension activity (SCD type 2)", ACTIVITY, activity,
				(item) -> item.dimension() + "_dim", Activity::kind, (item) -> BigDecimal.valueOf(item.count()),
				RunReportWriter::count);
		return List.of(sales, steps, rejects, dimensions).stream().filter((chart) -> !chart.isEmpty()).toList();
	}

	/** Money with two decimals and grouping: {@code 12,345.60}. */
	public static String money(BigDecimal amount) {
		return (amount == null) ? "" : format("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_UP));
	}

	private static String count(BigDecimal value) {
		return format("#,##0").format(value);
	}

	private static String seconds(BigDecimal value) {
		return format("#,##0.0").format(value) + " s";
	}

	private static DecimalFormat format(String pattern) {
		return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
	}

}
