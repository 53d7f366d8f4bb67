package com.widgetsunlimited.etl.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

class RejectCeilingTests {

	@Test
	void underTheCeiling_theStepStaysCompleted() {
		StepExecution step = step(90, 10);

		ExitStatus exit = new RejectCeiling(-1, 0.2).afterStep(step);

		assertThat(exit).isEqualTo(ExitStatus.COMPLETED);
		assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void aShareAboveTheCeiling_failsTheStep_sayingHowMany() {
		StepExecution step = step(60, 40);

		ExitStatus exit = new RejectCeiling(-1, 0.2).afterStep(step);

		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(exit.getExitCode()).isEqualTo("FAILED");
		assertThat(exit.getExitDescription())
			.contains("40 of 100 rows rejected (40.0%), more than the ceiling of 20.0%");
	}

	@Test
	void aCountAboveTheCeiling_failsTheStep() {
		assertThat(new RejectCeiling(5, 1.0).problem(1000, 6))
			.isEqualTo("6 of 1006 rows rejected, more than the ceiling of 5");
		assertThat(new RejectCeiling(5, 1.0).problem(1000, 5)).isNull();
	}

	@Test
	void nothingRead_isNotAFailure() {
		assertThat(new RejectCeiling(0, 0.0).problem(0, 0)).isNull();
	}

	private static StepExecution step(long staged, long rejected) {
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "ingest"), new JobParameters());
		StepExecution step = new StepExecution(1L, "ingestInstoreEntityStep:instore:store_sales", job);
		step.setStatus(BatchStatus.COMPLETED);
		step.setExitStatus(ExitStatus.COMPLETED);
		step.getExecutionContext().putLong(RejectCeiling.STAGED, staged);
		step.getExecutionContext().putLong(RejectCeiling.REJECTED, rejected);
		return step;
	}

}
