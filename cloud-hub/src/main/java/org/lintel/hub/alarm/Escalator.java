package org.lintel.hub.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the escalation policy: the first step's channels hear about a new alarm at once; while nobody acknowledges it
 * the next steps follow at their delays, and then reminders, all judged on the hub's clock by {@link #tick}. An
 * acknowledgement (or the alarm's return to normal) stops it. Every transition also goes to every step-one channel,
 * so that the people first told also learn of acknowledgement and reset.
 */
public final class Escalator implements AlarmNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);

    /** An alarm being escalated: when it activated, how many steps have run, when it was last reminded. */
    private static final class Chase {
        final Alarm alarm;
        final Transition activation;
        int stepsDone;
        Instant lastReminder;
        final Set<String> told = new LinkedHashSet<>();

        Chase(Alarm alarm, Transition activation) {
            this.alarm = alarm;
            this.activation = activation;
        }
    }

    private final EscalationPolicy policy;
    private final Map<String, AlarmNotifier> channels;
    private final Clock clock;
    private final Map<Long, Chase> chasing = new ConcurrentHashMap<>();

    public Escalator(EscalationPolicy policy, Map<String, AlarmNotifier> channels, Clock clock) {
        this.policy = policy;
        this.channels = Map.copyOf(channels);
        this.clock = clock;
        for (EscalationPolicy.Step s : policy.steps()) {
            for (String c : s.channels()) {
                if (!channels.containsKey(c)) {
                    throw new IllegalArgumentException("escalation step names channel '" + c + "', which is not defined; channels: " + channels.keySet());
                }
            }
        }
    }

    @Override
    public void notify(Alarm alarm, Transition t) {
        if (t.to() == AlarmState.ACTIVE_UNACKNOWLEDGED && policy.covers(alarm.priority())) {
            Chase c = new Chase(alarm, t);
            chasing.put(alarm.id(), c);
            step(c, clock.instant());
            return;
        }
        Chase c = chasing.get(alarm.id());
        if (c != null && (t.to() == AlarmState.ACTIVE_ACKNOWLEDGED || t.to() == AlarmState.NORMAL)) {
            chasing.remove(alarm.id());
            LOG.info("event=escalation-stopped site={} device={} alarm={} by={} steps={}", alarm.site(), alarm.device(), alarm.id(), t.by(), c.stepsDone);
        }
        Set<String> told = c != null ? c.told : new LinkedHashSet<>(policy.steps().isEmpty() ? Set.of() : policy.steps().get(0).channels());
        told.forEach(name -> channels.get(name).notify(alarm, t));
    }

    /** Runs due steps and reminders; called every second by the alarm clock (and by tests with their own clock). */
    public void tick() {
        Instant now = clock.instant();
        chasing.values().forEach(c -> step(c, now));
    }

    private void step(Chase c, Instant now) {
        while (c.stepsDone < policy.steps().size()) {
            EscalationPolicy.Step s = policy.steps().get(c.stepsDone);
            if (now.isBefore(c.activation.at().plus(s.after()))) {
                return;
            }
            c.stepsDone++;
            for (String name : s.channels()) {
                c.told.add(name);
                channels.get(name).notify(c.alarm, c.activation);
            }
            LOG.info("event=escalation-step site={} device={} alarm={} step={} channels={}", c.alarm.site(), c.alarm.device(), c.alarm.id(),
                    c.stepsDone, s.channels());
            c.lastReminder = now;
        }
        if (policy.reminderEvery() != null && c.lastReminder != null && !now.isBefore(c.lastReminder.plus(policy.reminderEvery()))) {
            c.lastReminder = now;
            Transition reminder = new Transition(c.activation.from(), c.activation.to(), now, "escalation", "reminder: still unacknowledged since "
                    + c.activation.at());
            c.told.forEach(name -> channels.get(name).notify(c.alarm, reminder));
        }
    }

    /** Alarms being escalated now (for the API and tests). */
    public int active() {
        return chasing.size();
    }
}
