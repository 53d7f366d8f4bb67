package com.widgetsunlimited.etl.ingest.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.source.InventoryDropFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobInterruptedException;

/**
 * Waits, for a bounded time, until the day's drop is complete ({@code _READY_YYYYMMDD}
 * exists), then checks that every file of the day is there. Fails naming what is missing.
 */
public final class InventoryDropWait {

	private static final Logger log = LoggerFactory.getLogger(InventoryDropWait.class);

	private final InventoryDropFolder drop;

	private final Duration maxWait;

	private final Duration pollInterval;

	public InventoryDropWait(InventoryDropFolder drop, Duration maxWait, Duration pollInterval) {
		this.drop = drop;
		this.maxWait = maxWait;
		this.pollInterval = pollInterval;
	}

	/** The day's files, in entity order, once the drop is complete. */
	public List<Path> await(LocalDate date) throws InterruptedException, JobInterruptedException {
		return await(date, Optional::empty);
	}

	/**
	 * The day's files, in entity order, once the drop is complete; the wait ends early
	 * when {@code reasonToStop}, asked at every poll, gives a reason (the job was asked
	 * to stop) or throws (another source failed).
	 * @throws JobInterruptedException when it ended early: the step stops, and a restart
	 * waits again
	 */
	public List<Path> await(LocalDate date, Supplier<Optional<String>> reasonToStop)
			throws InterruptedException, JobInterruptedException {
		Path marker = this.drop.readyMarker(date);
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		boolean waited = false;
		while (!Files.exists(marker) && System.nanoTime() < deadline) {
			Optional<String> stop = reasonToStop.get();
			if (stop.isPresent()) {
				log.warn("Stopped waiting for {}: {}", marker, stop.get());
				throw new JobInterruptedException("stopped waiting for " + marker + ": " + stop.get());
			}
			if (!waited) {
				log.info("Waiting up to {} for {}", this.maxWait, marker);
				waited = true;
			}
			Thread.sleep(this.pollInterval.toMillis());
		}
		List<Path> files = new ArrayList<>();
		for (Entity entity : Entity.of(Source.INVENTORY)) {
			files.add(this.drop.file(entity, date));
		}
		if (!Files.exists(marker)) {
			throw new IllegalStateException("The inventory drop for " + date + " is not complete after waiting "
					+ this.maxWait + ": expected " + marker.getFileName() + " and "
					+ files.stream().map((file) -> file.getFileName().toString()).toList() + " in "
					+ this.drop.path().toAbsolutePath());
		}
		List<String> missing = files.stream()
			.filter((file) -> !Files.exists(file))
			.map((file) -> file.getFileName().toString())
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The inventory drop for " + date + " is marked ready but lacks " + missing
					+ " in " + this.drop.path().toAbsolutePath());
		}
		return files;
	}

}
