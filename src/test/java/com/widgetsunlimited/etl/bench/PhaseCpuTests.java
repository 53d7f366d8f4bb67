package com.widgetsunlimited.etl.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.bench.StepTimes.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The benchmark's CPU by phase: steps that ran at the same time make one phase, and a
 * phase's CPU is read off the sampled timeline at its start and end.
 */
class PhaseCpuTests {

	private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

	@Test
	void overlappingSteps_makeOnePhase_namedInTheGivenOrder_andStepsAfterThemTheirOwn() {
		Map<String, Step> steps = new LinkedHashMap<>();
		steps.put("ingestInstore", step(0.2, 15.0));
		steps.put("ingestEcommerce", step(0.0, 17.0));
		steps.put("ingestInventory", step(0.1, 11.0));
		steps.put("loadRaw", step(17.1, 28.0));
		steps.put("customer", step(28.0, 37.0));
		steps.put("audit", step(28.1, 33.0));
		steps.put("product", step(29.0, 31.0));
		steps.put("facts", step(37.5, 47.0));
		steps.put("neverRan", new Step(0, Double.NaN));
		List<String> order = List.of("ingestEcommerce", "ingestInstore", "ingestInventory", "loadRaw", "product",
				"customer", "facts", "audit", "neverRan", "notInTheRun");

		List<PhaseCpu.Phase> phases = PhaseCpu.phases(steps, order);

		assertThat(phases).extracting(PhaseCpu.Phase::name)
			.containsExactly("ingestEcommerce, ingestInstore, ingestInventory", "loadRaw", "product, customer, audit",
					"facts");
		assertThat(phases.get(0).seconds()).isCloseTo(17.0, within(1e-9));
		assertThat(phases.get(2).start()).isEqualTo(T0.plusMillis(28_000));
		assertThat(phases.get(2).end()).isEqualTo(T0.plusMillis(37_000));
	}

	@Test
	void aPhasesCpu_isTheTimelinesDifference_interpolatedBetweenSamples() {
		long t0 = T0.toEpochMilli();
		List<PhaseCpu.Sample> timeline = List.of(new PhaseCpu.Sample(t0, 0, 10), new PhaseCpu.Sample(t0 + 500, 1, 10.5),
				new PhaseCpu.Sample(t0 + 1000, 3, 10.5), new PhaseCpu.Sample(t0 + 1500, 4, 12));
		PhaseCpu.Phase phase = new PhaseCpu.Phase(List.of("step"), T0.plusMillis(250), T0.plusMillis(1250));

		PhaseCpu.Used used = PhaseCpu.used(timeline, phase);

		// JVM: 0.5 at 250 ms, 3.5 at 1250 ms; PostgreSQL: 10.25, then 11.25
		assertThat(used.jvm()).isCloseTo(3.0, within(1e-9));
		assertThat(used.postgres()).isCloseTo(1.0, within(1e-9));
		// outside the samples: the first or the last one
		assertThat(PhaseCpu.at(timeline, t0 - 100, PhaseCpu.Sample::jvm)).isZero();
		assertThat(PhaseCpu.at(timeline, t0 + 9000, PhaseCpu.Sample::postgres)).isEqualTo(12);
		assertThat(PhaseCpu.at(List.of(), t0, PhaseCpu.Sample::jvm)).isNaN();
	}

	@Test
	void aPhasesCpuByGroupOfThreads_isEachGroupsDifference_aGroupNotYetSampledHavingUsedNothing() {
		long t0 = T0.toEpochMilli();
		List<PhaseCpu.Sample> timeline = List.of(new PhaseCpu.Sample(t0, 2, 0, Map.of("GC Thread", 1.0)),
				new PhaseCpu.Sample(t0 + 1000, 4, 0, Map.of("GC Thread", 1.5, "raw", 1.0)),
				new PhaseCpu.Sample(t0 + 2000, 7, 0, Map.of("GC Thread", 2.5, "raw", 2.0)));
		PhaseCpu.Phase phase = new PhaseCpu.Phase(List.of("loadRaw"), T0.plusMillis(500), T0.plusMillis(2000));

		PhaseCpu.Used used = PhaseCpu.used(timeline, phase);

		// GC: 1.25 at 500 ms, 2.5 at 2000 ms; raw: 0.5 (half way from none), then 2.0
		assertThat(used.threads()).containsOnlyKeys("GC Thread", "raw");
		assertThat(used.threads().get("GC Thread")).isCloseTo(1.25, within(1e-9));
		assertThat(used.threads().get("raw")).isCloseTo(1.5, within(1e-9));
		assertThat(used.jvm()).isCloseTo(4.0, within(1e-9));
	}

	private static Step step(double startSecond, double endSecond) {
		return new Step(1, endSecond - startSecond, T0.plusMillis((long) (startSecond * 1000)),
				T0.plusMillis((long) (endSecond * 1000)));
	}

}
