package org.lintel.hub.alarm;

/** An alarm changed state (activated, acknowledged, cleared, reset, shelved): published for notification and escalation. */
public record AlarmTransitioned(Alarm alarm, Transition transition) {
}
