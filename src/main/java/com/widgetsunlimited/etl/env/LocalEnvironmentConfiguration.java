package com.widgetsunlimited.etl.env;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

/**
 * The three systems the pipeline talks to, each either a configured real server or a part
 * of the embedded local environment under {@code etl.data-dir}: PostgreSQL for the
 * warehouse (and the job repository) and the in-store database, Kafka for e-commerce.
 * Nothing embedded starts for a part that is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EtlProperties.class)
public class LocalEnvironmentConfiguration {

	/** Held for the life of the process whenever anything embedded may be used. */
	@Bean(destroyMethod = "close")
	@Lazy
	EnvironmentLock environmentLock(EtlProperties properties) {
		return EnvironmentLock.acquire(properties.dataPath());
	}

	@Bean(destroyMethod = "close")
	@Lazy
	EmbeddedPostgresServer embeddedPostgres(EtlProperties properties, EnvironmentLock lock) {
		return EmbeddedPostgresServer.start(properties.dataPath().resolve("postgres"),
				properties.embedded().postgresStartupWait());
	}

	/**
	 * The warehouse: the star schema, the operational tables and Spring Batch's job
	 * repository.
	 */
	@Bean(destroyMethod = "close")
	@Primary
	// both servers are checked before the warehouse is migrated: a wrong in-store
	// setting is found before anything is written
	@DependsOn("instoreDataSource")
	HikariDataSource warehouseDataSource(EtlProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
		return dataSource("warehouse", properties.warehouse(), embedded);
	}

	/** The in-store system's PostgreSQL database. */
	@Bean(destroyMethod = "close")
	HikariDataSource instoreDataSource(EtlProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
		return dataSource("instore", properties.instore(), embedded);
	}

	@Bean(destroyMethod = "close")
	KafkaEndpoint kafkaEndpoint(EtlProperties properties, ObjectProvider<EnvironmentLock> lock) {
		if (properties.kafka().isConfigured()) {
			return KafkaEndpoint.cluster(properties.kafka().bootstrapServers(), properties.kafka().connectionTimeout());
		}
		return KafkaEndpoint.embedded(() -> {
			lock.getObject();
			return EmbeddedKafkaBroker.start(properties.dataPath().resolve("kafka"), properties.kafka().partitions(),
					properties.embedded().kafkaStartupWait());
		});
	}

	private static HikariDataSource dataSource(String name, EtlProperties.Connection connection,
			ObjectProvider<EmbeddedPostgresServer> embedded) {
		if (connection.isConfigured()) {
			HikariDataSource pool = DataSources.pooled(name, connection.url(), connection.user(),
					connection.password());
			pool.setConnectionTimeout(connection.connectionTimeout().toMillis());
			DataSources.checkLogin(pool, "etl." + name);
			return pool;
		}
		EmbeddedPostgresServer server = embedded.getObject();
		return DataSources.pooled(name, server.jdbcUrl(name), server.user(), "");
	}

}
