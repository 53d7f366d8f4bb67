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
import com.widgetsunlimited.etl.warehouse.BulkWrite;
import com.widgetsunlimited.etl.warehouse.RawTable;
import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.warehouse.RejectWriter;
import com.widgetsunlimited.etl.warehouse.WarehouseConfiguration.WarehouseDatabase;
import com.widgetsunlimited.etl.warehouse.Publication;

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

	/**
	 * The table the steps write: {@code sales_fact}'s work table ({@link Publication}).
	 */
	static final String TABLE = Publication.work("sales_fact");

	static final List<String> COLUMNS = List.of("source_system", "source_line_id", "date_key", "customer_key",
			"product_key", "store_key", "channel", "order_id", "transaction_type", "quantity", "unit_price",
			"total_price", "is_cancelled", "is_deleted", "business_date", "job_execution_id");

	private final NamedParameterJdbcTemplate jdbc;

	private final BulkWrite upsert;

	private final DimensionTable customers;

	private final DimensionTable products;

	private final DimensionTable stores;

	private final RejectWriter rejects;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	public SalesFactWriter(WarehouseDatabase warehouse, DimensionTable customers, DimensionTable products,
			DimensionTable stores, LocalDate businessDate, Long jobExecutionId) {
		this.jdbc = new NamedParameterJdbcTemplate(warehouse.dataSource());
		this.upsert = BulkWrite.upsert(warehouse, TABLE, COLUMNS, upsert(warehouse));
		this.customers = customers;
		this.products = products;
		this.stores = stores;
		this.rejects = new RejectWriter(warehouse, jobExecutionId);
		this.businessDate = businessDate;
		this.jobExecutionId = jobExecutionId;
	}

	/**
	 * The upsert of a fact row: a line written again with the same values leaves its row
	 * (and the day and job that last changed it) as it is.
	 */
	static String upsert(WarehouseDatabase warehouse) {
		return warehouse.dialect()
			.upsertIfChanged(TABLE, List.of("source_system", "source_line_id"), COLUMNS,
					List.of("business_date", "job_execution_id"));
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
		List<Resolved> resolved = resolve(lines);
		Map<Long, List<Version>> customerVersions = missing(this.customers, resolved, Resolved::customerId,
				Resolved::customerKey);
		Map<Long, List<Version>> productVersions = missing(this.products, resolved, (line) -> line.line().productId(),
				Resolved::productKey);
		Map<Long, List<Version>> storeVersions = missing(this.stores, resolved, Resolved::storeId, Resolved::storeKey);
		Extensions customerExtensions = new Extensions(customerVersions);
		Extensions productExtensions = new Extensions(productVersions);
		Extensions storeExtensions = new Extensions(storeVersions);
		List<Object[]> rows = new ArrayList<>(resolved.size());
		for (Resolved resolvedLine : resolved) {
			SaleLine line = resolvedLine.line();
			LocalDate saleDate = resolvedLine.saleDate();
			boolean web = SaleLine.ECOMMERCE.equals(line.sourceSystem());
			int sign = line.isReturn() ? -1 : 1;
			// in the order of COLUMNS
			rows.add(new Object[] { line.sourceSystem(), line.lineId(), DateDimRow.dateKey(saleDate),
					customerExtensions.key(resolvedLine.customerKey(), resolvedLine.customerId(), saleDate),
					productExtensions.key(resolvedLine.productKey(), line.productId(), saleDate),
					storeExtensions.key(resolvedLine.storeKey(), resolvedLine.storeId(), saleDate),
					web ? "ONLINE" : "STORE", line.orderId(), line.transactionType(), sign * Math.abs(line.quantity()),
					line.unitPrice(), line.isReturn() ? line.totalPrice().abs().negate() : line.totalPrice(),
					line.cancelled(), line.deleted(), this.businessDate, this.jobExecutionId });
		}
		this.customers.extendFirstVersions(customerExtensions.earliest, this.businessDate, this.jobExecutionId);
		this.products.extendFirstVersions(productExtensions.earliest, this.businessDate, this.jobExecutionId);
		this.stores.extendFirstVersions(storeExtensions.earliest, this.businessDate, this.jobExecutionId);
		this.upsert.write(rows);
	}

	/**
	 * The keys of one dimension's versions for the lines the reader found none for, and
	 * the first versions that begin after a sale they describe: those are extended back
	 * to the earliest such sale ({@link DimensionTable#extendFirstVersions}).
	 */
	private static final class Extensions {

		private final Map<Long, List<Version>> versions;

		private final Map<Long, LocalDate> earliest = new HashMap<>();

		Extensions(Map<Long, List<Version>> versions) {
			this.versions = versions;
		}

		long key(Long found, long member, LocalDate saleDate) {
			if (found != null) {
				return found;
			}
			List<Version> memberVersions = this.versions.get(member);
			Version first = memberVersions.get(0);
			if (saleDate.isBefore(first.effectiveDate())) {
				this.earliest.merge(first.key(), saleDate, (a, b) -> a.isBefore(b) ? a : b);
				return first.key();
			}
			return DimensionTable.keyOn(memberVersions, saleDate);
		}

	}

	/**
	 * A line with the members it names and the versions its query found: {@code null}
	 * keys are looked up by {@link #missing}.
	 */
	private record Resolved(SaleLine line, LocalDate saleDate, long customerId, Long customerKey, long storeId,
			Long storeKey, Long productKey) {

	}

	/**
	 * The customer, product and store of each line, with the keys the reader found. The
	 * customer of a store sale is decided by {@link #loyalCustomer}; where the reader
	 * could not (a loyalty number it matched differently, a customer with no version
	 * covering the sale date) from that customer's versions, read here.
	 */
	private List<Resolved> resolve(List<SaleLine> lines) {
		Set<String> unmatched = new HashSet<>();
		for (SaleLine line : lines) {
			if (line.loyaltyNumber() != null && !line.loyaltyNumber().equals(line.known().matchedLoyaltyNumber())) {
				unmatched.add(line.loyaltyNumber());
			}
		}
		Map<String, Long> loyalByNumber = loyalCustomers(unmatched);
		Set<Long> toCheck = new HashSet<>();
		for (SaleLine line : lines) {
			Long loyal = loyal(line, loyalByNumber);
			if (loyal != null && !coveredByQuery(line)) {
				toCheck.add(loyal);
			}
		}
		Map<Long, List<Version>> checked = this.customers.versions(toCheck);
		List<Resolved> resolved = new ArrayList<>(lines.size());
		for (SaleLine line : lines) {
			LocalDate saleDate = LocalDate.ofInstant(line.soldAt(), ZoneOffset.UTC);
			SaleLine.KnownKeys known = line.known();
			if (SaleLine.ECOMMERCE.equals(line.sourceSystem())) {
				resolved.add(new Resolved(line, saleDate, line.customerId(), known.customerKey(),
						StoreDimension.ONLINE_STORE_ID, known.storeKey(), known.productKey()));
				continue;
			}
			Long loyal = loyal(line, loyalByNumber);
			long customerId;
			Long customerKey;
			if (loyal != null && !coveredByQuery(line)) {
				customerId = loyalCustomer(loyal, checked.get(loyal).get(0), saleDate, this.businessDate);
				customerKey = null;
			}
			else if (loyal != null && knownWhenLoaded(known.loyalCompletedDate(), this.businessDate)) {
				// a version covers the sale date, so the first one began by then
				customerId = loyal;
				customerKey = known.customerKey();
			}
			else {
				customerId = CustomerDimension.UNKNOWN_CUSTOMER_ID;
				customerKey = null;
			}
			if (customerId == CustomerDimension.UNKNOWN_CUSTOMER_ID) {
				customerKey = known.unknownCustomerKey();
			}
			resolved.add(new Resolved(line, saleDate, customerId, customerKey, line.storeId(), known.storeKey(),
					known.productKey()));
		}
		return resolved;
	}

	/**
	 * Whether the reader's query matched the store sale's loyalty number and found the
	 * version of its customer covering the sale date.
	 */
	private static boolean coveredByQuery(SaleLine line) {
		return line.loyaltyNumber() != null && line.loyaltyNumber().equals(line.known().matchedLoyaltyNumber())
				&& line.known().customerKey() != null;
	}

	/** The customer a store sale's loyalty number names, if any. */
	private static Long loyal(SaleLine line, Map<String, Long> loyalByNumber) {
		if (line.loyaltyNumber() == null) {
			return null;
		}
		return line.loyaltyNumber().equals(line.known().matchedLoyaltyNumber()) ? line.known().loyalCustomerId()
				: loyalByNumber.get(line.loyaltyNumber());
	}

	/**
	 * The versions of every member the lines name whose key the reader did not find,
	 * after inferring those the dimension does not have yet.
	 */
	private Map<Long, List<Version>> missing(DimensionTable table, List<Resolved> lines,
			java.util.function.ToLongFunction<Resolved> member, java.util.function.Function<Resolved, Long> key) {
		Set<Long> ids = new HashSet<>();
		for (Resolved line : lines) {
			if (key.apply(line) == null) {
				ids.add(member.applyAsLong(line));
			}
		}
		return ids.isEmpty() ? Map.of() : table.versionsInferringMissing(ids, this.businessDate, this.jobExecutionId);
	}

	/**
	 * The customer a store sale's loyalty number names, if the dimension described that
	 * customer on the sale's date ({@code first} is its first version) and knew its
	 * attributes on the sale's business date (an inferred member completed later did not
	 * carry the loyalty number yet); the unknown customer otherwise. (A web line names
	 * its customer by key and gets an inferred member instead; a loyalty number alone
	 * cannot make one.) The answer depends only on stored versions, so a rerun of the day
	 * gives the same.
	 */
	private static long loyalCustomer(long customerId, Version first, LocalDate saleDate, LocalDate businessDate) {
		boolean describedOnSaleDate = !first.effectiveDate().isAfter(saleDate);
		return (describedOnSaleDate && knownWhenLoaded(first.completedDate(), businessDate)) ? customerId
				: CustomerDimension.UNKNOWN_CUSTOMER_ID;
	}

	private static boolean knownWhenLoaded(LocalDate completedDate, LocalDate businessDate) {
		return completedDate == null || !completedDate.isAfter(businessDate);
	}

	/**
	 * The current customer holding each of {@code numbers}, where one does: the lowest id
	 * if several do, as the reader's query decides.
	 */
	private Map<String, Long> loyalCustomers(Set<String> numbers) {
		Map<String, Long> customers = new HashMap<>();
		if (!numbers.isEmpty()) {
			this.jdbc.query(
					"SELECT loyalty_number, customer_id FROM " + Publication.work("customer_dim")
							+ " WHERE is_current = TRUE " + "AND loyalty_number IN (:numbers)",
					new MapSqlParameterSource("numbers", numbers),
					(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> customers
						.merge(rs.getString("loyalty_number"), rs.getLong("customer_id"), Math::min));
		}
		return customers;
	}

}
