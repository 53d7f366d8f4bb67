package com.widgetsunlimited.etl.transform.audit;

import java.time.LocalDate;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code auditDayStep}: the last step of {@code dailyCycle}, the {@link DayAudit} of its
 * date.
 */
@Configuration(proxyBeanMethods = false)
public class AuditStepConfiguration {

	@Bean
	Step auditDayStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			WarehouseDatabase warehouse, EtlProperties properties) {
		DayAudit audit = new DayAudit(warehouse, new StagingLocation(properties.stagingUri()));
		return new StepBuilder("auditDayStep", jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			contribution
				.incrementWriteCount(audit.audit(date, chunk.getStepContext().getStepExecution().getJobExecutionId()));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
