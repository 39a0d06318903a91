package org.lintel.sim.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.TreeMap;
import org.lintel.profile.Point;
import org.lintel.sim.Simulation;
import org.lintel.sim.device.SimDevice;

/**
 * A meter-reading round as a property office would enter it: every billed counter's register (what its display
 * shows) at each local midnight (or each of the times asked) from one date to another, as CSV
 * {@code device,point,time,value}. The demo imports it
 * into the hub as the weeks of readings before it started, so that a new user's first bill run has real readings.
 */
final class MeterReadings {

    private MeterReadings() {
    }

    static String csv(Simulation sim, LocalDate from, LocalDate to) {
        return csv(sim, from, to, java.util.List.of(java.time.LocalTime.MIDNIGHT));
    }

    /** As above, read at each of {@code times} of every day (a time-of-use household's meter at its band boundaries). */
    static String csv(Simulation sim, LocalDate from, LocalDate to, java.util.List<java.time.LocalTime> times) {
        if (to.isBefore(from) || from.plusDays(400).isBefore(to)) {
            throw new IllegalArgumentException("'to' is on or after 'from' and at most 400 days later");
        }
        ZoneId zone = sim.site().timeZone();
        Instant now = sim.clock().now();
        StringBuilder out = new StringBuilder("device,point,time,value\n");
        for (SimDevice d : new TreeMap<>(sim.devices()).values()) {
            for (Point p : d.profile().meterPoints()) {
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    for (java.time.LocalTime time : times) {
                        Instant at = day.atTime(time).atZone(zone).toInstant();
                        if (at.isAfter(now)) {
                            break;
                        }
                        Optional<BigDecimal> register = d.register(p, at);
                        if (register.isPresent()) {
                            out.append(d.id()).append(',').append(p.name()).append(',').append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)))
                                    .append(',').append(register.get().toPlainString()).append('\n');
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
