package org.lintel.hub.notify;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.Transition;

import java.time.Instant;
import java.util.List;

/** Tells people about alarms: one transition at a time, or, during a flood, a digest of several. */
public interface AlarmNotifier {

    void notify(Alarm alarm, Transition transition);

    /** Alarms held back during a flood ({@code from}–{@code to}), in one message. */
    void digest(List<Alarm> alarms, Instant from, Instant to);

    /**
     * Something that is not an alarm but reaches the same people the same way: a work order opened for them, an SLA
     * about to be missed. {@code kind} and {@code fields} are for machines (a webhook's JSON); {@code text} is what a
     * person reads, Chinese first.
     */
    void notice(String kind, String text, java.util.Map<String, Object> fields);
}
