package com.widgetsunlimited.etl.source;

import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.env.InvalidSettingException;
import com.widgetsunlimited.etl.model.Entity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcommerceTopicsTests {

	@Test
	void byDefault_oneTopicPerEntity_namedEcommerceDotEntity() {
		EcommerceTopics topics = EcommerceTopics.defaults();

		assertThat(topics.of(Entity.ORDER_LINE_ITEM)).containsExactly("ecommerce.order_line_item");
		assertThat(topics.all()).containsExactly("ecommerce.customer", "ecommerce.customer_address", "ecommerce.order",
				"ecommerce.order_line_item");
	}

	@Test
	void aDebeziumConnectorsNames_byPattern_andAnEntityFedByTwoDatabases() {
		EcommerceTopics topics = new EcommerceTopics("shop.public.{entity}",
				Map.of("customer", List.of("shop.public.customer", "shop2.public.customer")));

		assertThat(topics.of(Entity.ORDER)).containsExactly("shop.public.order");
		assertThat(topics.of(Entity.CUSTOMER)).containsExactly("shop.public.customer", "shop2.public.customer");
		assertThat(topics.all()).hasSize(5);
	}

	@Test
	void mistakes_areRefusedNamingTheSetting() {
		assertThatThrownBy(() -> new EcommerceTopics("ecommerce.{entity}", Map.of("custmer", List.of("x"))))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessage("etl.kafka.topics.custmer=x: no such e-commerce entity (customer, customer_address, order, "
					+ "order_line_item)");
		assertThatThrownBy(() -> new EcommerceTopics("shop.public.orders", Map.of()))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessage("etl.kafka.topic-pattern=shop.public.orders: must contain {entity}, or every entity would "
					+ "read the same topic");
		assertThatThrownBy(() -> new EcommerceTopics("ecommerce.{entity}", Map.of("customer", List.of())))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith("etl.kafka.topics.customer=: an entity needs at least one topic");
		assertThatThrownBy(
				() -> new EcommerceTopics("ecommerce.{entity}", Map.of("customer", List.of("ecommerce.order"))))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("the topic already feeds");
	}

}
