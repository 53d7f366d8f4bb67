package com.widgetsunlimited.etl.operations.simulator;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import com.widgetsunlimited.etl.env.EtlProperties;
import com.widgetsunlimited.etl.env.KafkaEndpoint;
import com.widgetsunlimited.etl.operations.ecommerce.EcommerceTopics;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.instore.InstoreConfiguration.InstoreDatabase;
import com.widgetsunlimited.etl.operations.inventory.InventoryDrop;

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

	@Bean
	InventoryDrop inventoryDrop(EtlProperties properties) {
		return new InventoryDrop(properties.dropPath().resolve("inventory"));
	}

	@Bean
	EcommerceTopics ecommerceTopics(KafkaEndpoint kafkaEndpoint, EtlProperties properties) {
		return new EcommerceTopics(kafkaEndpoint, properties.kafka().partitions());
	}

	@Bean
	OperationsSimulator operationsSimulator(EtlProperties properties, ResourceLoader resources,
			InventoryDrop inventoryDrop, EcommerceTopics ecommerceTopics, InstoreDatabase instoreDatabase) {
		Scenario scenario = Scenario.load(resources.getResource(properties.simulator().scenario()));
		return new OperationsSimulator(scenario, properties.seed(), defectRates(properties.simulator().defects()),
				inventoryDrop, ecommerceTopics, new JdbcTemplate(instoreDatabase.dataSource()),
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
			@Value("#{jobParameters['date']}") LocalDate date, @Value("#{jobParameters['scale'] ?: 1}") long scale,
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
