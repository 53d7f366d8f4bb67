package com.widgetsunlimited.etl.job;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;

import com.widgetsunlimited.etl.job.JobContract.Parameter;
import com.widgetsunlimited.etl.job.JobContract.ParameterType;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code abandon date=...}: by hand, what a run does by itself when it finds its day left
 * running by a process that is gone ({@link StaleExecutions}): every {@code dailyCycle}
 * and {@code ingest} execution of the date still marked running is marked failed, so that
 * the same command resumes it. A loading job: it holds the warehouse's lock, so it is
 * refused while another process loads (a run that lives), and whatever is marked running
 * then is known to be left.
 */
@Configuration(proxyBeanMethods = false)
public class AbandonJobConfiguration {

	static final JobContract ABANDON = JobContract.of("abandon",
			"Mark the runs of a day that a gone process left running as failed, so that they resume",
			Parameter.required("date", ParameterType.DATE, false, "the business day whose runs to mark failed"));

	@Bean
	Job abandon(JobRepository jobRepository, PlatformTransactionManager transactionManager, JobOperator jobOperator) {
		PrintStream out = System.out;
		return new JobBuilder(ABANDON.name(), jobRepository).validator(ABANDON)
			.start(new StepBuilder("abandonRunsStep", jobRepository).tasklet((contribution, chunk) -> {
				LocalDate date = (LocalDate) chunk.getStepContext().getJobParameters().get("date");
				int abandoned = 0;
				for (String job : BusinessDays.JOBS) {
					List<JobExecution> left = jobRepository.findRunningJobExecutions(job)
						.stream()
						.filter((execution) -> date.equals(execution.getJobParameters().getLocalDate("date")))
						.toList();
					for (JobExecution execution : left) {
						jobOperator.recover(execution);
						out.printf(
								"Abandoned %s date=%s (execution %d, left running by %s): marked FAILED; "
										+ "--job=%s date=%s resumes it%n",
								job, date, execution.getId(),
								ProcessOwner.owner(execution).orElse("an unknown process"), job, date);
						abandoned++;
					}
				}
				if (abandoned == 0) {
					out.printf("Nothing to abandon: no run of %s is marked running%n", date);
				}
				contribution.incrementWriteCount(abandoned);
				return RepeatStatus.FINISHED;
			}, transactionManager).build())
			.build();
	}

}
