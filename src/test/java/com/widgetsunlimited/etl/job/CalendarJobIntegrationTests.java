package com.widgetsunlimited.etl.job;

import java.time.LocalDate;
import java.util.Map;

import com.widgetsunlimited.etl.support.TestDatabases;
import com.widgetsunlimited.etl.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application context on real servers (PostgreSQL for warehouse and in-store): every
 * job of the catalog exists as a bean, and the calendar job fills date_dim idempotently.
 */
@SpringBootTest
@SpringBatchTest
class CalendarJobIntegrationTests {

	static TestDatabase warehouse;

	static TestDatabase instore;

	@Autowired
	ApplicationContext context;

	@Autowired
	JobOperatorTestUtils jobs;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		warehouse = TestDatabases.postgresServer();
		instore = TestDatabases.postgresServer();
		registry.add("etl.warehouse.url", warehouse::url);
		registry.add("etl.warehouse.user", warehouse::user);
		registry.add("etl.instore.url", instore::url);
		registry.add("etl.instore.user", instore::user);
		registry.add("etl.calendar.fiscal-year-start-month", () -> "11");
		registry.add("etl.chunk-size", () -> "100");
	}

	@AfterAll
	static void dropDatabases() {
		warehouse.close();
		instore.close();
	}

	@Test
	void everyListedJob_isAJobBeanOfTheSameName_checkingLaunchesByItsContract_andViceVersa() {
		Map<String, Job> beans = this.context.getBeansOfType(Job.class);
		assertThat(beans.keySet())
			.containsExactlyInAnyOrderElementsOf(Jobs.all().stream().map(JobContract::name).toList());
		beans.forEach((name, job) -> {
			assertThat(job.getName()).isEqualTo(name);
			assertThat(((AbstractJob) job).getJobParametersValidator()).isSameAs(Jobs.find(name).orElseThrow());
		});
	}

	@Test
	void aLaunchAgainstTheContract_isRefusedByTheJobItself() {
		this.jobs.setJob(this.context.getBean("calendar", Job.class));
		assertThatThrownBy(
				() -> this.jobs.startJob(new JobParametersBuilder().addLocalDate("from", LocalDate.of(2024, 2, 1))
					.addLocalDate("to", LocalDate.of(2024, 1, 1))
					.toJobParameters()))
			.isInstanceOf(InvalidJobParametersException.class)
			.hasMessage("to=2024-01-01 is before from=2024-02-01");
	}

	@Test
	void calendar_fillsEveryDateOfTheRangeInChunks_andAgainChangesNothing() throws Exception {
		// given
		this.jobs.setJob(this.context.getBean("calendar", Job.class));
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());

		// when: a fiscal year, then an overlapping range
		JobExecution first = this.jobs
			.startJob(new JobParametersBuilder().addLocalDate("from", LocalDate.of(2013, 11, 1))
				.addLocalDate("to", LocalDate.of(2014, 10, 31))
				.toJobParameters());
		JobExecution overlap = this.jobs
			.startJob(new JobParametersBuilder().addLocalDate("from", LocalDate.of(2014, 10, 1))
				.addLocalDate("to", LocalDate.of(2014, 11, 30))
				.toJobParameters());

		// then
		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(first.getStepExecutions()).singleElement().satisfies((step) -> {
			assertThat(step.getWriteCount()).isEqualTo(365);
			assertThat(step.getCommitCount()).isGreaterThanOrEqualTo(4);
		});
		assertThat(overlap.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM date_dim", Integer.class)).isEqualTo(365 + 30);
		assertThat(jdbc.queryForObject(
				"SELECT fiscal_year * 100 + fiscal_month FROM date_dim WHERE date_key = 20141031", Integer.class))
			.isEqualTo(201412);
		assertThat(jdbc.queryForObject("SELECT job_execution_id FROM date_dim WHERE date_key = 20141031", Long.class))
			.isEqualTo(overlap.getId());
		assertThat(jdbc.queryForObject("SELECT fiscal_year FROM date_dim WHERE date_key = 20141101", Integer.class))
			.isEqualTo(2015);
	}

}
