package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.behaviour.Behaviour;
import org.lintel.sim.behaviour.Behaviours;
import org.lintel.sim.behaviour.ElectricityMeter;
import org.lintel.site.Device;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * The demo community's meters add up: each building's incomer measures the sub-meters the site file declares under it
 * plus plausible losses.
 */
class MeterTreeTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final SiteLoader.Loaded LOADED = SiteLoader.load(Path.of("../device-profiles/sites/sample-community.yaml"));
    static final Site SITE = LOADED.orThrow();
    static final Map<String, Behaviour> BEHAVIOURS = Behaviours.of(SITE, id -> LOADED.profiles().find(id).orElseThrow(), 42, START);

    static DeviceProfile profile(Device d) {
        return LOADED.profiles().find(d.profile()).orElseThrow();
    }

    static BigDecimal energy(Device d, Instant t) {
        Point p = profile(d).point("energy.import.total").orElseThrow();
        return BEHAVIOURS.get(d.id()).trueTotal(p, t).orElseThrow();
    }

    @Test
    void eachBuildingsIncomerMeasuresItsSubMetersPlusTwoToSixPercentLosses() {
        Instant dayEnd = START.plus(Duration.ofDays(1));
        int incomers = 0;
        for (Device incomer : SITE.devices()) {
            if (incomer.serves() == null || incomer.serves().building() == null || !(BEHAVIOURS.get(incomer.id()) instanceof ElectricityMeter)) {
                continue;
            }
            String building = incomer.serves().building();
            // the sub-meters the site file declares under it: the flats, the lobby and the lifts of its building
            List<Device> subMeters = SITE.devices().stream().filter(d -> d.metering() != null && incomer.id().equals(d.metering().submeterOf())).toList();
            assertEquals(102, subMeters.size(), building + ": 100 flats, the lobby and the lifts");
            BigDecimal behind = subMeters.stream().map(d -> energy(d, dayEnd).subtract(energy(d, START))).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal measured = energy(incomer, dayEnd).subtract(energy(incomer, START));
            double ratio = measured.divide(behind, MathContext.DECIMAL64).doubleValue();
            assertTrue(behind.signum() > 0, building + " has sub-meters that measured something");
            assertTrue(ratio >= 1.019 && ratio <= 1.061, building + ": incomer " + measured + " kWh against " + behind + " kWh behind it (" + ratio + ")");
            incomers++;
        }
        assertEquals(2, incomers, "the sample community's two buildings");
    }

    @Test
    void aThreePhaseMetersPhaseVoltagesDiffer() {
        Device incomer = SITE.device("b1-main-em").orElseThrow();
        Behaviour b = BEHAVIOURS.get(incomer.id());
        Instant t = START.plus(Duration.ofHours(9));
        double l1 = ((Value.Numeric) b.value(profile(incomer).point("voltage.l1").orElseThrow(), t).orElseThrow()).value();
        double l2 = ((Value.Numeric) b.value(profile(incomer).point("voltage.l2").orElseThrow(), t).orElseThrow()).value();
        double l3 = ((Value.Numeric) b.value(profile(incomer).point("voltage.l3").orElseThrow(), t).orElseThrow()).value();
        assertNotEquals(l1, l2);
        assertNotEquals(l2, l3);
        for (double v : new double[] {l1, l2, l3}) {
            assertTrue(v >= 227 && v <= 233, "a phase voltage near 230 V: " + v);
        }
    }
}
