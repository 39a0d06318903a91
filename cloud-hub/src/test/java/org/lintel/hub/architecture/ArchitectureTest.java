package org.lintel.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.architecture.LogStyle;

/**
 * The hub's house rules (docs/architecture.md): api → domains → core → storage, domains never see transport, the
 * composition root is seen by nobody, and no package cycle anywhere.
 */
class ArchitectureTest {

    static final String HUB = "org.lintel.hub";
    /** Domains: what the hub knows and decides. Transport (MQTT, HTTP) and the composition root are outside. */
    static final String[] DOMAINS = {HUB + ".registry..", HUB + ".telemetry", HUB + ".telemetry.ingest..", HUB + ".telemetry.sparkplug..",
            HUB + ".telemetry.timeseries..", HUB + ".telemetry.status..", HUB + ".alarm..", HUB + ".oncall..", HUB + ".notify..", HUB + ".usage..",
            HUB + ".auth..", HUB + ".audit..", HUB + ".billing..", HUB + ".receivables..", HUB + ".maintenance..", HUB + ".energy.."};
    static final String[] TRANSPORT = {"io.vertx..", "org.eclipse.paho..", HUB + ".api..", HUB + ".telemetry.endpoint..", HUB + ".telemetry.broker.."};

    static JavaClasses hub;

    @BeforeAll
    static void importTheHub() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(HUB);
    }

    static void check(ArchRule rule) {
        rule.check(hub);
    }

    @Test
    void noPackageOfTheHubDependsOnAnotherThatDependsBackOnIt() {
        check(slices().matching("org.lintel.(**)").should().beFreeOfCycles());
    }

    @Test
    void domainsNeverImportTransportOrTheCompositionRoot() {
        check(noClasses().that().resideInAnyPackage(DOMAINS).should().dependOnClassesThat().resideInAnyPackage(TRANSPORT)
                .orShould().dependOnClassesThat().resideInAPackage(HUB + ".app.."));
    }

    @Test
    void coreAndStorageDependOnNoDomain() {
        check(noClasses().that().resideInAnyPackage(HUB + ".core..", HUB + ".storage..").should().dependOnClassesThat()
                .resideInAnyPackage(DOMAINS));
        check(noClasses().that().resideInAPackage(HUB + ".storage..").should().dependOnClassesThat().resideInAPackage(HUB + ".core.."));
    }

    @Test
    void onlyTheCompositionRootSeesTheApiAndTheGatewaysSide() {
        check(noClasses().that().resideOutsideOfPackages(HUB + ".app..", HUB + ".api..").should().dependOnClassesThat()
                .resideInAPackage(HUB + ".api.."));
        check(noClasses().that().resideOutsideOfPackages(HUB + ".app..", HUB + ".telemetry.endpoint..", HUB + ".telemetry.broker..", HUB + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(HUB + ".telemetry.endpoint..", HUB + ".telemetry.broker.."));
    }

    /** Routes may know that storage failed (to answer 503 instead of 500), but nothing else of it. */
    @Test
    void routesCallServicesAndNeverTheDatabase() {
        check(noClasses().that().resideInAPackage(HUB + ".api..").should().dependOnClassesThat(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(HUB + ".storage..", "java.sql..", "javax.sql..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(com.tngtech.archunit.core.domain.JavaClass.Predicates
                                .equivalentTo(org.lintel.hub.storage.StorageException.class)))));
    }

    @Test
    void alarmsDoNotKnowWhoIsToldOfThem() {
        check(noClasses().that().resideInAPackage(HUB + ".alarm..").should().dependOnClassesThat()
                .resideInAnyPackage(HUB + ".notify..", HUB + ".oncall.."));
    }

    @Test
    void eachDomainOwnsItsMigrationsInItsOwnFolderWithVersionsUniqueAcrossTheHub() throws Exception {
        Path migrations = Path.of(ArchitectureTest.class.getClassLoader().getResource("db/migration").toURI());
        Set<String> versions = new HashSet<>();
        try (Stream<Path> files = Files.walk(migrations)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path relative = migrations.relativize(f);
                assertEquals(2, relative.getNameCount(), relative + ": a migration belongs in db/migration/<domain>/");
                String domain = relative.getName(0).toString();
                assertTrue(Files.isDirectory(Path.of(ArchitectureTest.class.getClassLoader().getResource("org/lintel/hub/" + domain).toURI())),
                        relative + ": " + domain + " is not a package of the hub");
                String version = relative.getFileName().toString().split("__")[0];
                assertTrue(versions.add(version), relative + ": version " + version + " is used twice");
            }
        }
        assertTrue(versions.size() >= 5, "the migrations were found: " + versions);
    }

    @Test
    void everyLogLineIsLogfmtAndOpensWithItsEvent() throws Exception {
        LogStyle.assertLogfmt(Path.of("src/main/java"));
    }
}
