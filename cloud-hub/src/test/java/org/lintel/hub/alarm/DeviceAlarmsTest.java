package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/** A device's conditions judged step by step, without a hub, a broker or a database. */
class DeviceAlarmsTest {

    static final Instant T = Instant.parse("2026-12-04T02:00:00Z");
    static final DeviceKey SMOKE = new DeviceKey("s", "b1-f02-smoke");
    static final DeviceKey WATER = new DeviceKey("s", "b1-0101-wm");
    static final DeviceKey GATEWAY = new DeviceKey("s", "gw-b1");
    static final SiteDirectory SITE = new SiteDirectory(Map.of("s", new SiteDirectory.SiteEntry("s", "Asia/Shanghai", Map.of(
            SMOKE.device(), new SiteDirectory.DeviceEntry(SMOKE.device(), GATEWAY.device(), "b1", "lintel-smoke-detector-coap"),
            WATER.device(), new SiteDirectory.DeviceEntry(WATER.device(), GATEWAY.device(), "b1", "xintai-water-meter")), Map.of(), List.of(), Map.of())));

    static DeviceAlarmLoader loader() {
        return new DeviceAlarmLoader(() -> SITE, RuleBookTest.PROFILES::find, Clock.fixed(T, ZoneOffset.UTC));
    }

    static StoredPoint point(DeviceKey d, String point, Instant at, Double number, String text) {
        return new StoredPoint(d.site(), "b1", d.device(), point, at, number, text, "good", null);
    }

    static List<String> types(List<DeviceAlarms.Change> changes) {
        return changes.stream().map(c -> c.slot().rule.type() + (c.active() ? "+" : "-")).toList();
    }

    @Test
    void aDeviceOfTheSiteFilesGetsItsProfilesAlarmsAndTheBuiltInOnes() {
        DeviceAlarms smoke = loader().load(SMOKE);
        assertTrue(smoke.slots().keySet().containsAll(List.of("fire", "tamper", BuiltInAlarms.COMMUNICATION_LOST, BuiltInAlarms.NO_DATA)));
        assertEquals(BuiltInAlarms.DEVICE_DEATH_GRACE, smoke.slot(BuiltInAlarms.COMMUNICATION_LOST).rule.onDelay());
        assertNull(smoke.counter(), "a detector has no billed counter");
        assertTrue(loader().load(WATER).counter() != null, "a billed water meter is watched for leaks");
    }

    @Test
    void aGatewayIsWatchedForCommunicationLossAtOnceWithoutAGrace() {
        DeviceAlarms gateway = loader().load(GATEWAY);
        assertNull(gateway.slot(BuiltInAlarms.COMMUNICATION_LOST).rule.onDelay());
        assertEquals(List.of("communication-lost+"), types(gateway.status(false, false, T)));
    }

    @Test
    void aFireReadingActivatesTheFireConditionWithTheValueSaid() {
        DeviceAlarms smoke = loader().load(SMOKE);
        List<DeviceAlarms.Change> changes = smoke.readings(List.of(point(SMOKE, "alarm.state", T, null, "fire")));
        assertEquals(List.of("fire+"), types(changes));
        assertEquals("fire", changes.get(0).value());
        assertEquals(T, changes.get(0).at());
        assertEquals(List.of("fire-"), types(smoke.readings(List.of(point(SMOKE, "alarm.state", T.plusSeconds(60), null, "normal")))));
    }

    @Test
    void aBadQualityReadingJudgesNothing() {
        DeviceAlarms smoke = loader().load(SMOKE);
        StoredPoint bad = new StoredPoint("s", "b1", SMOKE.device(), "alarm.state", T, null, "fire", "bad", "timeout");
        assertEquals(List.of(), smoke.readings(List.of(bad)));
    }

    @Test
    void anOnDelayIsAppliedByTheClockWhenTheDeviceSaysNothingMore() {
        DeviceAlarms smoke = loader().load(SMOKE);
        assertEquals(List.of(), smoke.readings(List.of(point(SMOKE, "alarm.state", T, null, "fault"))), "a fault must last 30 s");
        assertEquals(List.of(), smoke.tick(T.plusSeconds(29), Duration.ofMinutes(30)));
        assertEquals(List.of("detector-fault+"), types(smoke.tick(T.plusSeconds(30), Duration.ofMinutes(30))));
    }

    @Test
    void aBornDeviceThatFallsSilentRaisesNoDataAndClearsItWhenItIsHeardFromAgain() {
        DeviceAlarms smoke = loader().load(SMOKE);
        assertEquals(List.of(), smoke.status(true, true, T));
        Duration silence = Duration.ofMinutes(30);
        assertEquals(List.of(), smoke.tick(T.plus(silence), silence));
        List<DeviceAlarms.Change> silent = smoke.tick(T.plus(silence).plusSeconds(1), silence);
        assertEquals(List.of("no-data+"), types(silent));
        assertEquals("nothing since " + T, silent.get(0).value());
        smoke.heard(T.plus(silence).plusSeconds(5));
        assertEquals(List.of("no-data-"), types(smoke.tick(T.plus(silence).plusSeconds(6), silence)));
    }

    @Test
    void aStoredReadingWithAnOldSourceTimeIsNoSignOfLifeOnlyWhatTheHubHeardIs() {
        DeviceAlarms smoke = loader().load(SMOKE);
        smoke.status(true, true, T);
        Duration silence = Duration.ofMinutes(30);
        // a value re-sent every few minutes, unchanged, keeps the time it last changed: before the birth
        smoke.readings(List.of(point(SMOKE, "temperature", T.minus(Duration.ofHours(3)), 21.0, null)));
        smoke.heard(T.plus(Duration.ofMinutes(20)));
        assertEquals(List.of(), smoke.tick(T.plus(silence).plusSeconds(1), silence), "heard 20 minutes after its birth");
        smoke.readings(List.of(point(SMOKE, "temperature", T.plus(Duration.ofHours(2)), 21.0, null)));
        assertEquals(List.of("no-data+"), types(smoke.tick(T.plus(Duration.ofMinutes(51)), silence)),
                "a reading stamped in the future by a device's clock does not keep it alive");
    }

    @Test
    void aDeviceWhoseGatewayDiedIsNeitherSilentNorPendingDeath() {
        DeviceAlarms smoke = loader().load(SMOKE);
        smoke.status(true, true, T);
        assertEquals(List.of(), smoke.status(false, true, T.plusSeconds(1)), "a device death waits out its grace");
        smoke.gatewayDied();
        assertEquals(List.of(), smoke.tick(T.plus(Duration.ofHours(2)), Duration.ofMinutes(30)),
                "no device alarm: the gateway's own covers it");
    }

    @Test
    void aWaterMeterRunningAllNightIsALeakJudgedByTheCounterWatchNotByItsValue() {
        DeviceAlarms water = loader().load(WATER);
        // 01:00 to 03:30 Shanghai time, a litre every 15 minutes
        Instant oneAm = Instant.parse("2026-12-03T17:00:00Z");
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            seen.addAll(types(water.readings(List.of(point(WATER, "volume.forward.total", oneAm.plus(Duration.ofMinutes(15L * i)), 120.0 + i * 0.001, null)))));
        }
        assertEquals(List.of("night-flow+"), seen);
    }

    @Test
    void conditionsActiveButSuppressedAreOfferedAgainWhenSuppressionEnds() {
        DeviceAlarms smoke = loader().load(SMOKE);
        smoke.readings(List.of(point(SMOKE, "tamper", T, 1.0, "true")));
        List<DeviceAlarms.Change> again = smoke.stillActive(T.plusSeconds(60));
        assertEquals(List.of("tamper+"), types(again));
        smoke.slot("tamper").alarmId = 7L;
        assertEquals(List.of(), smoke.stillActive(T.plusSeconds(61)), "an alarm already open is not raised twice");
    }

    @Test
    void aDeviceMetAfterARestartIsSeededWithItsLatestStoredValue(@TempDir Path data) throws Exception {
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(Files.createDirectories(data.resolve("ts")))) {
            store.write(List.of(point(SMOKE, "alarm.state", T.minusSeconds(20), null, "fault")));
            DeviceAlarmLoader loader = loader();
            loader.history(store);
            DeviceAlarms smoke = loader.load(SMOKE);
            assertEquals(List.of("detector-fault+"), types(smoke.tick(T.plusSeconds(10), Duration.ofMinutes(30))),
                    "the fault began 20 s before the restart, so 30 s after it began it counts, without a new reading");
        }
    }

    @Test
    void reloadingRulesKeepsAnOpenAlarmEvenWhenItsRuleWasTurnedOff() {
        DeviceAlarms smoke = loader().load(SMOKE);
        smoke.readings(List.of(point(SMOKE, "tamper", T, 1.0, "true")));
        smoke.slot("tamper").alarmId = 42L;
        SiteDirectory without = new SiteDirectory(Map.of("s", SITE.site("s").orElseThrow().withSiteFile(List.of(
                RuleBookTest.rule(null, null, "tamper", null, null, false)), Map.of())));
        new DeviceAlarmLoader(() -> without, RuleBookTest.PROFILES::find, Clock.fixed(T, ZoneOffset.UTC)).reload(smoke);
        assertEquals(42L, smoke.slot("tamper").alarmId);
        assertTrue(smoke.slot("tamper").tracker.active());
        assertFalse(smoke.slot("fire").tracker.active());
    }
}
