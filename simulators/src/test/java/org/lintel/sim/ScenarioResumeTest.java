package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.profile.Point;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.scenario.Scenario;
import org.lintel.sim.scenario.ScenarioJournal;

/** Scenarios outlive a restart of the simulators: what they did to the meters is history, not a setting. */
class ScenarioResumeTest {

    static final Instant ORIGIN = Instant.parse("2026-11-01T00:00:00Z");

    static Simulation start(Path data) throws Exception {
        return Simulation.start(SimHarness.site(), SimulationOptions.defaults().withPortOffset(SimHarness.NEXT_OFFSET.getAndAdd(20)).withHttpPort(0)
                .withSpeed(1e-6).withStart(ORIGIN).withDataDir(data));
    }

    static BigDecimal volume(Simulation sim, Instant at) {
        SimDevice wm = sim.device("b1-0101-wm").orElseThrow();
        Point p = wm.profile().point("volume.forward.total").orElseThrow();
        return wm.register(p, at).orElseThrow();
    }

    @Test
    void aLeaksLitresAndAnOngoingScenarioSurviveARestartAndANewScenarioGetsANewId() throws Exception {
        Path data = Files.createTempDirectory("lintel-sim-resume");
        Instant leakFrom = ORIGIN.plus(Duration.ofHours(2));
        Instant leakTo = ORIGIN.plus(Duration.ofHours(5));
        Instant later = ORIGIN.plus(Duration.ofHours(8));
        BigDecimal before;
        BigDecimal withoutLeak;
        try (Simulation untouched = start(Files.createTempDirectory("lintel-sim-untouched"))) {
            withoutLeak = volume(untouched, later);
        }
        try (Simulation first = start(data)) {
            first.clock().advance(Duration.between(first.clock().now(), leakFrom));
            Scenario leak = first.scenarios().start("water-leak", "b1-0101-wm", Map.of("litresPerHour", "120"));
            first.clock().advance(Duration.between(first.clock().now(), leakTo));
            first.scenarios().stop(leak.id());
            first.scenarios().start("tamper", "b1-f01-smoke", Map.of());
            before = volume(first, later);
        }
        assertTrue(before.subtract(withoutLeak).compareTo(new BigDecimal("0.359")) >= 0, "three hours at 120 L/h: " + withoutLeak + " → " + before);
        try (Simulation second = start(data)) {
            assertEquals(before, volume(second, later), "the leak's litres are still on the meter after the restart");
            assertEquals(2, second.scenarios().list().size());
            assertTrue(second.scenarios().list().get(1).active(), "the tamper still goes on");
            assertEquals("s3", second.scenarios().start("low-battery", "b1-f02-smoke", Map.of()).id());
        }
    }

    @Test
    void aHalfWrittenLastLineIsSkippedAndADamagedEarlierLineIsNamed() throws Exception {
        Path data = Files.createTempDirectory("lintel-sim-journal");
        Path file = data.resolve(ScenarioJournal.NAME);
        Files.writeString(file, "{\"op\":\"start\",\"id\":\"s1\",\"type\":\"tamper\",\"device\":\"b1-f01-smoke\",\"params\":{},\"at\":\"2026-11-01T01:00:00Z\"}\n"
                + "{\"op\":\"stop\",\"id\":\"s1\",\"at\":\"2026-11-01T0");
        assertEquals(1, ScenarioJournal.in(data).read().size());
        Files.writeString(file, "\n{\"op\":\"start\",\"id\":\"s2\",\"type\":\"tamper\",\"device\":\"b1-f01-smoke\",\"params\":{},\"at\":\"2026-11-01T01:00:00Z\"}\n",
                StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> ScenarioJournal.in(data).read());
        assertTrue(e.getMessage().contains("line 2 is damaged"), e.getMessage());
    }
}
