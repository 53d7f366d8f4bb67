package com.widgetsunlimited.etl.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per entity of a source: each entity is read and staged by a worker step
 * of its own, in parallel here and, with remote partitioning, on other machines.
 */
public class EntityPartitioner implements Partitioner {

	/** The worker's execution context key that names its entity. */
	public static final String ENTITY = "entity";

	private final Source source;

	public EntityPartitioner(Source source) {
		this.source = source;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (Entity entity : Entity.of(this.source)) {
			ExecutionContext context = new ExecutionContext();
			context.putString(ENTITY, entity.id());
			partitions.put(this.source.id() + ":" + entity.id(), context);
		}
		return partitions;
	}

}
