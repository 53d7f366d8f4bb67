package com.widgetsunlimited.etl.ingest.jdbc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.ingest.BusinessDay;
import com.widgetsunlimited.etl.ingest.IngestedItemWriter;
import com.widgetsunlimited.etl.ingest.IngestSteps;
import com.widgetsunlimited.etl.ingest.RejectCeiling;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.instore.InstoreConfiguration.InstoreDatabase;
import com.widgetsunlimited.etl.operations.instore.InstoreTables;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ingestInstoreStep}: stages the in-store rows whose {@code updated_at} falls in
 * the business day, one partition per table, read in key order through a cursor with a
 * fetch size (never a whole table in memory), checked, and written in chunks to staging
 * and {@code etl_reject}.
 */
@Configuration(proxyBeanMethods = false)
public class InstoreIngestConfiguration {

	@Bean
	@StepScope
	JdbcCursorItemReader<Row> instoreRowReader(InstoreDatabase instore,
			@Value("#{stepExecutionContext['entity']}") String entityId,
			@Value("#{jobParameters['date']}") LocalDate date) {
		Entity entity = Entity.byId(entityId);
		BusinessDay day = new BusinessDay(date);
		return new JdbcCursorItemReaderBuilder<Row>().name("instoreRowReader." + entity.id())
			.dataSource(instore.dataSource())
			.sql("SELECT " + String.join(", ", entity.columnNames()) + " FROM " + InstoreTables.table(entity)
					+ " WHERE " + Entity.UPDATED_AT + " >= ? AND " + Entity.UPDATED_AT + " < ? ORDER BY "
					+ entity.keyColumn())
			.queryArguments(LocalDateTime.ofInstant(day.start(), ZoneOffset.UTC),
					LocalDateTime.ofInstant(day.end(), ZoneOffset.UTC))
			.fetchSize(1000)
			.rowMapper(new InstoreRowMapper(entity))
			.build();
	}

	@Bean
	@StepScope
	InstoreRowValidator instoreRowValidator(InstoreDatabase instore,
			@Value("#{jobParameters['date']}") LocalDate date) {
		Set<Long> stores = new HashSet<>(new JdbcTemplate(instore.dataSource())
			.queryForList("SELECT store_id FROM " + InstoreTables.table(Entity.STORE), Long.class));
		return new InstoreRowValidator(date, stores);
	}

	@Bean
	Step ingestInstoreEntityStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EtlProperties properties, JdbcCursorItemReader<Row> instoreRowReader,
			InstoreRowValidator instoreRowValidator, IngestedItemWriter ingestedWriter,
			ParquetStagingWriter stagingWriter, RejectCeiling rejectCeiling) {
		return IngestSteps.worker("ingestInstoreEntityStep", jobRepository, transactionManager, properties,
				instoreRowReader, instoreRowValidator, ingestedWriter, stagingWriter, rejectCeiling);
	}

	@Bean
	Step ingestInstoreStep(JobRepository jobRepository, EtlProperties properties, Step ingestInstoreEntityStep) {
		return IngestSteps.manager("ingestInstoreStep", jobRepository, properties, Source.INSTORE,
				ingestInstoreEntityStep);
	}

}
