package com.widgetsunlimited.etl.report;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

	private static JobExecution execution(BatchStatus status) {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "dailyCycle"), new JobParameters());
		execution.setStatus(status);
		return execution;
	}

	@Test
	void anExecutionOfThisProcess_givesItsFailuresWithTheirCauses() {
		JobExecution execution = execution(BatchStatus.FAILED);
		execution.addFailureException(new IllegalStateException("cannot load",
				new java.sql.SQLException("connection to 127.0.0.1:5432 refused")));

		assertThat(Failures.of(execution)).isEqualTo("cannot load <- connection to 127.0.0.1:5432 refused");
	}

	@Test
	void aPartitionedStepThatFailed_givesItsWorkersFailures_notTheManagersSummary() {
		JobExecution execution = execution(BatchStatus.FAILED);
		addFailedManager(execution);
		StepExecution worker = new StepExecution(3L, "ingestInstoreEntityStep:instore:store", execution);
		worker.addFailureException(new java.io.IOException("Mkdirs failed to create /srv/staging/2024-01-01/instore"));
		execution.addStepExecution(worker);

		assertThat(Failures.of(execution)).isEqualTo("Mkdirs failed to create /srv/staging/2024-01-01/instore");
		assertThat(Failures.causes(execution)).singleElement().isInstanceOf(java.io.IOException.class);
	}

	/** A partitioned step that failed because a worker did, as Spring Batch says it. */
	private static void addFailedManager(JobExecution execution) {
		StepExecution manager = new StepExecution(2L, "ingestInstoreStep", execution);
		manager.addFailureException(new org.springframework.batch.core.job.JobExecutionException(
				"Partition handler returned an unsuccessful step"));
		execution.addStepExecution(manager);
	}

	@Test
	void aCompositesCloseFailure_givesWhatItSuppressed() {
		JobExecution execution = execution(BatchStatus.FAILED);
		RuntimeException close = new RuntimeException("Failed to close 1 delegate(s) due to exceptions");
		close.addSuppressed(new IllegalStateException("Parent path is not a directory: file:/srv/staging/2024-01-01"));
		execution.addFailureException(close);

		assertThat(Failures.of(execution)).isEqualTo("Parent path is not a directory: file:/srv/staging/2024-01-01");
	}

	@Test
	void onlyAManagersSummary_isStillAReason() {
		JobExecution execution = execution(BatchStatus.FAILED);
		addFailedManager(execution);

		assertThat(Failures.of(execution)).isEqualTo("Partition handler returned an unsuccessful step");
	}

	@Test
	void anExecutionReadBack_givesTheFirstLineOfEachFailedStep_withoutTheStackTrace() {
		JobExecution execution = execution(BatchStatus.FAILED);
		StepExecution audit = new StepExecution(2L, "auditDayStep", execution);
		audit.setStatus(BatchStatus.FAILED);
		audit.setExitStatus(ExitStatus.FAILED.addExitDescription("com.widgetsunlimited.etl.transform.audit."
				+ "InvariantViolationException: product_dim members without exactly one current version: [7]\n"
				+ "\tat com.widgetsunlimited.etl.transform.audit.DayAudit.audit(DayAudit.java:75)"));
		StepExecution done = new StepExecution(3L, "loadRawLayerStep", execution);
		done.setStatus(BatchStatus.COMPLETED);
		execution.addStepExecution(audit);
		execution.addStepExecution(done);

		assertThat(Failures.of(execution))
			.isEqualTo("auditDayStep: product_dim members without exactly one current version: [7]");
	}

	@Test
	void aCompletedExecution_hasNoFailure() {
		assertThat(Failures.of(execution(BatchStatus.COMPLETED))).isEmpty();
	}

}
