package com.widgetsunlimited.etl.cli;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchRequestTests {

	@Test
	void jobAndTypedParameters_areParsed() {
		// when
		LaunchRequest request = LaunchRequest.parse("--job=calendar", "from=2024-01-01", "to=2024-03-31",
				"--etl.data-dir=other-data");

		// then
		assertThat(request.job().name()).isEqualTo("calendar");
		assertThat(request.parameters()).containsEntry("from", LocalDate.of(2024, 1, 1))
			.containsEntry("to", LocalDate.of(2024, 3, 31));
		assertThat(request.springArguments()).containsExactly("--etl.data-dir=other-data");
		assertThat(request.isHelp()).isFalse();
	}

	@Test
	void help_winsOverEverythingElse() {
		assertThat(LaunchRequest.parse("--job=nope", "--help").isHelp()).isTrue();
		assertThat(LaunchRequest.parse("-h").isHelp()).isTrue();
	}

	@Test
	void unknownJob_namesTheJobAndTheKnownOnes() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=dailyCycel", "date=2024-01-01"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage(
					"unknown job 'dailyCycel' (known: calendar, simulate, ingest, dailyCycle, backfill, demo, status, "
							+ "abandon)");
	}

	@Test
	void malformedDate_namesParameterValueAndFormat() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "from=2024-13-45", "to=2024-12-31"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("from=2024-13-45 is not a valid date (expected yyyy-MM-dd)");
	}

	@Test
	void missingParameter_namesItAndItsFormat() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "from=2024-01-01"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageStartingWith("job 'calendar' needs to=yyyy-MM-dd");
	}

	@Test
	void parameterTheJobDoesNotTake_isRefused() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "from=2024-01-01", "to=2024-01-02", "dat=x"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("job 'calendar' takes no parameter 'dat': it takes from, to");
	}

	@Test
	void parameterGivenTwice_isRefused() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "from=2024-01-01", "from=2024-01-02"))
			.hasMessage("parameter 'from' is given twice");
	}

	@Test
	void bareWord_isRefused() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "2024-01-01"))
			.hasMessageContaining("unexpected argument '2024-01-01'");
	}

	@Test
	void noJob_isRefused() {
		assertThatThrownBy(() -> LaunchRequest.parse("from=2024-01-01")).hasMessageStartingWith("no job given");
	}

	@Test
	void rangeBackwards_isRefusedByTheJobsOwnCheck() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "from=2024-02-01", "to=2024-01-01"))
			.hasMessage("to=2024-01-01 is before from=2024-02-01");
	}

	@Test
	void identifyingParameters_becomeIdentifyingJobParameters() {
		// given
		LaunchRequest request = LaunchRequest.parse("--job=calendar", "from=2024-01-01", "to=2024-01-02");

		// when
		var parameters = JobRunner.jobParameters(request);

		// then
		assertThat(parameters.getLocalDate("from")).isEqualTo(LocalDate.of(2024, 1, 1));
		assertThat(parameters.getIdentifyingParameters()).hasSize(2);
	}

	@Test
	void defaults_areTheContractsAndDoNotIdentify() {
		// given: a demo with nothing but its scale
		LaunchRequest request = LaunchRequest.parse("--job=demo", "scale=3");

		// when
		var parameters = JobRunner.jobParameters(request);

		// then: the given value kept, the others the contract's defaults
		assertThat(parameters.getLong("scale")).isEqualTo(3L);
		assertThat(parameters.getLong("days")).isEqualTo(4L);
		assertThat(parameters.getLocalDate("start")).isEqualTo(LocalDate.of(2024, 1, 1));
		assertThat(parameters.getIdentifyingParameters()).isEmpty();
		assertThat(request.parameters()).containsOnlyKeys("scale");
	}

	@Test
	void anIntegerOutOfItsRange_isRefusedNamingTheRange() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=simulate", "date=2024-01-01", "scale=0"))
			.hasMessage("scale=0 must be between 1 and 10000");
		assertThatThrownBy(() -> LaunchRequest.parse("--job=demo", "days=367"))
			.hasMessage("days=367 must be between 1 and 366");
	}

	@Test
	void help_listsEveryParameterWithItsDefault() {
		assertThat(Help.text()).contains("scale=number", "multiplies the scenario's volumes (default 1, 1 to 10000)")
			.contains("start=yyyy-MM-dd", "first business day (default 2024-01-01)")
			.contains("reset=true|false", "(optional)");
	}

	@Test
	void theDemosConsole_showsItsSummariesAndWarnings_unlessVerbose() {
		assertThat(LaunchRequest.parse("--job=demo").springArguments())
			.containsExactlyElementsOf(LaunchRequest.QUIET_CONSOLE);
		assertThat(LaunchRequest.parse("--job=demo", "--verbose", "--etl.seed=3").springArguments())
			.containsExactly("--etl.seed=3");
		assertThat(LaunchRequest.parse("--job=dailyCycle", "date=2024-01-01").springArguments()).isEmpty();
	}

	@Test
	void aStatusForMachines_hasAConsoleOfItsOutputAlone() {
		assertThat(LaunchRequest.parse("--job=status", "json=true").springArguments())
			.containsExactlyElementsOf(LaunchRequest.SILENT_CONSOLE)
			.contains("--logging.threshold.console=OFF");
		assertThat(LaunchRequest.parse("--job=status").springArguments())
			.containsExactlyElementsOf(LaunchRequest.QUIET_CONSOLE);
	}

	@Test
	void aDayAfterToday_isRefusedBeforeAnythingStarts() {
		LocalDate tomorrow = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
		assertThatThrownBy(() -> LaunchRequest.parse("--job=dailyCycle", "date=" + tomorrow))
			.hasMessageStartingWith("date=" + tomorrow + " is after today");
		assertThatThrownBy(() -> LaunchRequest.parse("--job=ingest", "date=2099-01-01"))
			.hasMessageStartingWith("date=2099-01-01 is after today");
		assertThatThrownBy(() -> LaunchRequest.parse("--job=backfill", "from=2024-01-01", "to=" + tomorrow))
			.hasMessageStartingWith("to=" + tomorrow + " is after today");
		assertThatThrownBy(() -> LaunchRequest.parse("--job=demo", "start=" + tomorrow.minusDays(2)))
			.hasMessageStartingWith("last day=" + tomorrow.plusDays(1) + " is after today");
		// a calendar and a simulated world may lie ahead
		assertThat(LaunchRequest.parse("--job=calendar", "from=2024-01-01", "to=2099-12-31").job().name())
			.isEqualTo("calendar");
	}

	@Test
	void aDateOutsideTheYears1900To9999_isNoBusinessDay() {
		assertThatThrownBy(() -> LaunchRequest.parse("--job=dailyCycle", "date=+10000-01-01"))
			.hasMessage("date=+10000-01-01 is not a business day: dates lie between 1900-01-01 and 9999-12-30");
		assertThatThrownBy(() -> LaunchRequest.parse("--job=demo", "start=0001-01-01"))
			.hasMessageStartingWith("start=0001-01-01 is not a business day");
		assertThatThrownBy(() -> LaunchRequest.parse("--job=calendar", "from=2024-01-01", "to=9999-12-31"))
			.hasMessageStartingWith("to=9999-12-31 is not a business day");
	}

}
