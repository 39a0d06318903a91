package org.lintel.sim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.architecture.LogStyle;

/**
 * The simulators' house rules: app (command line) → api (HTTP) → the simulation → servers and scenarios → devices and
 * behaviours; no package cycle, the root package included.
 */
class ArchitectureTest {

    static final String SIM = "org.lintel.sim";
    static JavaClasses sim;

    @BeforeAll
    static void importTheSimulators() {
        sim = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(SIM);
    }

    @Test
    void noPackageOfTheSimulatorsDependsOnAnotherThatDependsBackOnIt() {
        // "org.lintel.(**)" makes the root package org.lintel.sim a slice of its own, so Simulation is checked too
        slices().matching("org.lintel.(**)").should().beFreeOfCycles().check(sim);
    }

    @Test
    void serversScenariosAndDevicesNeverSeeTheSimulationThatComposesThem() {
        noClasses().that().resideInAnyPackage(SIM + ".modbus..", SIM + ".coap..", SIM + ".opcua..", SIM + ".scenario..", SIM + ".device..",
                        SIM + ".behaviour..", SIM + ".clock..", SIM + ".stats..")
                .should().dependOnClassesThat().resideInAnyPackage(SIM, SIM + ".api..", SIM + ".app..").check(sim);
    }

    @Test
    void onlyTheCommandLineSeesTheHttpApi() {
        noClasses().that().resideOutsideOfPackages(SIM + ".app..", SIM + ".api..").should().dependOnClassesThat().resideInAPackage(SIM + ".api..")
                .check(sim);
    }

    @Test
    void everyLogLineIsLogfmtAndOpensWithItsEvent() throws Exception {
        LogStyle.assertLogfmt(Path.of("src/main/java"));
    }
}
