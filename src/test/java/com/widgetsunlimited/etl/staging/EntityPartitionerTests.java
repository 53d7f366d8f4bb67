package com.widgetsunlimited.etl.staging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class EntityPartitionerTests {

	@Test
	void partitions_listTheSalesLinesFirst_andTheMasterDataLast() {
		Map<String, ExecutionContext> partitions = new EntityPartitioner(List.of(Entity.values())).partition(10);

		assertThat(partitions.keySet()).startsWith("ecommerce:order_line_item", "instore:store_sales",
				"inventory:inventory", "ecommerce:order", "ecommerce:customer");
		assertThat(partitions).hasSize(Entity.values().length);
		assertThat(partitions.values().stream().map((context) -> context.getInt(EntityPartitioner.RANK))).isSorted()
			.doesNotHaveDuplicates();
	}

	@Test
	void handler_startsThePartitionsInTheirRankOrder_whateverOrderTheSplitterGivesThem() throws Exception {
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "dailyCycle"), new JobParameters());
		// Spring Batch's splitter answers a hash set, in no particular order: here the
		// reverse of the partitioner's
		List<StepExecution> listed = new ArrayList<>();
		long id = 10;
		for (Map.Entry<String, ExecutionContext> partition : new EntityPartitioner(Entity.of(Source.ECOMMERCE))
			.partition(4)
			.entrySet()) {
			StepExecution execution = new StepExecution(id++, "worker:" + partition.getKey(), job);
			execution.setExecutionContext(partition.getValue());
			listed.add(0, execution);
		}
		Set<StepExecution> partitions = new LinkedHashSet<>(listed);
		List<String> started = new ArrayList<>();
		Step worker = new Step() {
			@Override
			public String getName() {
				return "worker";
			}

			@Override
			public void execute(StepExecution stepExecution) {
				started.add(stepExecution.getStepName());
				stepExecution.setStatus(BatchStatus.COMPLETED);
			}
		};
		TaskExecutorPartitionHandler handler = EntityPartitioner.handler(worker, new SyncTaskExecutor(), 4);

		handler.handle(new StepExecutionSplitter() {
			@Override
			public String getStepName() {
				return "worker";
			}

			@Override
			public Set<StepExecution> split(StepExecution stepExecution, int gridSize) {
				return partitions;
			}
		}, new StepExecution(1L, "manager", job));

		assertThat(started).containsExactly("worker:ecommerce:order_line_item", "worker:ecommerce:order",
				"worker:ecommerce:customer", "worker:ecommerce:customer_address");
	}

}
