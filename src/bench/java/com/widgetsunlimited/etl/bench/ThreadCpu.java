package com.widgetsunlimited.etl.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of a running process's threads, by group of thread names, from the
 * kernel's task table ({@code /proc/<pid>/task/<tid>/stat}): the JIT compilers, the
 * garbage collector, the step's worker threads. Sampled while the process runs, each
 * thread keeping its last sample, so a thread that exited between two samples misses what
 * it used since the last one.
 */
final class ThreadCpu {

	/** Last sampled ticks per thread id. */
	private final Map<String, Long> ticks = new HashMap<>();

	/** Group of each thread id. */
	private final Map<String, String> groups = new HashMap<>();

	private final Path tasks;

	ThreadCpu(long pid) {
		this.tasks = Path.of("/proc", Long.toString(pid), "task");
	}

	/** Reads every live thread's CPU time once; a process that has exited is skipped. */
	void sample() {
		if (!Files.isDirectory(this.tasks)) {
			return;
		}
		try (DirectoryStream<Path> threads = Files.newDirectoryStream(this.tasks)) {
			for (Path thread : threads) {
				String line;
				try {
					line = Files.readString(thread.resolve("stat"));
				}
				catch (IOException ex) {
					continue; // the thread has just exited
				}
				String tid = thread.getFileName().toString();
				this.ticks.put(tid, ServerCpu.ownTicks(line));
				this.groups.computeIfAbsent(tid, (id) -> group(ServerCpu.command(line)));
			}
		}
		catch (IOException ex) {
			// the process has just exited
		}
	}

	/** CPU seconds per group of threads, as last sampled. */
	Map<String, Double> secondsByGroup() {
		Map<String, Double> seconds = new TreeMap<>();
		this.ticks.forEach(
				(tid, used) -> seconds.merge(this.groups.get(tid), used / ServerCpu.TICKS_PER_SECOND, Double::sum));
		return seconds;
	}

	/**
	 * The group of a thread name (as the kernel keeps it, cut to 15 characters): the name
	 * without its numbers (those at its end or between separators), so that
	 * {@code GC Thread#1}, {@code ecommerce-3} and {@code pool-2-thread-4} count as
	 * {@code GC Thread}, {@code ecommerce} and {@code pool-thread}.
	 */
	static String group(String threadName) {
		String group = threadName.replaceAll("[-_#.]?[0-9]+(?=$|[-_#.])", "").replaceAll("[0-9]+$", "");
		return group.isEmpty() ? threadName : group;
	}

}
