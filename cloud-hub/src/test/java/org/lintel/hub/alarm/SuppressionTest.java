package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lintel.hub.core.DeviceKey;
import org.lintel.profile.AlarmCondition;

class SuppressionTest {

    static final DeviceKey LIFT = new DeviceKey("s", "b1-lift-1");
    static final Instant T = Instant.parse("2026-12-04T02:00:00Z");
    static final AlarmCondition FIRE = RuleBookTest.SMOKE.alarms().stream().filter(a -> a.type().equals("fire")).findFirst().orElseThrow();
    static final AlarmCondition TAMPER = RuleBookTest.SMOKE.alarms().stream().filter(a -> a.type().equals("tamper")).findFirst().orElseThrow();

    @Test
    void aDeviceOutOfServiceRaisesNothingNotEvenLifeSafetyUntilItsTimeIsUp() {
        Suppression s = new Suppression();
        s.outOfService(LIFT, T.plusSeconds(3600));
        assertEquals(Optional.of(Suppression.OUT_OF_SERVICE), s.reason(LIFT, FIRE, T));
        assertEquals(Optional.empty(), s.reason(LIFT, FIRE, T.plusSeconds(3601)), "past its until, the device raises alarms again");
    }

    @Test
    void outOfServiceWithoutAnEndLastsUntilTheDeviceIsReturned() {
        Suppression s = new Suppression();
        s.outOfService(LIFT, null);
        assertTrue(s.reason(LIFT, TAMPER, T.plusSeconds(86_400 * 365)).isPresent());
        s.backInService(LIFT);
        assertEquals(Optional.empty(), s.reason(LIFT, TAMPER, T));
    }

    @Test
    void maintenanceModeSuppressesAllButLifeSafetyAndCommunicationLoss() {
        Suppression s = new Suppression();
        assertFalse(s.maintenance(LIFT, true), "starting maintenance ends nothing");
        assertEquals(Optional.of(Suppression.MAINTENANCE_MODE), s.reason(LIFT, TAMPER, T));
        assertEquals(Optional.empty(), s.reason(LIFT, FIRE, T), "a fire is raised even during an inspection");
        assertEquals(Optional.empty(), s.reason(LIFT, BuiltInAlarms.DEVICE_COMM_LOSS, T));
    }

    @Test
    void onlyTheReadingThatTurnsMaintenanceOffEndsIt() {
        Suppression s = new Suppression();
        assertFalse(s.maintenance(LIFT, false), "off while it was never on ends nothing");
        s.maintenance(LIFT, true);
        assertFalse(s.maintenance(LIFT, true), "on again while on ends nothing");
        assertTrue(s.maintenance(LIFT, false));
        assertFalse(s.maintenance(LIFT, false), "a repeated off ends nothing more");
        assertEquals(Optional.empty(), s.reason(LIFT, TAMPER, T));
    }

    @Test
    void anotherDeviceIsNotSuppressed() {
        Suppression s = new Suppression();
        s.outOfService(LIFT, null);
        s.maintenance(LIFT, true);
        assertEquals(Optional.empty(), s.reason(new DeviceKey("s", "b1-lift-2"), TAMPER, T));
        assertEquals(Optional.empty(), s.reason(new DeviceKey("other-site", "b1-lift-1"), TAMPER, T));
    }
}
