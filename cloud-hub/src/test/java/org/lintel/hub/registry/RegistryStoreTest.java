package org.lintel.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.Database;
import org.lintel.site.Secrets;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/** The registry on a real PostgreSQL, with the schema Flyway migrates. */
class RegistryStoreTest {

    static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    Database db;
    RegistryStore registry;

    @BeforeEach
    void open() {
        db = TestPostgres.newDatabase();
        registry = new RegistryStore(db, Secrets.of(Map.of()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Site site(String file) {
        return SiteLoader.load(TestFolders.site(file)).orThrow();
    }

    @Test
    void migrationsCreateTheRegistrySchema() {
        List<Map<String, Object>> tables = registry.rows("select table_name from information_schema.tables where table_schema = 'public' order by 1");
        List<Object> names = tables.stream().map(r -> r.get("tableName")).toList();
        assertTrue(names.containsAll(List.of("site", "building", "floor", "property_unit", "common_area", "gateway", "device", "meter_assignment",
                "api_token", "alarm", "alarm_transition", "device_out_of_service", "escalation", "sparkplug_node", "sparkplug_device", "sparkplug_alias",
                "staff_account", "staff_session", "api_token_site", "audit_entry", "tariff_file", "billing_account", "flyway_schema_history")),
                names.toString());
        List<Object> versions = registry.rows("select version from flyway_schema_history where success order by installed_rank").stream()
                .map(r -> r.get("version")).toList();
        // every migration of every domain applied, in one sequence without gaps
        assertEquals(java.util.stream.IntStream.rangeClosed(1, versions.size()).mapToObj(Integer::toString).toList(), versions);
        assertTrue(versions.size() >= 10, versions.toString());
    }

    @Test
    void importingASiteStoresUnitsWithAreaGatewaysWithHashedPasswordsAndMeterAssignments() {
        RegistryStore.ImportResult r = registry.importSite(site("hub-test.yaml"), "hub-test.yaml", "text", NOV);
        assertEquals(3, r.units());
        assertEquals(7, r.devices());
        assertEquals(3, r.assignmentsOpened());
        assertEquals(new BigDecimal("92.50"), registry.rows("select area_m2 from property_unit where id = 'b1-0102'").get(0).get("areaM2"));
        SiteDirectory dir = registry.directory();
        SiteDirectory.GatewayEntry gw = dir.gatewayByUser("gw-b1").orElseThrow().getValue();
        assertTrue(PasswordHash.matches("b1-secret", gw.passwordHash()), "the default of ${HUB_TEST_GW_B1_PASSWORD:-b1-secret} is used");
        assertTrue(gw.passwordHash().startsWith("pbkdf2$"));
        assertEquals("b1", dir.device("hub-test", "b1-0101-em").orElseThrow().building());
        MeterAssignment a = registry.assignments("hub-test", "b1-0101").get(0);
        assertEquals("b1-0101-em", a.device());
        assertEquals(Instant.EPOCH, a.effectiveFrom(), "meters of a first import were in service before it");
        assertNull(a.effectiveTo());
    }

    @Test
    void reimportingWithAReplacedMeterClosesTheOldAssignmentAndOpensANewOne() throws Exception {
        registry.importSite(site("hub-test.yaml"), "hub-test.yaml", "text", NOV);
        Path changed = TestFolders.passable("site").resolve("hub-test.yaml");
        Files.writeString(changed, Files.readString(TestFolders.site("hub-test.yaml"))
                .replace("{id: b1-0103-em, profile: eastron-sdm120, modbus: {bus: em, unitId: 3}, serves: {unit: b1-0103}}",
                        "{id: b1-0103-em2, profile: eastron-sdm120, modbus: {bus: em, unitId: 4}, serves: {unit: b1-0103}}"));
        Instant replaced = Instant.parse("2026-11-15T02:00:00Z");
        RegistryStore.ImportResult r = registry.importSite(SiteLoader.load(changed).orThrow(), "hub-test.yaml", "text", replaced);
        assertEquals(1, r.devicesRemoved());
        assertEquals(1, r.assignmentsClosed());
        assertEquals(1, r.assignmentsOpened());
        List<MeterAssignment> unit = registry.assignments("hub-test", "b1-0103");
        assertEquals(List.of("b1-0103-em", "b1-0103-em2"), unit.stream().map(MeterAssignment::device).toList());
        assertEquals(replaced, unit.get(0).effectiveTo());
        assertEquals(replaced, unit.get(1).effectiveFrom());
        assertNotNull(registry.rows("select removed_at from device where id = 'b1-0103-em'").get(0).get("removedAt"));
    }

    @Test
    void aRecordedReplacementKeepsTheReadingsBillingNeeds() {
        registry.importSite(site("hub-test.yaml"), "hub-test.yaml", "text", NOV);
        Instant at = Instant.parse("2026-11-10T03:00:00Z");
        MeterAssignment fresh = registry.replaceMeter("hub-test", "b1-0101-em", "b1-spare-em", at, new BigDecimal("1234.56"), new BigDecimal("0.20"), "display failed");
        List<MeterAssignment> unit = registry.assignments("hub-test", "b1-0101");
        assertEquals(2, unit.size());
        assertEquals(new BigDecimal("1234.560000"), unit.get(0).finalReading());
        assertEquals(at, unit.get(0).effectiveTo());
        assertEquals("b1-spare-em", fresh.device());
        assertEquals(new BigDecimal("0.200000"), fresh.initialReading());
        assertEquals(at, fresh.effectiveFrom());
    }

    @Test
    void replacingAMeterThatWasNotInServiceIsRefusedWithTheReason() {
        registry.importSite(site("hub-test.yaml"), "hub-test.yaml", "text", NOV);
        RegistryException e = assertThrows(RegistryException.class, () -> registry.replaceMeter("hub-test", "b1-spare-em", "b1-0101-em",
                Instant.parse("2026-10-01T00:00:00Z"), null, null, null));
        assertTrue(e.getMessage().contains("meter b1-spare-em of site hub-test was not in service at 2026-10-01T00:00:00Z"), e.getMessage());
    }
}
