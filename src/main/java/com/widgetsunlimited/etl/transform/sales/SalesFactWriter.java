package com.widgetsunlimited.etl.transform.sales;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.transform.customer.CustomerDimension;
import com.widgetsunlimited.etl.transform.date.DateDimRow;
import com.widgetsunlimited.etl.transform.scd.DimensionTable;
import com.widgetsunlimited.etl.transform.scd.Version;
import com.widgetsunlimited.etl.transform.store.StoreDimension;
import com.widgetsunlimited.etl.warehouse.BulkUpsert;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.warehouse.RejectWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Upserts a chunk of sale lines into {@code sales_fact}, one row per
 * {@code (source_system, source_line_id)}: dimension keys are those of the versions that
 * described the customer, product and store on the sale's date; a product, customer or
 * store the dimensions do not know yet becomes an inferred member; a store sale whose
 * loyalty number names a customer the dimension described on the sale's date gets that
 * customer, any other the "unknown customer"; a return is stored with negative quantity
 * and total. A web line whose order the raw layer does not have (its order was rejected)
 * goes to {@code etl_reject} instead. Idempotent: written again, a line replaces its own
 * row.
 */
public class SalesFactWriter implements ItemWriter<SaleLine> {

	static final List<String> COLUMNS = List.of("source_system", "source_line_id", "date_key", "customer_key",
			"product_key", "store_key", "channel", "order_id", "transaction_type", "quantity", "unit_price",
			"total_price", "is_cancelled", "is_deleted", "business_date", "job_execution_id");

	private final NamedParameterJdbcTemplate jdbc;

	private final BulkUpsert upsert;

	private final DimensionTable customers;

	private final DimensionTable products;

	private final DimensionTable stores;

	private final RejectWriter rejects;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	public SalesFactWriter(WarehouseDatabase warehouse, DimensionTable customers, DimensionTable products,
			DimensionTable stores, LocalDate businessDate, Long jobExecutionId) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse.dataSource());
		this.upsert = new BulkUpsert(warehouse, "sales_fact", COLUMNS,
				warehouse.dialect()
					.upsertIfChanged("sales_fact", List.of("source_system", "source_line_id"), COLUMNS,
							List.of("business_date", "job_execution_id")));
		this.customers = customers;
		this.products = products;
		this.stores = stores;
		this.rejects = new RejectWriter(warehouse, jobExecutionId);
		this.businessDate = businessDate;
		this.jobExecutionId = jobExecutionId;
	}

	@Override
	public void write(Chunk<? extends SaleLine> chunk) {
		List<SaleLine> lines = new ArrayList<>();
		List<Reject> orphans = new ArrayList<>();
		for (SaleLine line : chunk) {
			if (line.orderKnown()) {
				lines.add(line);
			}
			else {
				// the row of the raw layer that could not become a fact; where it was
				// read is in
				// the payload
				orphans.add(new Reject(this.businessDate, Source.ECOMMERCE, Entity.ORDER_LINE_ITEM,
						new RawTable(Entity.ORDER_LINE_ITEM).name() + ":" + line.lineId(),
						"order_id " + line.orderId() + " names no order the e-commerce feed delivered "
								+ "(rejected or not yet arrived)",
						"order_line_item_id=" + line.lineId() + ", order_id=" + line.orderId() + ", read at "
								+ line.origin()));
			}
		}
		this.rejects.write(new Chunk<>(orphans));
		if (lines.isEmpty()) {
			return;
		}
		Map<String, Long> loyalCustomers = loyalCustomers(lines);
		Set<Long> customerIds = new HashSet<>(loyalCustomers.values());
		customerIds.add(CustomerDimension.UNKNOWN_CUSTOMER_ID);
		Set<Long> productIds = new HashSet<>();
		Set<Long> storeIds = new HashSet<>(Set.of(StoreDimension.ONLINE_STORE_ID));
		for (SaleLine line : lines) {
			productIds.add(line.productId());
			if (line.customerId() != null) {
				customerIds.add(line.customerId());
			}
			if (line.storeId() != null) {
				storeIds.add(line.storeId());
			}
		}
		Map<Long, List<Version>> customerVersions = this.customers.versionsInferringMissing(customerIds,
				this.businessDate, this.jobExecutionId);
		Map<Long, List<Version>> productVersions = this.products.versionsInferringMissing(productIds, this.businessDate,
				this.jobExecutionId);
		Map<Long, List<Version>> storeVersions = this.stores.versionsInferringMissing(storeIds, this.businessDate,
				this.jobExecutionId);
		MapSqlParameterSource[] rows = new MapSqlParameterSource[lines.size()];
		for (int i = 0; i < rows.length; i++) {
			SaleLine line = lines.get(i);
			LocalDate saleDate = LocalDate.ofInstant(line.soldAt(), ZoneOffset.UTC);
			boolean web = SaleLine.ECOMMERCE.equals(line.sourceSystem());
			long customerId = web ? line.customerId() : loyalCustomer(loyalCustomers.get(line.loyaltyNumber()),
					customerVersions, saleDate, this.businessDate);
			long storeId = web ? StoreDimension.ONLINE_STORE_ID : line.storeId();
			int sign = line.isReturn() ? -1 : 1;
			rows[i] = new MapSqlParameterSource().addValue("source_system", line.sourceSystem())
				.addValue("source_line_id", line.lineId())
				.addValue("date_key", DateDimRow.dateKey(saleDate))
				.addValue("customer_key", DimensionTable.keyOn(customerVersions.get(customerId), saleDate))
				.addValue("product_key", DimensionTable.keyOn(productVersions.get(line.productId()), saleDate))
				.addValue("store_key", DimensionTable.keyOn(storeVersions.get(storeId), saleDate))
				.addValue("channel", web ? "ONLINE" : "STORE")
				.addValue("order_id", line.orderId())
				.addValue("transaction_type", line.transactionType())
				.addValue("quantity", sign * Math.abs(line.quantity()))
				.addValue("unit_price", line.unitPrice())
				.addValue("total_price", line.isReturn() ? line.totalPrice().abs().negate() : line.totalPrice())
				.addValue("is_cancelled", line.cancelled())
				.addValue("is_deleted", line.deleted())
				.addValue("business_date", this.businessDate)
				.addValue("job_execution_id", this.jobExecutionId);
		}
		this.upsert.write(rows);
	}

	/**
	 * The customer a store sale's loyalty number names, if the dimension described that
	 * customer on the sale's date and knew its attributes on the sale's business date (an
	 * inferred member completed later did not carry the loyalty number yet); the unknown
	 * customer otherwise. (A web line names its customer by key and gets an inferred
	 * member instead; a loyalty number alone cannot make one.) The answer depends only on
	 * stored versions, so a rerun of the day gives the same.
	 */
	private static long loyalCustomer(Long customerId, Map<Long, List<Version>> versions, LocalDate saleDate,
			LocalDate businessDate) {
		if (customerId == null) {
			return CustomerDimension.UNKNOWN_CUSTOMER_ID;
		}
		Version first = versions.get(customerId).get(0);
		boolean describedOnSaleDate = !first.effectiveDate().isAfter(saleDate);
		boolean knownWhenLoaded = first.completedDate() == null || !first.completedDate().isAfter(businessDate);
		return (describedOnSaleDate && knownWhenLoaded) ? customerId : CustomerDimension.UNKNOWN_CUSTOMER_ID;
	}

	/**
	 * The customer each loyalty number of the chunk's store sales names, where one does.
	 */
	private Map<String, Long> loyalCustomers(List<SaleLine> lines) {
		Set<String> numbers = new HashSet<>();
		lines.stream().map(SaleLine::loyaltyNumber).filter((number) -> number != null).forEach(numbers::add);
		Map<String, Long> customers = new HashMap<>();
		if (!numbers.isEmpty()) {
			this.jdbc.query(
					"SELECT loyalty_number, customer_id FROM customer_dim WHERE is_current = TRUE "
							+ "AND loyalty_number IN (:numbers)",
					new MapSqlParameterSource("numbers", numbers),
					(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> customers
						.put(rs.getString("loyalty_number"), rs.getLong("customer_id")));
		}
		return customers;
	}

}
