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
}
