package com.widgetsunlimited.etl.transform.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.staging.StagingLocation;
import com.widgetsunlimited.etl.transform.audit.DayAudit.StagedInRawLayer;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link DayAudit} of a {@code dailyCycle}'s date in two steps:
 * {@code auditRawLayerStep} looks every staged row up in the raw layer while the star
 * schema is loaded (it needs only the raw layer), and keeps its counts in the job's
 * execution context, where a restarted job finds them; {@code auditDayStep}, the last
 * step, audits the rest with them.
 */
@Configuration(proxyBeanMethods = false)
public class AuditStepConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditStepConfiguration.class);

	private static final String STAGED = "audit.staged.";

	private static final String LOADED = "audit.loaded.";

	private static final String EXAMPLES = "audit.examples.";

	@Bean
	Step auditRawLayerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			WarehouseDatabase warehouse, EtlProperties properties) {
		DayAudit audit = new DayAudit(warehouse, new StagingLocation(properties.stagingUri()));
		List<String> keys = new ArrayList<>();
		for (Entity entity : Entity.values()) {
			keys.addAll(List.of(STAGED + entity.id(), LOADED + entity.id(), EXAMPLES + entity.id()));
		}
		ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
		promotion.setKeys(keys.toArray(String[]::new));
		return new StepBuilder("auditRawLayerStep", jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
			audit.stagedInRawLayer(date).forEach((entity, counts) -> {
				context.putLong(STAGED + entity.id(), counts.staged());
				context.putLong(LOADED + entity.id(), counts.loaded());
				context.putString(EXAMPLES + entity.id(), counts.examples());
				contribution.incrementReadCount();
			});
			return RepeatStatus.FINISHED;
		}, transactionManager).listener(promotion).build();
	}

	@Bean
	Step auditDayStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			WarehouseDatabase warehouse, EtlProperties properties) {
		DayAudit audit = new DayAudit(warehouse, new StagingLocation(properties.stagingUri()));
		return new StepBuilder("auditDayStep", jobRepository).tasklet((contribution, chunk) -> {
			LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
			ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
			Map<Entity, StagedInRawLayer> staged = new EnumMap<>(Entity.class);
			for (Entity entity : Entity.values()) {
				if (job.containsKey(STAGED + entity.id())) {
					staged.put(entity, new StagedInRawLayer(job.getLong(STAGED + entity.id()),
							job.getLong(LOADED + entity.id()), job.getString(EXAMPLES + entity.id())));
				}
			}
			if (staged.size() < Entity.values().length) {
				// Spring Batch records auditRawLayerStep COMPLETED before its listener
				// promotes the counts, and the job's context is saved after that: a
				// process that died in between left a completed step and no counts,
				// which are counted again here
				log.info("The counts of auditRawLayerStep were not recorded (a run stopped after it); counting again");
				audit.stagedInRawLayer(date).forEach(staged::putIfAbsent);
			}
			contribution.incrementWriteCount(
					audit.audit(date, chunk.getStepContext().getStepExecution().getJobExecutionId(), staged));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
