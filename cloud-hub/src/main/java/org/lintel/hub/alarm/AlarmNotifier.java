package org.lintel.hub.alarm;

/** Tells people about an alarm transition (webhook today; e-mail, SMS and escalation are planned). */
public interface AlarmNotifier {

    void notify(Alarm alarm, Transition transition);

    /** Nobody is told: for hubs configured without channels. */
    AlarmNotifier NONE = (alarm, transition) -> {
    };
}
