package org.lintel.hub.alarm;

import java.time.Instant;

/** An alarm instance as stored and shown: identity, rule, state and the people who handled it. */
public record Alarm(
        long id,
        String site,
        String device,
        String type,
        String point,
        String priority,
        boolean latching,
        AlarmState state,
        boolean conditionActive,
        int occurrences,
        String labelEn,
        String labelZh,
        Instant activatedAt,
        Instant changedAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        Instant shelvedUntil,
        String lastValue) {

    public boolean shelvedAt(Instant now) {
        return shelvedUntil != null && shelvedUntil.isAfter(now);
    }
}
