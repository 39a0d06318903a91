package org.lintel.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.i18n.Label;
import org.lintel.profile.Access;
import org.lintel.profile.DataType;
import org.lintel.profile.Deadband;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.profile.ValueRange;
import org.lintel.unit.Unit;

/** The canonical reading: quality travels with every value, and a failed read still yields a reading. */
class ReadingTest {

    private static Point voltage() {
        return new Point("voltage", Label.NONE, PointKind.GAUGE, DataType.FLOAT32, Unit.V, BigDecimal.ONE, BigDecimal.ZERO, Access.READ,
                "fast", Deadband.NONE, new ValueRange(BigDecimal.ZERO, new BigDecimal("300")), null, Map.of(), null, null, null, null);
    }

    @Test
    void aValueOutsideThePlausibleRangeIsUncertainButKept() {
        PointValues.Mapped m = PointValues.map(voltage(), new RawValue.Floating(999));
        assertEquals(QualityLevel.UNCERTAIN, m.quality().level());
        assertEquals(QualityReason.OUT_OF_RANGE, m.quality().reason());
        assertEquals(new Value.Numeric(999), m.value());
    }

    @Test
    void aNotANumberFromTheDeviceIsABadReadingWithoutValue() {
        PointValues.Mapped m = PointValues.map(voltage(), new RawValue.Floating(Double.NaN));
        assertEquals(QualityReason.DEVICE_FAILURE, m.quality().reason());
        assertNull(m.value());
    }

    @Test
    void aTimedOutDeviceYieldsABadReadingWithTheReason() {
        Instant now = Instant.parse("2026-11-22T02:00:00Z");
        Reading r = Reading.failed("b1-0101-em", "voltage", "V", Quality.bad(QualityReason.TIMEOUT, "no answer in 1s"), now);
        assertEquals(QualityLevel.BAD, r.quality().level());
        assertEquals("no answer in 1s", r.quality().detail());
    }

    @Test
    void aGoodReadingMustCarryAValue() {
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> new Reading("d", "p", null, null, Quality.GOOD, now, now));
    }

    @Test
    void deadbandsCompareAbsoluteOrPercentChanges() {
        Deadband abs = new Deadband(Deadband.Mode.ABSOLUTE, new BigDecimal("0.5"));
        assertEquals(false, abs.exceeded(230.0, 230.4));
        assertEquals(true, abs.exceeded(230.0, 230.6));
        Deadband pct = new Deadband(Deadband.Mode.PERCENT, new BigDecimal("2"));
        assertEquals(false, pct.exceeded(100.0, 101.9));
        assertEquals(true, pct.exceeded(100.0, 102.1));
    }

    @Test
    void unitsConvertToTheirCanonicalUnit() {
        assertEquals(new BigDecimal("1.500"), Unit.WH.toCanonical(new BigDecimal("1500")));
        assertEquals(0.25, Unit.L.toCanonical(250.0), 1e-12);
        assertEquals(20.0, Unit.K.toCanonical(293.15), 1e-9);
        assertEquals(Unit.KWH, Unit.WH.canonical());
        assertEquals(Unit.M3, Unit.byId("m³").orElseThrow());
    }

    @Test
    void aDeadbandEqualToTheResolutionPassesEverySingleStepOfAFloat32RegisterAndNothingSmaller() {
        Deadband step = new Deadband(Deadband.Mode.ABSOLUTE, new BigDecimal("0.002"));
        int missed = 0;
        int halfStepsPassed = 0;
        for (int i = 0; i < 100_000; i++) {
            double a = (float) (277.0 + i * 0.002); // what a float32 register holding the counter decodes to
            double b = (float) (277.0 + (i + 1) * 0.002);
            double half = (float) (277.0 + i * 0.002 + 0.001);
            missed += step.exceeded(a, b) ? 0 : 1;
            halfStepsPassed += step.exceeded(a, half) ? 1 : 0;
        }
        assertEquals(0, missed, "single 0.002 m³ steps dropped");
        assertEquals(0, halfStepsPassed, "half steps reported");
        Deadband kwh = new Deadband(Deadband.Mode.ABSOLUTE, new BigDecimal("0.01"));
        assertEquals(true, kwh.exceeded((float) 5416.00, (float) 5416.01));
        assertEquals(true, kwh.exceeded((float) 5416.03, (float) 5416.04));
        assertEquals(false, kwh.exceeded((float) 5416.00, (float) 5416.004));
    }

    @Test
    void aDeviceThatAnsweredWithABadValueAnsweredButOneThatTimedOutDidNot() {
        assertEquals(true, Quality.GOOD.deviceAnswered());
        assertEquals(true, Quality.bad(QualityReason.OUT_OF_RANGE, "9999 V").deviceAnswered());
        assertEquals(true, Quality.bad(QualityReason.EXCEPTION_CODE, "exception 0x02").deviceAnswered());
        assertEquals(false, Quality.bad(QualityReason.TIMEOUT, null).deviceAnswered());
        assertEquals(false, Quality.bad(QualityReason.COMMUNICATION_FAILURE, null).deviceAnswered());
        assertEquals(false, Quality.uncertain(QualityReason.STALE, "last known").deviceAnswered());
    }
}
