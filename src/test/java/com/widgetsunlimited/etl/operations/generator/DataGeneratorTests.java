package com.widgetsunlimited.etl.operations.generator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.operations.generator.Change.Operation;
import org.junit.jupiter.api.Test;

import static com.widgetsunlimited.etl.model.Entity.CUSTOMER;
import static com.widgetsunlimited.etl.model.Entity.CUSTOMER_ADDRESS;
import static com.widgetsunlimited.etl.model.Entity.ORDER;
import static com.widgetsunlimited.etl.model.Entity.ORDER_LINE_ITEM;
import static com.widgetsunlimited.etl.model.Entity.PRODUCT;
import static com.widgetsunlimited.etl.model.Entity.SUPPLIER;
import static com.widgetsunlimited.etl.operations.generator.GenerationRequest.deletes;
import static com.widgetsunlimited.etl.operations.generator.GenerationRequest.inserts;
import static com.widgetsunlimited.etl.operations.generator.GenerationRequest.perParent;
import static com.widgetsunlimited.etl.operations.generator.GenerationRequest.updates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's behaviour, as the original system's tests pinned it. */
class DataGeneratorTests {

	private final GeneratorState state = new GeneratorState();

	private final DataGenerator generator = new DataGenerator(this.state, new Random(7), Defects.none(new Random(8)));

	@Test
	void tenInserts_giveTenRows() {
		List<Change> changes = this.generator.generate(inserts(CUSTOMER, 10));

		assertThat(changes).hasSize(10).allMatch((change) -> change.operation() == Operation.INSERT);
		assertThat(this.state.size(CUSTOMER)).isEqualTo(10);
	}

	@Test
	void fiveUpdatesOfTenRows_leaveTenRowsWithFiveChanged() {
		// given
		this.generator.generate(inserts(CUSTOMER, 10));
		Map<Long, Row> before = Map.copyOf(this.state.rows(CUSTOMER));

		// when
		List<Change> changes = this.generator.generate(updates(CUSTOMER, 5));

		// then
		assertThat(this.state.size(CUSTOMER)).isEqualTo(10);
		long changed = this.state.rows(CUSTOMER)
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().equals(before.get(entry.getKey())))
			.count();
		assertThat(changed).isEqualTo(5);
		assertThat(changes).hasSize(5).allSatisfy((change) -> {
			assertThat(change.operation()).isEqualTo(Operation.UPDATE);
			assertThat(change.after().get("inserted_at")).isEqualTo(change.before().get("inserted_at"));
			assertThat(change.after().get("user_id")).isEqualTo(change.before().get("user_id"));
		});
	}

	@Test
	void fifteenInsertsPlusFiveUpdatesOnTenRows_giveTwentyFive() {
		this.generator.generate(inserts(CUSTOMER, 10));

		List<Change> changes = this.generator.generate(new GenerationRequest(CUSTOMER, 15, 5, 0, 0));

		assertThat(this.state.size(CUSTOMER)).isEqualTo(25);
		assertThat(changes.stream().collect(Collectors.groupingBy(Change::operation, Collectors.counting())))
			.containsEntry(Operation.INSERT, 15L)
			.containsEntry(Operation.UPDATE, 5L);
	}

	@Test
	void childrenPerParent_areCreatedForTheParentsOfTheLatestBatch() {
		// given / when: 10 parents with 3 children each
		this.generator.generate(inserts(CUSTOMER, 10));
		this.generator.generate(perParent(CUSTOMER_ADDRESS, 3));

		// then
		assertThat(this.state.size(CUSTOMER_ADDRESS)).isEqualTo(30);
		assertThat(childrenPerParent()).hasSize(10).allSatisfy((parent, count) -> assertThat(count).isEqualTo(3));

		// when: a later batch of 20 parents with 5 each
		List<Long> secondBatch = keys(this.generator.generate(inserts(CUSTOMER, 20)));
		this.generator.generate(perParent(CUSTOMER_ADDRESS, 5));

		// then
		assertThat(this.state.size(CUSTOMER_ADDRESS)).isEqualTo(130);
		Map<Long, Long> counts = childrenPerParent();
		assertThat(counts).hasSize(30);
		counts.forEach((parent, count) -> assertThat(count).isEqualTo(secondBatch.contains(parent) ? 5 : 3));
	}

	@Test
	void childrenOfAnEntityWithoutParent_isAnErrorThatWritesNothing() {
		this.generator.generate(inserts(CUSTOMER, 10));
		long nextKey = this.state.peekNextKey(CUSTOMER);

		assertThatThrownBy(() -> this.generator.generate(perParent(CUSTOMER, 2)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("customer has no parent entity");
		assertThat(this.state.size(CUSTOMER)).isEqualTo(10);
		assertThat(this.state.peekNextKey(CUSTOMER)).isEqualTo(nextKey);
	}

	@Test
	void moreUpdatesThanRows_isAnErrorThatWritesNothing() {
		this.generator.generate(inserts(CUSTOMER, 3));
		Map<Long, Row> before = Map.copyOf(this.state.rows(CUSTOMER));

		assertThatThrownBy(() -> this.generator.generate(updates(CUSTOMER, 4)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.state.rows(CUSTOMER)).isEqualTo(before);
	}

	@Test
	void defaultsApply() {
		this.generator.generate(inserts(SUPPLIER, 2));
		this.generator.generate(inserts(PRODUCT, 5));
		this.generator.generate(inserts(CUSTOMER, 5));
		this.generator.generate(perParent(CUSTOMER_ADDRESS, 1));
		this.generator.generate(inserts(ORDER, 5));

		assertThat(this.state.rows(CUSTOMER).values()).allMatch((row) -> row.bool("is_active"));
		assertThat(this.state.rows(PRODUCT).values())
			.allMatch((row) -> !row.bool("discontinued") && !row.bool("no_longer_offered"));
		assertThat(this.state.rows(ORDER).values()).allMatch((row) -> !row.bool("cancelled"));
	}

	@Test
	void lineItems_takeProductAndPriceFromOneProductRow() {
		// given
		this.generator.generate(inserts(SUPPLIER, 5));
		this.generator.generate(inserts(PRODUCT, 50));
		this.generator.generate(inserts(CUSTOMER, 10));
		this.generator.generate(perParent(CUSTOMER_ADDRESS, 2));
		this.generator.generate(inserts(ORDER, 20));

		// when
		List<Change> lines = this.generator.generate(perParent(ORDER_LINE_ITEM, 5));

		// then
		assertThat(lines).hasSize(100).allSatisfy((change) -> {
			Row line = change.after();
			Row product = this.state.row(PRODUCT, line.longValue("product_id"));
			assertThat(line.decimal("unit_price")).isEqualTo(product.decimal("list_price"));
			assertThat(line.decimal("total_price")).isEqualByComparingTo(
					line.decimal("unit_price").multiply(BigDecimal.valueOf(line.integer("quantity"))));
		});
		assertThat(this.state.rows(ORDER).values()).allSatisfy((order) -> {
			Row address = this.state.row(CUSTOMER_ADDRESS, order.longValue("shipping_address_id"));
			assertThat(address.longValue("customer_id")).isEqualTo(order.longValue("customer_id"));
		});
	}

	@Test
	void billingComesFirst_thenShipping() {
		this.generator.generate(inserts(CUSTOMER, 4));
		this.generator.generate(perParent(CUSTOMER_ADDRESS, 2));

		for (long customer : this.state.rows(CUSTOMER).keySet()) {
			assertThat(this.state.children(CUSTOMER_ADDRESS, customer)).extracting((row) -> row.string("address_type"))
				.containsExactly("B", "S");
		}
	}

	@Test
	void closingAnAccount_deletesTheCustomerAndItsAddresses() {
		this.generator.generate(inserts(CUSTOMER, 5));
		this.generator.generate(perParent(CUSTOMER_ADDRESS, 2));

		List<Change> changes = this.generator.generate(deletes(CUSTOMER, 1));

		assertThat(changes).hasSize(3).allMatch((change) -> change.operation() == Operation.DELETE);
		assertThat(this.state.size(CUSTOMER)).isEqualTo(4);
		assertThat(this.state.size(CUSTOMER_ADDRESS)).isEqualTo(8);
	}

	@Test
	void productsAreNotDeleted_theyAreDiscontinued() {
		this.generator.generate(inserts(PRODUCT, 5));

		assertThatThrownBy(() -> this.generator.generate(deletes(PRODUCT, 1)))
			.hasMessageContaining("not deleted by the business");
	}

	@Test
	void valuesAreRealistic() {
		Row customer = this.generator.generate(inserts(CUSTOMER, 1)).get(0).after();

		assertThat(customer.string("name")).matches("\\S+ \\S.*");
		assertThat(customer.string("email")).matches("[a-z.]+\\d+@[a-z0-9.-]+\\.[a-z]+");
		assertThat(customer.string("credit_card_number")).matches("\\d{13,19}");
		assertThat(customer.string("referral_type")).isIn("OA", "AM", "");
	}

	private Map<Long, Long> childrenPerParent() {
		return this.state.rows(CUSTOMER_ADDRESS)
			.values()
			.stream()
			.collect(Collectors.groupingBy((row) -> row.longValue("customer_id"), Collectors.counting()));
	}

	private static List<Long> keys(List<Change> changes) {
		return changes.stream().map(Change::key).toList();
	}

}
