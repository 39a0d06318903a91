package org.lintel.hub.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * An on-call rotation: the people of {@code rotation} take shifts of {@code shift} in turn, handing over at
 * {@code handover} local time, the first shift starting on {@code startsOn}. An override puts someone else on call
 * between two local times (a swap, a sick day); the last matching override wins.
 */
public record Roster(String name, ZoneId zone, List<String> rotation, Duration shift, LocalTime handover, LocalDate startsOn,
                     List<Override> overrides) {

    /** Someone else on call from {@code from} until {@code to}, local times of the roster's zone. */
    public record Override(String person, LocalDateTime from, LocalDateTime to) {
    }

    public Roster {
        rotation = List.copyOf(rotation);
        overrides = List.copyOf(overrides);
        if (rotation.isEmpty()) {
            throw new IllegalArgumentException("roster " + name + " has nobody in its rotation");
        }
    }

    /** Who is on call at {@code at}. */
    public String onCall(Instant at) {
        LocalDateTime local = at.atZone(zone).toLocalDateTime();
        for (int i = overrides.size() - 1; i >= 0; i--) {
            Override o = overrides.get(i);
            if (!local.isBefore(o.from()) && local.isBefore(o.to())) {
                return o.person();
            }
        }
        // shifts are counted in local wall-clock time, so a hand-over stays at 08:00 across a daylight-saving change
        LocalDateTime first = startsOn.atTime(handover);
        long shifts = Math.floorDiv(Duration.between(first, local).toMillis(), shift.toMillis());
        return rotation.get((int) Math.floorMod(shifts, (long) rotation.size()));
    }
}
