package com.widgetsunlimited.etl.staging;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.TaskExecutor;

import com.widgetsunlimited.etl.model.Entity;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per entity: each entity's staged file is written, or read, by a worker
 * step of its own, in parallel here and, with remote partitioning, on other machines.
 * Partitions are named {@code <source>:<entity>}, and listed the largest first: with
 * fewer threads than partitions, the {@link #handler} starts them in that order, so that
 * the longest does not start last and run alone while the others' threads stand idle.
 */
public class EntityPartitioner implements Partitioner {

	/** The worker's execution context key that names its entity. */
	public static final String ENTITY = "entity";

	/** The worker's execution context key that tells its place in the start order. */
	public static final String RANK = "rank";

	/**
	 * The entities by the rows a day of a retailer usually changes, most first: sales
	 * lines, then stock movements, orders, customers and their addresses, then the
	 * catalogue and the stores.
	 */
	private static final List<Entity> LARGEST_FIRST = List.of(Entity.ORDER_LINE_ITEM, Entity.STORE_SALES,
			Entity.INVENTORY, Entity.ORDER, Entity.CUSTOMER, Entity.CUSTOMER_ADDRESS, Entity.PRODUCT, Entity.SUPPLIER,
			Entity.STORE, Entity.STORE_LOCATION);

	private final List<Entity> entities;

	public EntityPartitioner(List<Entity> entities) {
		this.entities = entities.stream().sorted(Comparator.comparingInt(EntityPartitioner::rank)).toList();
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (Entity entity : this.entities) {
			ExecutionContext context = new ExecutionContext();
			context.putString(ENTITY, entity.id());
			context.putInt(RANK, rank(entity));
			partitions.put(entity.source().id() + ":" + entity.id(), context);
		}
		return partitions;
	}

	/**
	 * Spring Batch's splitter of a manager step over these partitions, which also gives a
	 * partition that was recorded but never started its entity back. The splitter records
	 * each partition's step, then its context, one after the other: a process that dies
	 * between the two (a crash while the manager step splits) leaves a partition whose
	 * restart copies an empty context, and whose worker then cannot tell its entity, on
	 * every run after. Its context is the partitioner's again, kept what it held.
	 */
	public StepExecutionSplitter splitter(JobRepository jobRepository, String workerName) {
		SimpleStepExecutionSplitter splitter = new SimpleStepExecutionSplitter(jobRepository, workerName, this);
		return new StepExecutionSplitter() {
			@Override
			public String getStepName() {
				return splitter.getStepName();
			}

			@Override
			public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
				Set<StepExecution> partitions = splitter.split(manager, gridSize);
				Map<String, ExecutionContext> contexts = partition(gridSize);
				for (StepExecution partition : partitions) {
					ExecutionContext context = partition.getExecutionContext();
					// Spring Batch names a partition's step <worker>:<partition>
					ExecutionContext own = contexts.get(partition.getStepName().substring(workerName.length() + 1));
					if (own != null && !context.containsKey(ENTITY)) {
						own.entrySet().forEach((entry) -> context.put(entry.getKey(), entry.getValue()));
						jobRepository.updateExecutionContext(partition);
					}
				}
				return partitions;
			}
		};
	}

	/**
	 * Runs {@code worker} once per partition on {@code executor}, starting the partitions
	 * in the order of their {@link #RANK} (Spring Batch's own handler starts them in no
	 * particular order).
	 */
	public static TaskExecutorPartitionHandler handler(Step worker, TaskExecutor executor, int gridSize) {
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler() {
			@Override
			protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions)
					throws Exception {
				Set<StepExecution> ordered = new java.util.LinkedHashSet<>();
				partitions.stream()
					.sorted(Comparator
						.comparingInt((StepExecution partition) -> partition.getExecutionContext()
							.getInt(RANK, Integer.MAX_VALUE))
						.thenComparing(StepExecution::getStepName))
					.forEach(ordered::add);
				return super.doHandle(manager, ordered);
			}
		};
		handler.setStep(worker);
		handler.setTaskExecutor(executor);
		handler.setGridSize(gridSize);
		return handler;
	}

	private static int rank(Entity entity) {
		int rank = LARGEST_FIRST.indexOf(entity);
		return (rank < 0) ? LARGEST_FIRST.size() : rank;
	}

}
