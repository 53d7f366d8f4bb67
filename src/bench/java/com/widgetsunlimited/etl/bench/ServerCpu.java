package com.widgetsunlimited.etl.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The CPU time the PostgreSQL server processes of this machine have used, from the
 * kernel's process table ({@code /proc/<pid>/stat}): each live process's own user and
 * system time, plus the time of the processes that have exited, which the kernel adds to
 * the process that waited for them (the postmaster, for its backends). The difference
 * across a run is the server's CPU for that run, whatever the connections it opened and
 * closed.
 */
final class ServerCpu {

	/** The kernel's clock ticks per second for {@code /proc} times ({@code USER_HZ}). */
	static final double TICKS_PER_SECOND = ticksPerSecond();

	private ServerCpu() {
	}

	/**
	 * The CPU seconds used so far by the processes named {@code postgres}, or none where
	 * there is no {@code /proc} to read.
	 */
	static OptionalDouble postgresSeconds() {
		Path proc = Path.of("/proc");
		if (!Files.isDirectory(proc)) {
			return OptionalDouble.empty();
		}
		long ticks = 0;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
			for (Path process : processes) {
				ticks += postgresTicks(process.resolve("stat"));
			}
		}
		catch (IOException ex) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(ticks / TICKS_PER_SECOND);
	}

	/**
	 * utime + stime + cutime + cstime of a {@code postgres} process ({@code proc(5)}:
	 * fields 14 to 17), else 0.
	 */
	static long postgresTicks(Path stat) {
		String line;
		try {
			line = Files.readString(stat);
		}
		catch (IOException ex) {
			return 0; // the process has exited
		}
		if (!command(line).equals("postgres")) {
			return 0;
		}
		return ticks(line, 14, 17);
	}

	/** utime + stime of a {@code stat} line: the process's or thread's own CPU. */
	static long ownTicks(String statLine) {
		return ticks(statLine, 14, 15);
	}

	/** The command (thread) name of a {@code stat} line, between its parentheses. */
	static String command(String statLine) {
		int open = statLine.indexOf('(');
		int close = statLine.lastIndexOf(')');
		return (open < 0 || close < open) ? "" : statLine.substring(open + 1, close);
	}

	/**
	 * The sum of the fields {@code from} to {@code to} of a {@code stat} line, numbered
	 * as in {@code proc(5)} and counted after the parenthesised name (which may hold
	 * spaces).
	 */
	private static long ticks(String statLine, int from, int to) {
		// after ") ": state (field 3), then fields 4 on
		String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
		long ticks = 0;
		for (int field = from; field <= to; field++) {
			ticks += Long.parseLong(fields[field - 3]);
		}
		return ticks;
	}

	private static double ticksPerSecond() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String answer = new String(getconf.getInputStream().readAllBytes()).trim();
			return (getconf.waitFor() == 0) ? Double.parseDouble(answer) : 100;
		}
		catch (IOException | NumberFormatException ex) {
			return 100; // what Linux uses everywhere
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
