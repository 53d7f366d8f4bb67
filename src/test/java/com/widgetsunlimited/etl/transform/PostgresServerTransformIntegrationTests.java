package com.widgetsunlimited.etl.transform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.widgetsunlimited.etl.model.Entity;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTransformIntegrationTests extends AbstractTransformIntegrationTests {

	@Override
	protected TestDatabase openDatabase() {
		return TestDatabases.postgresServer();
	}

	@Test
	void setBasedFacts_areTheRowsTheChunkedWriterMakes_andOnlyLinesTheQueryCannotResolveArePending() throws Exception {
		// given: the day's facts as the chunked writer alone makes them
		this.setBasedFacts = false;
		stageADayOfEveryKindOfLine();
		runDay(DAY_1);
		List<Map<String, Object>> chunked = factsByMember();
		List<Map<String, Object>> chunkedRejects = rejects();
		emptyWarehouse();

		// when: the same day merged set-based first
		stageADayOfEveryKindOfLine();
		runDay(DAY_1);

		// then: the same rows, rejects and inferred members; the writer got only the
		// unannounced product and customer, the orphan and the loosely written loyalty
		// numbers
		assertThat(chunked).hasSize(10);
		assertThat(factsByMember()).isEqualTo(chunked);
		assertThat(rejects()).isEqualTo(chunkedRejects).hasSize(1);
		assertThat(this.saleLinesRead).containsExactly("ecommerce:2", "ecommerce:3", "ecommerce:5", "instore:4",
				"instore:5", "instore:6");
		// and once the readers have read the last of them, no line is pending any more
		assertThat(this.jdbc.queryForList("SELECT line_id FROM etl_sales_line_pending", Long.class)).isEmpty();
	}

	/**
	 * Web lines and store sales of every kind the fact steps tell apart, on
	 * {@code DAY_1}.
	 */
	private void stageADayOfEveryKindOfLine() {
		stage(Entity.PRODUCT, "r", at(DAY_1, "06:00:00"));
		stage(Entity.STORE, "c", at(DAY_1, "06:00:00"));
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "loyalty_number", "WU123");
		stage(Entity.CUSTOMER, "c", at(DAY_1, "06:00:00"), "customer_id", 2L, "loyalty_number", "WU200");
		stage(Entity.ORDER, "c", at(DAY_1, "09:00:00"), "execution_time", at(DAY_1, "09:00:00"));
		stage(Entity.ORDER, "c", at(DAY_1, "23:30:00"), "order_id", 2L, "customer_id", 9L, "execution_time",
				at(DAY_1, "23:30:00"), "cancelled", true);
		// resolved; an unannounced product; an orphan; a negative quantity; an
		// unannounced customer's order
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "09:00:00"));
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "09:00:00"), "order_line_item_id", 2L, "product_id", 77L);
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "09:00:00"), "order_line_item_id", 3L, "order_id", 404L);
		stage(Entity.ORDER_LINE_ITEM, "c", at(DAY_1, "09:00:00"), "order_line_item_id", 4L, "quantity", -3);
		stage(Entity.ORDER_LINE_ITEM, "d", at(DAY_1, "23:30:00"), "order_line_item_id", 5L, "order_id", 2L);
		// a loyal sale; an anonymous return; a number nobody holds; a number between
		// tabs; an unannounced product; a number after a space
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "loyalty_number", "WU123");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 2L, "transaction_type", "RETURN",
				"quantity", 2, "total_price", new BigDecimal("19.98"));
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 3L, "loyalty_number", "WU999");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 4L, "loyalty_number", "\tWU200\t");
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 5L, "product_id", 78L);
		stage(Entity.STORE_SALES, "c", at(DAY_1, "11:00:00"), "store_sales_id", 6L, "loyalty_number", " WU123");
	}

	/**
	 * Every fact row with its members named by id and version instead of by surrogate key
	 * (keys differ between two loads into an emptied warehouse).
	 */
	private List<Map<String, Object>> factsByMember() {
		return this.jdbc.queryForList("""
				SELECT f.source_system, f.source_line_id, f.date_key, c.customer_id, c.effective_date AS customer_since,
				       c.is_inferred AS customer_inferred, p.product_id, p.effective_date AS product_since,
				       p.is_inferred AS product_inferred, s.store_id, f.channel, f.order_id, f.transaction_type,
				       f.quantity, f.unit_price, f.total_price, f.is_cancelled, f.is_deleted, f.business_date
				FROM etl_work_sales_fact f
				JOIN etl_work_customer_dim c ON c.customer_key = f.customer_key
				JOIN etl_work_product_dim p ON p.product_key = f.product_key
				JOIN etl_work_store_dim s ON s.store_key = f.store_key
				ORDER BY f.source_system, f.source_line_id""");
	}

	private List<Map<String, Object>> rejects() {
		return this.jdbc.queryForList("SELECT source, entity, origin, reason FROM etl_reject ORDER BY origin");
	}

	@Test
	void warehouseSessions_planWithTheRandomPageCostOfSsdOrCachedData_andCompileNoQuery() {
		// the server's default is 4
		assertThat(this.jdbc.queryForObject("SHOW random_page_cost", String.class)).isEqualTo("1.1");
		// the server's default is on
		assertThat(this.jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
	}

}
