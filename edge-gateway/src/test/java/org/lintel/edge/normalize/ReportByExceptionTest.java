package org.lintel.edge.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.reading.Quality;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;
import org.lintel.check.Problems;

class ReportByExceptionTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    final DeviceProfile water = ProfileLibrary.builtIn(new Problems()).find("xintai-water-meter").orElseThrow();
    final DeviceProfile sdm120 = ProfileLibrary.builtIn(new Problems()).find("eastron-sdm120").orElseThrow();

    ReportByException rbe(DeviceProfile profile) {
        return new ReportByException(Map.of("m1", new DeviceContext("s", "gw", null, profile, null, null, null, null)), Duration.ofMinutes(5));
    }

    static Reading reading(String point, double value, Instant at) {
        return new Reading("m1", point, new Value.Numeric(value), null, Quality.GOOD, at, at);
    }

    /** The values a float32 register of the simulated meter holds as the counter climbs by {@code step}, one a poll. */
    static List<Double> steps(double start, double step, int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((double) (float) (start + i * step));
        }
        return out;
    }

    int reported(ReportByException rbe, String point, List<Double> values) {
        int sent = 0;
        for (int i = 0; i < values.size(); i++) {
            sent += rbe.filter(new ReadingBatch("m1", null, List.of(reading(point, values.get(i), T0.plusSeconds(i))))).readings().size();
        }
        return sent;
    }

    @Test
    void everySingleStepOfAWaterCounterIsReportedWhateverItsFloat32Representation() {
        // 277.002 → 277.004 m³ is one step of the register's resolution; the profile's deadband equals it
        assertEquals(2_000, reported(rbe(water), "volume.forward.total", steps(277.002, 0.001, 2_000)));
    }

    @Test
    void everyHundredthOfAKilowattHourIsReported() {
        assertEquals(1_000, reported(rbe(sdm120), "energy.import.total", steps(5416.00, 0.01, 1_000)));
    }

    @Test
    void aCounterThatDidNotMoveIsNotReportedAgainBeforeTheMaxSilentInterval() {
        assertEquals(1, reported(rbe(water), "volume.forward.total", List.of(277.002, 277.002, 277.002)));
    }

    @Test
    void aGaugeStillHonoursItsDeadband() {
        // voltage: deadband 0.5 V in the SDM120 profile
        assertEquals(2, reported(rbe(sdm120), "voltage", List.of(230.0, 230.2, 230.4, 230.5)));
    }

    @Test
    void anUnchangedValueIsReportedAgainOnceTheMaxSilentIntervalHasPassed() {
        ReportByException r = rbe(sdm120);
        assertEquals(1, r.filter(new ReadingBatch("m1", null, List.of(reading("voltage", 230.0, T0)))).readings().size());
        assertEquals(0, r.filter(new ReadingBatch("m1", null, List.of(reading("voltage", 230.0, T0.plusSeconds(299))))).readings().size());
        assertEquals(1, r.filter(new ReadingBatch("m1", null, List.of(reading("voltage", 230.0, T0.plusSeconds(300))))).readings().size());
    }

    @Test
    void aChangeInTheSameMillisecondAsTheReadingBeforeItIsSentOneMillisecondLater() {
        // the hub keeps one reading per point and millisecond and refuses a different one there as an overwrite
        DeviceProfile detector = ProfileLibrary.builtIn(new Problems()).find("lintel-smoke-detector-coap").orElseThrow();
        ReportByException r = rbe(detector);
        Instant pre = T0.plusNanos(100_000);
        Instant fire = T0.plusNanos(900_000);
        Reading first = r.filter(new ReadingBatch("m1", null, List.of(state("pre-alarm", pre)))).readings().get(0);
        Reading second = r.filter(new ReadingBatch("m1", null, List.of(state("fire", fire)))).readings().get(0);
        assertEquals(pre, first.sourceTime());
        assertEquals(T0.plusMillis(1), second.sourceTime());
        assertEquals("fire", ((Value.State) second.value()).name());
        // a third change in that next millisecond moves on again; one in a later millisecond keeps its own time
        assertEquals(T0.plusMillis(2), r.filter(new ReadingBatch("m1", null, List.of(state("normal", T0.plusMillis(1))))).readings().get(0).sourceTime());
        assertEquals(T0.plusMillis(5), r.filter(new ReadingBatch("m1", null, List.of(state("fire", T0.plusMillis(5))))).readings().get(0).sourceTime());
    }

    static Reading state(String name, Instant at) {
        return new Reading("m1", "alarm.state", new Value.State(name, name), null, Quality.GOOD, at, at);
    }
}
