package com.widgetsunlimited.etl.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's PostgreSQL CPU: user, system and waited-for children's times of the
 * processes named postgres, read from their stat lines.
 */
class ServerCpuTests {

	@TempDir
	Path folder;

	@Test
	void aPostgresProcess_countsItsOwnTimesAndThoseOfItsExitedChildren() throws Exception {
		// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
		// cmajflt utime stime cutime cstime priority ...
		Path stat = stat("812 (postgres) S 1 812 812 0 -1 4194560 9000 120000 12 40 250 75 3100 900 20 0 1 0");

		assertThat(ServerCpu.postgresTicks(stat)).isEqualTo(250 + 75 + 3100 + 900);
	}

	@Test
	void otherProcesses_andACommandNameHoldingParentheses_countNothing() throws Exception {
		assertThat(ServerCpu.postgresTicks(stat("9 (java) S 1 9 9 0 -1 0 1 1 1 1 500 500 0 0 20 0 1 0"))).isZero();
		assertThat(ServerCpu.postgresTicks(stat("9 (postgres) x) S 1 9 9 0 -1 0 1 1 1 1 500 500 0 0 20 0 1 0")))
			.isZero();
		assertThat(ServerCpu.postgresTicks(this.folder.resolve("gone"))).isZero();
	}

	private Path stat(String line) throws Exception {
		Path stat = Files.createTempFile(this.folder, "stat", "");
		Files.writeString(stat, line + "\n");
		return stat;
	}

}
