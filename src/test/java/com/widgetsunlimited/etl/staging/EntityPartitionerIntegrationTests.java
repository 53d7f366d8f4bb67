package com.widgetsunlimited.etl.staging;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition recorded but never started, because the process died while its manager step
 * split (the crash sweep found it: halted at the end of the e-commerce ingestion while
 * the in-store ingestion split beside it), gets its entity back on restart, in the job
 * repository of a real database.
 */
class EntityPartitionerIntegrationTests {

	@Test
	void aPartitionRecordedWithoutItsContext_whenTheProcessDied_getsItsEntityBackOnRestart() throws Exception {
		try (TestDatabase database = TestDatabases.postgresServer()) {
			new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"))
				.execute(database.dataSource());
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(database.dataSource());
			factory.setTransactionManager(new DataSourceTransactionManager(database.dataSource()));
			factory.afterPropertiesSet();
			JobRepository repository = factory.getObject();
			JobParameters parameters = new JobParametersBuilder().addLocalDate("date", LocalDate.of(2024, 3, 2))
				.toJobParameters();
			JobInstance instance = repository.createJobInstance("dailyCycle", parameters);
			EntityPartitioner partitioner = new EntityPartitioner(Entity.of(Source.INSTORE));

			// the first run: the manager split, one partition recorded, its context not
			// yet, when the process died; the next run marks what it left failed
			JobExecution first = repository.createJobExecution(instance, parameters, new ExecutionContext());
			StepExecution manager = repository.createStepExecution("ingestInstoreStep", first);
			StepExecution recorded = repository.createStepExecution("worker:instore:store_location", first);
			for (StepExecution step : new StepExecution[] { manager, recorded }) {
				step.setStatus(BatchStatus.FAILED);
				step.setEndTime(LocalDateTime.now());
				repository.update(step);
			}
			first.setStatus(BatchStatus.FAILED);
			first.setEndTime(LocalDateTime.now());
			repository.update(first);

			// the restart splits again
			JobExecution second = repository.createJobExecution(instance, parameters, new ExecutionContext());
			Set<StepExecution> partitions = partitioner.splitter(repository, "worker")
				.split(repository.createStepExecution("ingestInstoreStep", second), 4);

			assertThat(partitions).hasSize(Entity.of(Source.INSTORE).size());
			for (StepExecution partition : partitions) {
				String entity = partition.getStepName().substring("worker:instore:".length());
				assertThat(partition.getExecutionContext().getString(EntityPartitioner.ENTITY, null))
					.as(partition.getStepName())
					.isEqualTo(entity);
				assertThat(repository.getStepExecution(partition.getId())
					.getExecutionContext()
					.getString(EntityPartitioner.ENTITY, null)).as("stored for %s", partition.getStepName())
					.isEqualTo(entity);
			}
		}
	}

}
