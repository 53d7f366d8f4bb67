package com.widgetsunlimited.etl.job;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.JobContract.ParameterType;
import com.widgetsunlimited.etl.report.DayStatus;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code status}: per business day, its last {@code dailyCycle}'s outcome, steps, rows
 * loaded and rejected, and the days the schedule's catch-up loads next; {@code json=true}
 * for machines. Reads only.
 */
@Configuration(proxyBeanMethods = false)
public class StatusJobConfiguration {

	static final JobContract STATUS = JobContract
		.of("status",
				"Per business day, the last dailyCycle's outcome, steps, rows loaded and rejected; and what loads next",
				Parameter.optional("json", ParameterType.BOOLEAN, false, false, "true: the same as JSON, for machines"))
		.summarizing();

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	@Bean
	Job status(JobRepository jobRepository, PlatformTransactionManager transactionManager, WarehouseDatabase warehouse,
			BusinessDays businessDays) {
		PrintStream out = System.out;
		return new JobBuilder(STATUS.name(), jobRepository).validator(STATUS)
			.start(new StepBuilder("printStatusStep", jobRepository).tasklet((contribution, chunk) -> {
				List<DayStatus> days = DayStatus.read(warehouse);
				Optional<LocalDate> from = businessDays.catchUpFrom();
				LocalDate to = businessDays.catchUpTo();
				// booleans travel as text in job parameters
				boolean json = "true".equals(String.valueOf(chunk.getStepContext().getJobParameters().get("json")));
				out.print(json ? json(days, from, to) : text(days, from, to));
				return RepeatStatus.FINISHED;
			}, transactionManager).build())
			.build();
	}

	static String text(List<DayStatus> days, Optional<LocalDate> from, LocalDate to) {
		StringBuilder text = new StringBuilder(
				String.format("%-12s %9s %-10s %5s %12s %9s %9s  %-19s  %s%n", "business day", "execution", "status",
						"steps", "rows loaded", "rejected", "published", "ended", "failure"));
		for (DayStatus day : days) {
			text.append(String.format("%-12s %9d %-10s %5d %12d %9d %9s  %-19s  %s%n", day.date(), day.execution(),
					day.status(), day.steps(), day.rowsLoaded(), day.rowsRejected(),
					(day.publishedBy() != null) ? day.publishedBy() : "no",
					(day.ended() != null) ? day.ended().withNano(0).toString().replace('T', ' ') : "running",
					day.failure()));
		}
		text.append(next(from, to)).append(System.lineSeparator());
		return text.toString();
	}

	private static String next(Optional<LocalDate> from, LocalDate to) {
		if (from.isEmpty()) {
			return "next: no day loaded yet; the first is loaded with --job=dailyCycle date=... or --job=backfill "
					+ "from=...";
		}
		if (from.get().isAfter(to)) {
			return "next: nothing; every day through " + to + " is loaded";
		}
		return "next: " + from.get() + " to " + to + " (--job=backfill, as the schedule runs it)";
	}

	static String json(List<DayStatus> days, Optional<LocalDate> from, LocalDate to) throws Exception {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("days", days.stream().map(DayStatus::toMap).toList());
		Map<String, Object> next = new LinkedHashMap<>();
		boolean pending = from.isPresent() && !from.get().isAfter(to);
		next.put("from", pending ? from.get().toString() : null);
		next.put("to", pending ? to.toString() : null);
		status.put("next", next);
		return JSON.writeValueAsString(status) + System.lineSeparator();
	}

}
