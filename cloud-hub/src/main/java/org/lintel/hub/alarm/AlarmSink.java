package org.lintel.hub.alarm;

/** Receives every alarm transition the engine records (notification, escalation). */
@FunctionalInterface
public interface AlarmSink {

    void transition(Alarm alarm, Transition transition);

    /** Both sinks, in order. */
    static AlarmSink both(AlarmSink first, AlarmSink second) {
        return (a, t) -> {
            first.transition(a, t);
            second.transition(a, t);
        };
    }

    /** A notifier used directly as a sink: every transition goes to it. */
    static AlarmSink of(AlarmNotifier notifier) {
        return notifier::notify;
    }
}
