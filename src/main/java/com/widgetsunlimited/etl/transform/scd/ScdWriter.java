package com.widgetsunlimited.etl.transform.scd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import com.widgetsunlimited.etl.model.ScdType;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SCD engine: merges a chunk of member states of one business date into their
 * dimension. Per chunk it reads the current versions of the chunk's natural keys in one
 * query, decides each member in memory ({@link ScdDecision}), and writes with one batch
 * per kind of statement. Several states of one key in a chunk collapse to the last.
 * Idempotent: a state the dimension already holds changes nothing, so a restarted chunk
 * or a rerun day leaves the table as it was.
 */
public class ScdWriter implements ItemWriter<Member> {

	private final DimensionTable table;

	private final Dimension dimension;

	private final LocalDate businessDate;

	private final Long jobExecutionId;

	private final BiFunction<Member, Version, Member> refine;

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
				case FIRST_VERSION -> inserts.add(newVersion(member, this.businessDate));
				case NEW_VERSION -> {
					closes.add(new MapSqlParameterSource("key", version.key())
						.addValue("expiration_date", this.businessDate.minusDays(1))
						.addValue("business_date", this.businessDate)
						.addValue("job_execution_id", this.jobExecutionId));
					inserts.add(newVersion(member, this.businessDate));
				}
				case COMPLETE_INFERRED, OVERWRITE_VERSION, OVERWRITE_TYPE_1 -> overwrites.add(this.table
					.row(member.naturalKey(), version.effectiveDate(), version.expirationDate(), true, false,
							member.values(), this.businessDate, this.jobExecutionId)
					.addValue("key", version.key())
					.addValue("completed_date",
							(decision == ScdDecision.COMPLETE_INFERRED) ? this.businessDate : version.completedDate()));
			}
			if (version != null && !allVersions.isEmpty() && decision != ScdDecision.NONE
					&& !Dimension.hash(allVersions, member.values())
						.equals(Dimension.hash(allVersions, version.values()))) {
				MapSqlParameterSource correction = new MapSqlParameterSource("natural_key", member.naturalKey());
				allVersions.forEach((attribute) -> correction.addValue(attribute.column(),
						member.values().get(attribute.column())));
				corrections.add(correction);
			}
		}
		this.table.update(closeSql(), closes);
		this.table.insert(inserts);
		this.table.update(overwriteSql(), overwrites);
		this.table.update(correctionSql(allVersions), corrections);
	}

	private MapSqlParameterSource newVersion(Member member, LocalDate effective) {
		return this.table.row(member.naturalKey(), effective, Dimension.END_OF_TIME, true, false, member.values(),
				this.businessDate, this.jobExecutionId);
	}

	private String closeSql() {
		return "UPDATE " + this.dimension.table() + " SET expiration_date = :expiration_date, is_current = FALSE, "
				+ "business_date = :business_date, job_execution_id = :job_execution_id WHERE "
				+ this.dimension.surrogateKey() + " = :key";
	}

	private String overwriteSql() {
		String assignments = this.dimension.attributes()
			.stream()
			.map((attribute) -> attribute.column() + " = :" + attribute.column())
			.collect(Collectors.joining(", "));
		return "UPDATE " + this.dimension.table() + " SET " + assignments
				+ ", is_inferred = FALSE, completed_date = :completed_date, "
				+ "business_date = :business_date, job_execution_id = :job_execution_id WHERE "
				+ this.dimension.surrogateKey() + " = :key";
	}

	private String correctionSql(List<Attribute> attributes) {
		if (attributes.isEmpty()) {
			return null;
		}
		return "UPDATE " + this.dimension.table() + " SET "
				+ attributes.stream()
					.map((attribute) -> attribute.column() + " = :" + attribute.column())
					.collect(Collectors.joining(", "))
				+ " WHERE " + this.dimension.naturalKey() + " = :natural_key";
	}

}
