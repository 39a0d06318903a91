package org.lintel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared model's house rules: no package cycle (the profile language does not know how its files are read; the
 * per-protocol packages build on it), and the canonical readings do not know site files or the command line.
 */
class ArchitectureTest {

    static JavaClasses model;

    @BeforeAll
    static void importTheModel() {
        model = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.lintel");
    }

    @Test
    void noPackageOfTheModelDependsOnAnotherThatDependsBackOnIt() {
        slices().matching("org.lintel.(**)").should().beFreeOfCycles().check(model);
    }

    @Test
    void theProfileLanguageDoesNotKnowHowItsFilesAreRead() {
        noClasses().that().resideInAPackage("org.lintel.profile").should().dependOnClassesThat()
                .resideInAnyPackage("org.lintel.profile.library..", "org.lintel.profile.modbus..", "org.lintel.profile.coap..",
                        "org.lintel.profile.opcua..", "org.lintel.site..", "org.lintel.cli..")
                .check(model);
    }

    @Test
    void readingsDoNotKnowSitesOrTheCommandLine() {
        noClasses().that().resideInAPackage("org.lintel.reading..").should().dependOnClassesThat()
                .resideInAnyPackage("org.lintel.site..", "org.lintel.cli..", "org.lintel.profile.library..")
                .check(model);
    }

    @Test
    void everyLogLineIsLogfmtAndOpensWithItsEvent() throws Exception {
        LogStyle.assertLogfmt(Path.of("src/main/java"));
    }
}
