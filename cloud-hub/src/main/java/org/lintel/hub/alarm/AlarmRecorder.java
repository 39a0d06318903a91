package org.lintel.hub.alarm;

import java.time.Instant;
import java.util.Optional;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a changed condition or an operator's action: the alarm stored (opened, or updated with its new
 * state), the transition logged, and {@link AlarmTransitioned} published for those who notify, escalate or open work
 * orders. A shelved alarm's transitions are stored but not published, unless it is life-safety.
 */
final class AlarmRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmRecorder.class);

    private final AlarmStore store;
    private final EventBus events;

    AlarmRecorder(AlarmStore store, EventBus events) {
        this.store = store;
        this.events = events;
    }

    /** What the lifecycle made of a changed condition: {@code t} is empty when only the value or count changed. */
    void record(DeviceKey device, AlarmSlot s, Optional<Transition> t, String value, Instant at) {
        if (s.alarmId == null) {
            if (t.isPresent()) {
                open(device, s, t.get(), value, at);
            }
            return;
        }
        store.update(s.alarmId, s.life.state(), s.life.conditionActive(), s.life.occurrences(), value, t.orElse(null), at);
        if (t.isPresent()) {
            Alarm a = store.find(s.alarmId).orElseThrow();
            LOG.info("event=alarm-{} site={} device={} type={} alarm={}", t.get().to().id(), device.site(), device.device(), s.rule.type(), a.id());
            if (!a.shelvedAt(at) || "life-safety".equals(a.priority())) {
                events.publish(new AlarmTransitioned(a, t.get()));
            }
            if (s.life.state().isNormal()) {
                s.closeInstance();
            }
        }
    }

    /** A person's acknowledgement or reset; those told of the alarm learn who took it (and escalation stops). */
    Alarm action(DeviceKey device, AlarmSlot s, Transition t, Instant now) {
        long id = s.alarmId;
        store.update(id, s.life.state(), s.life.conditionActive(), s.life.occurrences(), null, t, now);
        LOG.info("event=alarm-{} site={} device={} type={} alarm={} by={}", t.to().id(), device.site(), device.device(), s.rule.type(), id, t.by());
        if (s.life.state().isNormal()) {
            s.closeInstance();
        }
        Alarm after = store.find(id).orElseThrow();
        events.publish(new AlarmTransitioned(after, t));
        return after;
    }

    private void open(DeviceKey device, AlarmSlot s, Transition first, String value, Instant at) {
        String en = s.rule.label() == null ? null : s.rule.label().en();
        String zh = s.rule.label() == null ? null : s.rule.label().zh();
        Alarm opened = store.open(new Alarm(0, device.site(), device.device(), s.rule.type(), s.rule.point(), priority(s), s.rule.latch(),
                s.life.state(), s.life.conditionActive(), s.life.occurrences(), en, zh, at, at, null, null, null, value), first);
        s.alarmId = opened.id();
        LOG.info("event=alarm-activated site={} device={} type={} priority={} alarm={}", device.site(), device.device(), s.rule.type(),
                opened.priority(), opened.id());
        events.publish(new AlarmTransitioned(opened, first));
    }

    private static String priority(AlarmSlot s) {
        return s.rule.priority().name().toLowerCase().replace('_', '-');
    }
}
