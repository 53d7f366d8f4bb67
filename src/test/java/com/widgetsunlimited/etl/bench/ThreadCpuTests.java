package com.widgetsunlimited.etl.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The benchmark's CPU by group of threads: names grouped without their numbers, a
 * thread's own user and system time, read from this very JVM's task table.
 */
class ThreadCpuTests {

	@Test
	void threadNames_groupWithoutTheirNumbers() {
		assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC Thread");
		assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
		assertThat(ThreadCpu.group("ecommerce-3")).isEqualTo("ecommerce");
		assertThat(ThreadCpu.group("pool-2-thread-4")).isEqualTo("pool-thread");
		assertThat(ThreadCpu.group("main")).isEqualTo("main");
		assertThat(ThreadCpu.group("raw.7")).isEqualTo("raw");
		assertThat(ThreadCpu.group("1234")).isEqualTo("1234");
	}

	@Test
	void aStatLine_givesItsOwnTimes_andItsNameWithSpacesAndParentheses() {
		String line = "4711 (C2 (Compiler)) S 1 812 812 0 -1 4194560 9000 120000 12 40 250 75 3100 900 20 0 1 0";

		assertThat(ServerCpu.ownTicks(line)).isEqualTo(250 + 75);
		assertThat(ServerCpu.command(line)).isEqualTo("C2 (Compiler)");
	}

	@Test
	void aBusyThreadOfThisJvm_isFoundInItsGroup_withTheCpuItUsed() throws Exception {
		AtomicLong usedNanos = new AtomicLong(-1);
		CountDownLatch done = new CountDownLatch(1);
		Thread busy = new Thread(() -> {
			long until = System.nanoTime() + 300_000_000L;
			long sum = 0;
			while (System.nanoTime() < until) {
				sum += System.nanoTime() % 7;
			}
			usedNanos.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + sum % 2);
			done.countDown();
			try {
				Thread.sleep(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "busy-7");
		busy.setDaemon(true);
		busy.start();
		done.await();
		ThreadCpu threads = new ThreadCpu(ProcessHandle.current().pid());

		threads.sample();
		busy.interrupt();

		Map<String, Double> seconds = threads.secondsByGroup();
		assertThat(seconds).containsKey("busy");
		// the kernel counts in ticks of 10 ms
		assertThat(seconds.get("busy")).isCloseTo(usedNanos.get() / 1e9, within(0.03));
	}

}
