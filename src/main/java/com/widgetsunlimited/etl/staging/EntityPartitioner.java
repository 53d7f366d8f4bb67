package com.widgetsunlimited.etl.staging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.model.Entity;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per entity: each entity's staged file is written, or read, by a worker
 * step of its own, in parallel here and, with remote partitioning, on other machines.
 * Partitions are named {@code <source>:<entity>}.
 */
public class EntityPartitioner implements Partitioner {

	/** The worker's execution context key that names its entity. */
	public static final String ENTITY = "entity";

	private final List<Entity> entities;

	public EntityPartitioner(List<Entity> entities) {
		this.entities = List.copyOf(entities);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (Entity entity : this.entities) {
			ExecutionContext context = new ExecutionContext();
			context.putString(ENTITY, entity.id());
			partitions.put(entity.source().id() + ":" + entity.id(), context);
		}
		return partitions;
	}

}
