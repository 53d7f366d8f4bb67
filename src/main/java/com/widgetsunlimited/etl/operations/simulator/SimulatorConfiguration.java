package com.widgetsunlimited.etl.operations.simulator;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceConnector;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.instore.InstoreSchema;
import com.widgetsunlimited.etl.operations.inventory.InventoryDrop;
import com.widgetsunlimited.etl.source.EcommerceTopics;
import com.widgetsunlimited.etl.source.InstoreDatabase;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The three operational systems and the simulator that drives them. */
@Configuration(proxyBeanMethods = false)
public class SimulatorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

	@Bean
	InventoryDrop inventoryDrop(InventoryDropFolder inventoryDropFolder) {
		return new InventoryDrop(inventoryDropFolder);
	}

	@Bean
	EcommerceConnector ecommerceConnector(KafkaEndpoint kafkaEndpoint, EtlProperties properties,
			EcommerceTopics ecommerceTopics) {
		return new EcommerceConnector(kafkaEndpoint, properties.kafka().partitions(), ecommerceTopics);
	}

	/**
	 * The simulator, its in-store tables brought up to date with the schema it writes
	 * ({@link InstoreSchema}).
	 */
	@Bean
	OperationsSimulator operationsSimulator(EtlProperties properties, ResourceLoader resources,
			InventoryDrop inventoryDrop, EcommerceConnector ecommerceConnector, InstoreDatabase instoreDatabase) {
		var migrated = InstoreSchema.migrate(instoreDatabase.dataSource());
		if (migrated.migrationsExecuted > 0) {
			log.info("In-store database migrated to schema version {}", migrated.targetSchemaVersion);
		}
		Scenario scenario = Scenario.load(resources.getResource(properties.simulator().scenario()));
		return new OperationsSimulator(scenario, properties.seed(), defectRates(properties.simulator().defects()),
				inventoryDrop, ecommerceConnector, new JdbcTemplate(instoreDatabase.dataSource()),
				new TransactionTemplate(new DataSourceTransactionManager(instoreDatabase.dataSource())));
	}

	/** The configured rates by kind; an unknown kind name is a configuration error. */
	static Map<DefectKind, Double> defectRates(Map<String, Double> configured) {
		Map<DefectKind, Double> rates = new EnumMap<>(DefectKind.class);
		configured.forEach((name, rate) -> {
			DefectKind kind = null;
			for (DefectKind candidate : DefectKind.values()) {
				if (candidate.key().equals(name)) {
					kind = candidate;
				}
			}
			if (kind == null) {
				throw new IllegalArgumentException("etl.simulator.defects." + name + ": no such defect kind");
			}
			if (rate < 0 || rate > 1) {
				throw new IllegalArgumentException("etl.simulator.defects." + name + " must be within 0..1");
			}
			rates.put(kind, rate);
		});
		return rates;
	}

	@Bean
	@StepScope
	Tasklet simulateDayTasklet(OperationsSimulator operationsSimulator,
			@Value("#{jobParameters['date']}") LocalDate date, @Value("#{jobParameters['scale']}") long scale,
			@Value("#{jobParameters['reset'] ?: 'false'}") String reset) {
		return (contribution, chunkContext) -> {
			SimulationReport report = operationsSimulator.simulate(date, scale, Boolean.parseBoolean(reset));
			contribution.incrementWriteCount(report.changes().size());
			var context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
			context.putInt("dayNumber", report.dayNumber());
			context.putLong("defects", report.defects().size());
			return RepeatStatus.FINISHED;
		};
	}

	@Bean
	Step simulateDayStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet simulateDayTasklet) {
		return new StepBuilder("simulateDayStep", jobRepository).tasklet(simulateDayTasklet, transactionManager)
			.build();
	}

}
