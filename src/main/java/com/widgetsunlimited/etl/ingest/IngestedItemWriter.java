package com.widgetsunlimited.etl.ingest;

import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.staging.StagedRow;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of {@link Ingested} items: the staged rows to staging, the rejects to
 * {@code etl_reject}, both within the chunk's transaction and restart bookkeeping (the
 * staging writer's stream callbacks are passed through).
 */
public class IngestedItemWriter implements ItemStreamWriter<Ingested> {

	private final ItemStreamWriter<StagedRow> staging;

	private final ItemWriter<Reject> rejects;

	private long stagedCount;

	private long rejectedCount;

	public IngestedItemWriter(ItemStreamWriter<StagedRow> staging, ItemWriter<Reject> rejects) {
		this.staging = staging;
		this.rejects = rejects;
	}

	@Override
	public void write(Chunk<? extends Ingested> items) throws Exception {
		Chunk<StagedRow> staged = new Chunk<>();
		Chunk<Reject> rejected = new Chunk<>();
		for (Ingested item : items) {
			if (item.isRejected()) {
				rejected.add(item.reject());
			}
			else {
				staged.add(item.staged());
			}
		}
		this.rejects.write(rejected);
		this.staging.write(staged);
		this.stagedCount += staged.size();
		this.rejectedCount += rejected.size();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.staging.open(executionContext);
		this.stagedCount = executionContext.getLong(RejectCeiling.STAGED, 0L);
		this.rejectedCount = executionContext.getLong(RejectCeiling.REJECTED, 0L);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.staging.update(executionContext);
		executionContext.putLong(RejectCeiling.STAGED, this.stagedCount);
		executionContext.putLong(RejectCeiling.REJECTED, this.rejectedCount);
	}

	@Override
	public void close() {
		this.staging.close();
	}

}
