package com.widgetsunlimited.etl.transform.scd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.widgetsunlimited.etl.model.ScdType;
import com.widgetsunlimited.etl.warehouse.BulkWrite;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SCD engine: merges a chunk of member states of one business date into their
 * dimension. Per chunk it reads the current versions of the chunk's natural keys in one
 * query, decides each member in memory ({@link ScdDecision}), and writes with one batch
 * of inserts and one set-based write per kind of update ({@link BulkWrite}). Several
 * states of one key in a chunk collapse to the last. Idempotent: a state the dimension
 * already holds changes nothing, so a restarted chunk or a rerun day leaves the table as
 * it was.
 */
public class ScdWriter implements ItemWriter<Member> {

	private final DimensionTable table;

	private final Dimension dimension;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	private final BiFunction<Member, Version, Member> refine;

	/** A version closed: it expires the day before its successor takes effect. */
	private final BulkWrite close;

	/** A version's attributes overwritten (type 1, or an inferred member completed). */
	private final BulkWrite overwrite;

	/** The type-1-all-versions attributes of every version of a member corrected. */
	private final BulkWrite correction;

	/**
	 * @param refine completes a member's state from its current version (or
	 * {@code null}), for attributes that depend on history (a deactivation date)
	 */
	public ScdWriter(DimensionTable table, LocalDate businessDate, Long jobExecutionId,
			BiFunction<Member, Version, Member> refine) {
		this.table = table;
		this.dimension = table.dimension();
		this.businessDate = businessDate;
		this.jobExecutionId = jobExecutionId;
		this.refine = refine;
		String key = this.dimension.surrogateKey();
		this.close = table.update("close", key, List.of("expiration_date", "business_date", "job_execution_id"),
				"is_current = FALSE");
		List<String> overwritten = new ArrayList<>(columns(this.dimension.attributes()));
		overwritten.add("completed_date");
		overwritten.addAll(List.of("business_date", "job_execution_id"));
		this.overwrite = table.update("overwrite", key, overwritten, "is_inferred = FALSE");
		List<Attribute> allVersions = this.dimension.attributes(ScdType.TYPE_1_ALL_VERSIONS);
		this.correction = allVersions.isEmpty() ? null
				: table.update("correction", this.dimension.naturalKey(), columns(allVersions), "");
	}

	public ScdWriter(DimensionTable table, LocalDate businessDate, Long jobExecutionId) {
		this(table, businessDate, jobExecutionId, (member, current) -> member);
	}

	@Override
	public void write(Chunk<? extends Member> chunk) {
		Map<Long, Member> members = new LinkedHashMap<>();
		chunk.forEach((member) -> members.put(member.naturalKey(), member));
		Map<Long, Version> current = this.table.current(members.keySet());
		List<MapSqlParameterSource> inserts = new ArrayList<>();
		List<MapSqlParameterSource> closes = new ArrayList<>();
		List<MapSqlParameterSource> overwrites = new ArrayList<>();
		List<MapSqlParameterSource> corrections = new ArrayList<>();
		List<Attribute> allVersions = this.dimension.attributes(ScdType.TYPE_1_ALL_VERSIONS);
		for (Member incoming : members.values()) {
			Version version = current.get(incoming.naturalKey());
			Member member = this.refine.apply(incoming, version);
			ScdDecision decision = ScdDecision.decide(this.dimension, member.values(), version, this.businessDate);
			switch (decision) {
				case NONE -> {
				}
				case FIRST_VERSION -> inserts.add(newVersion(member, member.firstEffectiveDate(this.businessDate)));
				case NEW_VERSION -> {
					closes.add(new MapSqlParameterSource(this.dimension.surrogateKey(), version.key())
						.addValue("expiration_date", this.businessDate.minusDays(1))
						.addValue("business_date", this.businessDate)
						.addValue("job_execution_id", this.jobExecutionId));
					inserts.add(newVersion(member, this.businessDate));
				}
				case COMPLETE_INFERRED, OVERWRITE_VERSION, OVERWRITE_TYPE_1 -> overwrites.add(this.table
					.row(member.naturalKey(), version.effectiveDate(), version.expirationDate(), true, false,
							member.values(), this.businessDate, this.jobExecutionId)
					.addValue(this.dimension.surrogateKey(), version.key())
					.addValue("completed_date",
							(decision == ScdDecision.COMPLETE_INFERRED) ? this.businessDate : version.completedDate()));
			}
			if (version != null && !allVersions.isEmpty() && decision != ScdDecision.NONE
					&& !Dimension.sameValues(allVersions, member.values(), version.values())) {
				MapSqlParameterSource corrected = new MapSqlParameterSource(this.dimension.naturalKey(),
						member.naturalKey());
				allVersions.forEach(
						(attribute) -> corrected.addValue(attribute.column(), member.values().get(attribute.column())));
				corrections.add(corrected);
			}
		}
		write(this.close, closes);
		this.table.insert(inserts);
		write(this.overwrite, overwrites);
		write(this.correction, corrections);
	}

	private MapSqlParameterSource newVersion(Member member, LocalDate effective) {
		return this.table.row(member.naturalKey(), effective, Dimension.END_OF_TIME, true, false, member.values(),
				this.businessDate, this.jobExecutionId);
	}

	private static void write(BulkWrite update, List<MapSqlParameterSource> rows) {
		if (!rows.isEmpty()) {
			update.write(rows.toArray(MapSqlParameterSource[]::new));
		}
	}

	private static List<String> columns(List<Attribute> attributes) {
		return attributes.stream().map(Attribute::column).toList();
	}

}
