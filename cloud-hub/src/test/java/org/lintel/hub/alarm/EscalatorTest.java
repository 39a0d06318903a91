package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation timing under a clock the test moves. */
class EscalatorTest {

    static final Instant T = Instant.parse("2026-11-22T19:00:00Z"); // 03:00 in Shanghai

    static final class TestClock extends Clock {
        Instant now = T;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A channel that records who was told what. */
    record Told(String channel, long alarm, String why) {
    }

    final List<Told> told = new ArrayList<>();
    final TestClock clock = new TestClock();

    AlarmNotifier channel(String name) {
        return (a, t) -> told.add(new Told(name, a.id(), t.why()));
    }

    Escalator escalator() {
        EscalationPolicy policy = new EscalationPolicy(List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("on-call")),
                new EscalationPolicy.Step(Duration.ofMinutes(5), List.of("backup")), new EscalationPolicy.Step(Duration.ofMinutes(15), List.of("manager"))),
                Duration.ofMinutes(10), "major");
        return new Escalator(policy, Map.of("on-call", channel("on-call"), "backup", channel("backup"), "manager", channel("manager")), clock);
    }

    static Alarm alarm(long id, String priority) {
        return new Alarm(id, "s", "b1-lift-1", "passenger-trapped", "passenger.trapped", priority, true, AlarmState.ACTIVE_UNACKNOWLEDGED, true, 1,
                null, null, T, T, null, null, null, null);
    }

    void at(Duration d, Escalator e) {
        clock.now = T.plus(d);
        e.tick();
    }

    @Test
    void anUnacknowledgedAlarmGoesToTheBackupAfterFiveMinutesThenTheManagerThenReminders() {
        Escalator e = escalator();
        e.notify(alarm(1, "life-safety"), new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "passenger.trapped = true"));
        assertEquals(List.of("on-call"), told.stream().map(Told::channel).toList());
        at(Duration.ofMinutes(4).plusSeconds(59), e);
        assertEquals(1, told.size());
        at(Duration.ofMinutes(5), e);
        assertEquals(List.of("on-call", "backup"), told.stream().map(Told::channel).toList());
        at(Duration.ofMinutes(15), e);
        assertEquals("manager", told.get(2).channel());
        at(Duration.ofMinutes(24), e);
        assertEquals(3, told.size(), "no reminder before 10 minutes after the last step");
        at(Duration.ofMinutes(25), e);
        assertEquals(List.of("on-call", "backup", "manager"), told.subList(3, 6).stream().map(Told::channel).toList());
        assertEquals(true, told.get(3).why().startsWith("reminder"));
    }

    @Test
    void anAcknowledgementStopsTheChainAndIsReportedToThoseAlreadyTold() {
        Escalator e = escalator();
        Alarm a = alarm(2, "critical");
        e.notify(a, new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "on"));
        at(Duration.ofMinutes(6), e);
        clock.now = T.plus(Duration.ofMinutes(7));
        e.notify(a, new Transition(AlarmState.ACTIVE_UNACKNOWLEDGED, AlarmState.ACTIVE_ACKNOWLEDGED, clock.now, "wang", "on my way"));
        assertEquals(List.of("on-call", "backup", "on-call", "backup"), told.stream().map(Told::channel).toList());
        at(Duration.ofHours(2), e);
        assertEquals(4, told.size());
        assertEquals(0, e.active());
    }

    @Test
    void lowPriorityAlarmsAreNotEscalatedAndUnknownChannelsAreRefused() {
        Escalator e = escalator();
        e.notify(alarm(3, "warning"), new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "battery"));
        at(Duration.ofHours(1), e);
        assertEquals(0, e.active());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new Escalator(new EscalationPolicy(
                List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("pager"))), null, "major"), Map.of("on-call", channel("on-call")), clock));
        assertEquals(true, x.getMessage().contains("channel 'pager', which is not defined"));
    }
}
