package org.lintel.hub.alarm;

import java.time.Instant;

/** One recorded change of an alarm: from which state to which, when, who (a user, or "rule"/"system"), and why. */
public record Transition(AlarmState from, AlarmState to, Instant at, String by, String why) {
}
