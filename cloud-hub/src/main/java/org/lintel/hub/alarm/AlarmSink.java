package org.lintel.hub.alarm;

/** Receives alarm transitions (an escalation policy, a notification channel); subscribed to {@link AlarmTransitioned}. */
@FunctionalInterface
public interface AlarmSink {

    void transition(Alarm alarm, Transition transition);
}
