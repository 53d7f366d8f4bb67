package com.widgetsunlimited.etl;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of docs/architecture.md, written down so that they stay true: data
 * flows one way. The model at the bottom; the environment, staging and the sources'
 * contract on it; the warehouse above staging; the step plumbing ({@code batch}) above
 * the warehouse; the steps (ingestion, transformation, reports) and the simulator beside
 * each other above those; the jobs on top of the steps, the launcher on top of the jobs.
 * The pipeline never reaches into the simulator or the benchmark.
 */
class ArchitectureTests {

	static final String ROOT = "com.widgetsunlimited.etl";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void theRules_seeEveryPackageTheyNameWithItsClasses() {
		// a rule over classes that were not imported would hold for nothing
		Set<String> packages = CLASSES.stream()
			.filter((javaClass) -> javaClass.getPackageName().startsWith(ROOT + "."))
			.map((javaClass) -> javaClass.getPackageName().substring(ROOT.length() + 1).split("\\.")[0])
			.collect(Collectors.toSet());
		assertThat(packages).containsAll(List.of("model", "source", "env", "staging", "warehouse", "batch", "ingest",
				"transform", "report", "operations", "job", "cli"));
		assertThat(CLASSES.stream().filter((javaClass) -> javaClass.getName().endsWith("Tests"))).isEmpty();
	}

	@Test
	void thePackages_dependOnEachOtherWithoutCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void dataFlowsOneWay_fromTheModelUpToTheLauncher() {
		architecture().check(CLASSES);
	}

	/**
	 * Each layer and what it may use; a layer not named in another's list is out of its
	 * reach.
	 */
	static LayeredArchitecture architecture() {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Model")
			.definedBy(ROOT + ".model..")
			.layer("Environment")
			.definedBy(ROOT + ".env..")
			.layer("Staging")
			.definedBy(ROOT + ".staging..")
			.layer("Sources")
			.definedBy(ROOT + ".source..")
			.layer("Warehouse")
			.definedBy(ROOT + ".warehouse..")
			.layer("Batch")
			.definedBy(ROOT + ".batch..")
			.layer("Ingestion")
			.definedBy(ROOT + ".ingest..")
			.layer("Transformation")
			.definedBy(ROOT + ".transform..")
			.layer("Reports")
			.definedBy(ROOT + ".report..")
			.layer("Simulator")
			.definedBy(ROOT + ".operations..")
			.layer("Jobs")
			.definedBy(ROOT + ".job..")
			.layer("Launcher")
			.definedBy(ROOT + ".cli..")
			.whereLayer("Model")
			.mayNotAccessAnyLayer()
			.whereLayer("Environment")
			.mayOnlyAccessLayers("Model")
			.whereLayer("Staging")
			.mayOnlyAccessLayers("Model")
			.whereLayer("Sources")
			.mayOnlyAccessLayers("Model", "Environment")
			.whereLayer("Warehouse")
			.mayOnlyAccessLayers("Model", "Environment", "Staging")
			.whereLayer("Batch")
			.mayOnlyAccessLayers("Model", "Warehouse")
			.whereLayer("Ingestion")
			.mayOnlyAccessLayers("Model", "Environment", "Staging", "Sources", "Warehouse", "Batch")
			.whereLayer("Transformation")
			.mayOnlyAccessLayers("Model", "Environment", "Staging", "Warehouse", "Batch")
			.whereLayer("Reports")
			.mayOnlyAccessLayers("Model", "Staging", "Warehouse", "Batch")
			.whereLayer("Simulator")
			.mayOnlyAccessLayers("Model", "Environment", "Sources")
			.whereLayer("Jobs")
			.mayOnlyAccessLayers("Model", "Environment", "Staging", "Sources", "Warehouse", "Batch", "Ingestion",
					"Transformation", "Reports", "Simulator")
			.whereLayer("Launcher")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Simulator")
			.mayOnlyBeAccessedByLayers("Jobs");
	}

}
