package com.widgetsunlimited.etl.source;

import javax.sql.DataSource;

import com.widgetsunlimited.etl.env.EtlProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the three sources are, from the configuration. */
@Configuration(proxyBeanMethods = false)
public class SourceConfiguration {

	@Bean
	InventoryDropFolder inventoryDropFolder(EtlProperties properties) {
		return new InventoryDropFolder(properties.dropPath().resolve("inventory"));
	}

	@Bean
	EcommerceTopics ecommerceTopics(EtlProperties properties) {
		return new EcommerceTopics(properties.kafka().topicPattern(), properties.kafka().topics());
	}

	@Bean
	InstoreDatabase instoreDatabase(@Qualifier("instoreDataSource") DataSource instoreDataSource) {
		return new InstoreDatabase(instoreDataSource);
	}

}
