package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmLifecycleTest {

    static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void aFireAlarmLatchesUntilAcknowledgedAndResetAfterTheDetectorClears() {
        AlarmLifecycle fire = new AlarmLifecycle(true);
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, fire.activate(T, "alarm.state = fire").orElseThrow().to());
        assertTrue(fire.clear(T.plusSeconds(30), "alarm.state = normal").isEmpty(), "a latched alarm does not clear by itself");
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, fire.state());
        assertTrue(assertThrows(AlarmActionException.class, () -> fire.reset(T, "li", "")).getMessage().contains("acknowledge it before"));
        Transition ack = fire.acknowledge(T.plusSeconds(40), "li.wei", "on my way");
        assertEquals(new Transition(AlarmState.ACTIVE_UNACKNOWLEDGED, AlarmState.ACTIVE_ACKNOWLEDGED, T.plusSeconds(40), "li.wei", "on my way"), ack);
        assertEquals(AlarmState.NORMAL, fire.reset(T.plusSeconds(600), "li.wei", "false alarm: cooking smoke").to());
    }

    @Test
    void aLatchedAlarmCannotBeResetWhileTheDeviceStillReportsIt() {
        AlarmLifecycle trapped = new AlarmLifecycle(true);
        trapped.activate(T, "passenger.trapped = true");
        trapped.acknowledge(T.plusSeconds(5), "zhang", null);
        AlarmActionException e = assertThrows(AlarmActionException.class, () -> trapped.reset(T.plusSeconds(6), "zhang", null));
        assertTrue(e.getMessage().contains("still active"), e.getMessage());
    }

    @Test
    void anAlarmThatClearsBeforeAcknowledgementWaitsForItAndCountsReactivations() {
        AlarmLifecycle leak = new AlarmLifecycle(false);
        leak.activate(T, "on");
        assertEquals(AlarmState.RETURNED_UNACKNOWLEDGED, leak.clear(T.plusSeconds(60), "off").orElseThrow().to());
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, leak.activate(T.plusSeconds(120), "on again").orElseThrow().to());
        assertEquals(2, leak.occurrences());
        leak.acknowledge(T.plusSeconds(130), "op", null);
        assertEquals(AlarmState.NORMAL, leak.clear(T.plusSeconds(140), "off").orElseThrow().to());
        assertThrows(AlarmActionException.class, () -> leak.acknowledge(T.plusSeconds(150), "op", null));
    }
}
