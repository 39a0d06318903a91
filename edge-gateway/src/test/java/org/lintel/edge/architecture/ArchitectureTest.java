package org.lintel.edge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.architecture.LogStyle;

/** The gateway's house rules: no package cycle; drivers know nothing of the uplink; the uplink nothing of drivers. */
class ArchitectureTest {

    static final String EDGE = "org.lintel.edge";
    static JavaClasses edge;

    @BeforeAll
    static void importTheGateway() {
        edge = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(EDGE);
    }

    @Test
    void noPackageOfTheGatewayDependsOnAnotherThatDependsBackOnIt() {
        slices().matching("org.lintel.(**)").should().beFreeOfCycles().check(edge);
    }

    @Test
    void driversNeverSeeTheUplinkOrItsBuffer() {
        noClasses().that().resideInAnyPackage(EDGE + ".modbus..", EDGE + ".coap..", EDGE + ".opcua..", EDGE + ".normalize..")
                .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".sparkplug..", EDGE + ".forward..", "org.eclipse.paho..", "org.eclipse.tahu..")
                .check(edge);
    }

    @Test
    void theUplinkNeverSeesADriver() {
        noClasses().that().resideInAnyPackage(EDGE + ".sparkplug..", EDGE + ".forward..")
                .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".modbus..", EDGE + ".coap..", EDGE + ".opcua..", "com.ghgande..",
                        "org.eclipse.californium..", "org.eclipse.milo..")
                .check(edge);
    }

    @Test
    void everyLogLineIsLogfmtAndOpensWithItsEvent() throws Exception {
        LogStyle.assertLogfmt(Path.of("src/main/java"));
    }
}
