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
	private static final double TICKS_PER_SECOND = ticksPerSecond();

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
	 * fields 14 to 17, counted after the parenthesised command name), else 0.
	 */
	static long postgresTicks(Path stat) {
		String line;
		try {
			line = Files.readString(stat);
		}
		catch (IOException ex) {
			return 0; // the process has exited
		}
		int open = line.indexOf('(');
		int close = line.lastIndexOf(')');
		if (open < 0 || close < open || !line.substring(open + 1, close).equals("postgres")) {
			return 0;
		}
		// after ") ": state (field 3), then fields 4 on; utime is field 14
		String[] fields = line.substring(close + 2).trim().split(" ");
		long ticks = 0;
		for (int field = 14; field <= 17; field++) {
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
