package com.widgetsunlimited.etl.cli;

import com.widgetsunlimited.etl.job.JobContract;
import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.Jobs;

/** The text of {@code --help}: usage, the jobs and their parameters, the exit codes. */
final class Help {

	private Help() {
	}

	static String text() {
		StringBuilder text = new StringBuilder();
		text.append("Usage: java -jar etl.jar --job=NAME [key=value ...] [--etl.property=value ...]\n\n");
		text.append("Jobs:\n");
		for (JobContract job : Jobs.all()) {
			text.append(String.format("  %-12s %s%n", job.name(), job.description()));
			for (Parameter parameter : job.parameters()) {
				text.append(String.format("      %-26s %s%n", parameter.name() + "=" + parameter.type().format(),
						parameter.help()));
			}
		}
		text.append("\nConfiguration: ETL_* environment variables or --etl.* options (see README);\n");
		text.append("with none set, everything runs on the embedded local environment under ./data.\n\n");
		text.append("Exit codes:\n");
		for (ExitCode code : ExitCode.values()) {
			text.append(String.format("  %d  %s%n", code.code(), code.meaning()));
		}
		return text.toString();
	}

}
