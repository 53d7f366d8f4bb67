package com.widgetsunlimited.etl.transform.publish;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import com.widgetsunlimited.etl.warehouse.Publication;
import com.widgetsunlimited.etl.warehouse.TableStatistics;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The last step of a {@code dailyCycle}, reached only when the day's audit passed:
 * {@code publishDayStep} publishes the day ({@link Publication}) in the step's one
 * transaction, which also records the step's progress, so a day is published once
 * whatever stops the process. Before the job writes anything, the day is refused when the
 * work tables hold another date's unpublished work, which publishing this day would
 * publish with it. The planner's statistics of the published tables are refreshed after
 * the publication, for analysts' queries.
 */
@Configuration(proxyBeanMethods = false)
public class PublishStepConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PublishStepConfiguration.class);

	@Bean
	Publication publication(WarehouseDatabase warehouse) {
		return new Publication(warehouse);
	}

	@Bean
	Step publishDayStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Publication publication, WarehouseDatabase warehouse) {
		return new StepBuilder("publishDayStep", jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			Map<String, Long> rows = publication.publish(date,
					chunk.getStepContext().getStepExecution().getJobExecutionId());
			rows.values().forEach(contribution::incrementWriteCount);
			log.info("Published {}: rows copied from the work tables {}", date, rows);
			return RepeatStatus.FINISHED;
		}, transactionManager)
			.listener(TableStatistics.of(warehouse,
					Publication.TABLES.stream().map(Publication.Published::table).toArray(String[]::new)))
			.build();
	}

	/**
	 * Fails a {@code dailyCycle} before its first step when another date's unpublished
	 * work is in the work tables (the launcher refuses such a day up front; this catches
	 * the days a backfill or the demo launches).
	 */
	@Bean
	JobExecutionListener unpublishedWorkGuard(Publication publication) {
		return new JobExecutionListener() {
			@Override
			public void beforeJob(JobExecution jobExecution) {
				LocalDate date = jobExecution.getJobParameters().getLocalDate("date");
				Optional<String> refusal = publication.otherDatesWork(date);
				if (refusal.isPresent()) {
					throw new IllegalStateException(refusal.get());
				}
			}
		};
	}

}
