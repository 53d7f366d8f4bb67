package com.widgetsunlimited.etl.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import com.widgetsunlimited.etl.bench.StepTimes.Step;

/**
 * The CPU the cycle's JVM and the PostgreSQL server used in each phase of a run, which
 * tells a phase that computes (both cores busy) from one that waits, and which side does
 * the work. A phase is a set of steps that ran at the same time: the steps' windows from
 * the job repository, overlapping ones merged. The CPU comes from a timeline of both
 * processes' CPU time sampled while the cycle ran, interpolated at a phase's start and
 * end; the JVM's also by group of threads ({@link ThreadCpu}), which tells whose CPU a
 * phase's was: its steps', the JIT compilers' or the garbage collector's.
 */
final class PhaseCpu {

	private PhaseCpu() {
	}

	/**
	 * CPU seconds used so far, read at {@code millis} (epoch milliseconds).
	 *
	 * @param jvm the cycle JVM's user and system time
	 * @param postgres the PostgreSQL server processes' time
	 * @param threads the cycle JVM's by group of threads
	 */
	record Sample(long millis, double jvm, double postgres, Map<String, Double> threads) {

		Sample(long millis, double jvm, double postgres) {
			this(millis, jvm, postgres, Map.of());
		}

	}

	/**
	 * Steps that ran at the same time, from the first one's start to the last one's end.
	 */
	record Phase(List<String> steps, Instant start, Instant end) {

		String name() {
			return String.join(", ", this.steps);
		}

		double seconds() {
			return (this.end.toEpochMilli() - this.start.toEpochMilli()) / 1000.0;
		}

	}

	/**
	 * The CPU seconds each side used in a phase, the JVM's also by group of threads.
	 */
	record Used(double jvm, double postgres, Map<String, Double> threads) {
	}

	/**
	 * The phases of {@code names}, those of {@code steps} that have a start and an end:
	 * in order of start, a step that starts before the phase so far ends joining it. A
	 * phase lists its steps in the order of {@code names}, so that runs name it alike.
	 */
	static List<Phase> phases(Map<String, Step> steps, List<String> names) {
		List<Map.Entry<String, Step>> timed = new ArrayList<>();
		for (String name : names) {
			Step step = steps.get(name);
			if (step != null && step.start() != null && step.end() != null) {
				timed.add(Map.entry(name, step));
			}
		}
		timed.sort(Comparator.comparing((Map.Entry<String, Step> step) -> step.getValue().start()));
		List<Phase> phases = new ArrayList<>();
		List<String> current = new ArrayList<>();
		Instant start = null;
		Instant end = null;
		for (Map.Entry<String, Step> step : timed) {
			if (end != null && step.getValue().start().isBefore(end)) {
				current.add(step.getKey());
				end = step.getValue().end().isAfter(end) ? step.getValue().end() : end;
				continue;
			}
			if (end != null) {
				phases.add(new Phase(inOrderOf(names, current), start, end));
			}
			current.clear();
			current.add(step.getKey());
			start = step.getValue().start();
			end = step.getValue().end();
		}
		if (end != null) {
			phases.add(new Phase(inOrderOf(names, current), start, end));
		}
		return phases;
	}

	private static List<String> inOrderOf(List<String> names, List<String> steps) {
		return steps.stream().sorted(Comparator.comparingInt(names::indexOf)).toList();
	}

	/** What each side used between the phase's start and end, by the timeline. */
	static Used used(List<Sample> timeline, Phase phase) {
		long from = phase.start().toEpochMilli();
		long to = phase.end().toEpochMilli();
		Map<String, Double> threads = new TreeMap<>();
		timeline.forEach((sample) -> sample.threads().keySet().forEach((group) -> threads.put(group, 0.0)));
		threads.replaceAll((group, zero) -> {
			ToDoubleFunction<Sample> used = (sample) -> sample.threads().getOrDefault(group, 0.0);
			return at(timeline, to, used) - at(timeline, from, used);
		});
		return new Used(at(timeline, to, Sample::jvm) - at(timeline, from, Sample::jvm),
				at(timeline, to, Sample::postgres) - at(timeline, from, Sample::postgres), threads);
	}

	/**
	 * A value of the timeline at {@code millis}: interpolated between the samples around
	 * it, the first or last sample's outside them; NaN without samples.
	 */
	static double at(List<Sample> timeline, long millis, ToDoubleFunction<Sample> value) {
		if (timeline.isEmpty()) {
			return Double.NaN;
		}
		Sample before = timeline.get(0);
		if (millis <= before.millis()) {
			return value.applyAsDouble(before);
		}
		for (Sample after : timeline) {
			if (after.millis() >= millis) {
				double share = (after.millis() == before.millis()) ? 1
						: (millis - before.millis()) / (double) (after.millis() - before.millis());
				return value.applyAsDouble(before) + share * (value.applyAsDouble(after) - value.applyAsDouble(before));
			}
			before = after;
		}
		return value.applyAsDouble(before);
	}

}
