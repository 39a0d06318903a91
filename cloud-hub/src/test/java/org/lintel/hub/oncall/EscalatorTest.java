package org.lintel.hub.oncall;

import org.lintel.hub.TestClock;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.Transition;
import org.lintel.hub.notify.AlarmNotifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation timing under a clock the test moves. */
class EscalatorTest {

    static final Instant T = Instant.parse("2026-11-22T19:00:00Z"); // 03:00 in Shanghai

    /** A channel that records who was told what. */
    record Told(String channel, long alarm, String why) {
    }

    final List<Told> told = new ArrayList<>();
    final TestClock clock = new TestClock(T);

    final List<String> digests = new ArrayList<>();
    final List<String> notices = new ArrayList<>();

    AlarmNotifier channel(String name) {
        return new AlarmNotifier() {
            @Override
            public void notify(Alarm a, Transition t) {
                told.add(new Told(name, a.id(), t.why()));
            }

            @Override
            public void digest(List<Alarm> alarms, Instant from, Instant to) {
                digests.add(name + ":" + alarms.size());
            }

            @Override
            public void notice(String kind, String text, Map<String, Object> fields) {
                notices.add(name + ":" + kind);
            }
        };
    }

    static Transition on(Alarm a) {
        return new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "on");
    }

    /** Building b1's duty roster (zhang and li by day, handing over at 08:00 Shanghai), the manager after 10 minutes; b2 has its own. */
    Escalator routed(EscalationStore store) {
        Map<String, Escalator.Person> people = Map.of(
                "zhang", new Escalator.Person("zhang", "张伟", List.of(channel("zhang"))),
                "li", new Escalator.Person("li", "李娜", List.of(channel("li"))),
                "wang", new Escalator.Person("wang", "王经理", List.of(channel("wang"))),
                "zhao", new Escalator.Person("zhao", "赵强", List.of(channel("zhao"))));
        Roster b1 = new Roster("b1-duty", ZoneId.of("Asia/Shanghai"), List.of("zhang", "li"), Duration.ofDays(1), java.time.LocalTime.of(8, 0),
                java.time.LocalDate.of(2026, 11, 1), List.of(new Roster.Override("zhao", java.time.LocalDateTime.parse("2026-11-25T08:00"),
                java.time.LocalDateTime.parse("2026-11-26T08:00"))));
        EscalationPolicy b1Policy = new EscalationPolicy(List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("roster:b1-duty")),
                new EscalationPolicy.Step(Duration.ofMinutes(10), List.of("person:wang"))), Duration.ofMinutes(30), "major");
        EscalationPolicy rest = new EscalationPolicy(List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("on-call"))), null, "warning");
        return new Escalator(List.of(new Escalator.Route("b1", "s", "b1", b1Policy, new Escalator.Flood(3, Duration.ofMinutes(10), Duration.ofMinutes(5))),
                new Escalator.Route("everything-else", null, null, rest, Escalator.Flood.DEFAULT)),
                Map.of("on-call", channel("on-call")), people, Map.of("b1-duty", b1), (site, device) -> device.startsWith("b1-") ? "b1" : "b2", store, clock);
    }

    static Alarm alarm(long id, String device, String priority) {
        return new Alarm(id, "s", device, "fault", "fault", priority, false, AlarmState.ACTIVE_UNACKNOWLEDGED, true, 1, null, null, T, T, null, null,
                null, null);
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
        e.transition(alarm(1, "life-safety"), new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "passenger.trapped = true"));
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
        e.transition(a, new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "on"));
        at(Duration.ofMinutes(6), e);
        clock.now = T.plus(Duration.ofMinutes(7));
        e.transition(a, new Transition(AlarmState.ACTIVE_UNACKNOWLEDGED, AlarmState.ACTIVE_ACKNOWLEDGED, clock.now, "wang", "on my way"));
        assertEquals(List.of("on-call", "backup", "on-call", "backup"), told.stream().map(Told::channel).toList());
        at(Duration.ofHours(2), e);
        assertEquals(4, told.size());
        assertEquals(0, e.active());
    }

    @Test
    void lowPriorityAlarmsAreNotEscalatedAndUnknownChannelsAreRefused() {
        Escalator e = escalator();
        e.transition(alarm(3, "warning"), new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "battery"));
        at(Duration.ofHours(1), e);
        assertEquals(0, e.active());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new Escalator(new EscalationPolicy(
                List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("pager"))), null, "major"), Map.of("on-call", channel("on-call")), clock));
        assertEquals(true, x.getMessage().contains("channel 'pager', which is not defined"));
    }

    @Test
    void anAlarmGoesToItsBuildingsRouteAndTheRostersPersonOnCall() {
        Escalator e = routed(EscalationStore.NONE);
        // 2026-11-23 03:00 Shanghai is in the shift that began on the 22nd at 08:00: shift 21, li's turn
        e.transition(alarm(1, "b1-lift-1", "critical"), on(alarm(1, "b1-lift-1", "critical")));
        e.transition(alarm(2, "b2-pump", "minor"), on(alarm(2, "b2-pump", "minor")));
        assertEquals(List.of("li", "on-call"), told.stream().map(Told::channel).toList());
        at(Duration.ofMinutes(10), e);
        assertEquals("wang", told.get(2).channel(), "the manager after 10 minutes unacknowledged");
    }

    @Test
    void anUnacknowledgedAlarmIsHandedOverToWhoeverTakesTheNextShift() {
        Escalator e = routed(EscalationStore.NONE);
        e.transition(alarm(1, "b1-lift-1", "critical"), on(alarm(1, "b1-lift-1", "critical")));
        at(Duration.ofHours(4).plusMinutes(59), e); // 07:59 Shanghai: still li's shift
        assertEquals(List.of("li", "wang"), told.stream().map(Told::channel).toList());
        at(Duration.ofHours(5), e); // 08:00: zhang takes over
        assertEquals("zhang", told.get(2).channel());
        assertEquals(true, told.get(2).why().startsWith("handed over (roster b1-duty)"));
        at(Duration.ofHours(5).plusMinutes(30), e);
        assertEquals(List.of("li", "wang", "zhang"), told.subList(3, 6).stream().map(Told::channel).toList(), "reminders go to all three");
    }

    @Test
    void anOverrideOnTheRosterPutsSomeoneElseOnCall() {
        Roster r = new Roster("b1-duty", ZoneId.of("Asia/Shanghai"), List.of("zhang", "li"), Duration.ofDays(1), java.time.LocalTime.of(8, 0),
                java.time.LocalDate.of(2026, 11, 1), List.of(new Roster.Override("zhao", java.time.LocalDateTime.parse("2026-11-25T08:00"),
                java.time.LocalDateTime.parse("2026-11-26T08:00"))));
        assertEquals("li", r.onCall(Instant.parse("2026-11-24T23:59:59Z")), "07:59 on the 25th: shift 23, li's");
        assertEquals("zhao", r.onCall(Instant.parse("2026-11-25T00:00:00Z")), "the override from 08:00 on the 25th (shift 24 would be zhang's)");
        assertEquals("zhao", r.onCall(Instant.parse("2026-11-25T23:59:59Z")));
        assertEquals("li", r.onCall(Instant.parse("2026-11-26T00:00:00Z")), "back to the rotation: shift 25 is li's");
    }

    @Test
    void inAFloodAlarmsAreSentAsOneDigestButLifeSafetyAlarmsStillGoAtOnce() {
        Escalator e = routed(EscalationStore.NONE);
        for (int i = 1; i <= 8; i++) {
            Alarm a = alarm(i, "b1-meter-" + i, "major");
            e.transition(a, on(a));
        }
        Alarm fire = alarm(99, "b1-f01-smoke", "life-safety");
        e.transition(fire, on(fire));
        assertEquals(4, told.size(), "three alarms one by one (the limit), then the fire; five are held");
        assertEquals(99, told.get(3).alarm());
        at(Duration.ofMinutes(4), e);
        assertEquals(List.of(), digests);
        at(Duration.ofMinutes(5), e);
        assertEquals(List.of("li:5"), digests, "one digest to the first step's recipient");
        at(Duration.ofMinutes(10), e);
        assertEquals(9, told.stream().filter(t -> t.channel().equals("wang")).count(), "the next step still follows for every unacknowledged alarm");
    }

    @Test
    void aRestartedEscalatorCarriesOnWhereItWasWithoutRepeatingSteps() {
        Map<Long, EscalationStore.Saved> saved = new java.util.HashMap<>();
        EscalationStore memory = new EscalationStore() {
            @Override
            public void save(Saved s) {
                saved.put(s.alarm(), s);
            }

            @Override
            public void remove(long alarm) {
                saved.remove(alarm);
            }

            @Override
            public List<Saved> load() {
                return List.copyOf(saved.values());
            }
        };
        Alarm a = alarm(7, "b1-lift-1", "critical");
        routed(memory).transition(a, on(a));
        assertEquals(List.of("li"), told.stream().map(Told::channel).toList());
        Escalator restarted = routed(memory);
        restarted.restore(id -> java.util.Optional.of(a));
        at(Duration.ofMinutes(9), restarted);
        assertEquals(1, told.size(), "the first step is not repeated");
        at(Duration.ofMinutes(10), restarted);
        assertEquals("wang", told.get(1).channel(), "the pending step is still due at its time");
        restarted.transition(a, new Transition(AlarmState.ACTIVE_UNACKNOWLEDGED, AlarmState.ACTIVE_ACKNOWLEDGED, clock.now, "li", null));
        assertEquals(false, saved.get(7L).chasing());
        restarted.transition(a, new Transition(AlarmState.ACTIVE_ACKNOWLEDGED, AlarmState.NORMAL, clock.now, "rule", null));
        assertEquals(true, saved.isEmpty());
    }
}
