package org.lintel.hub.alarm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches one meter's counter for what billing must not silently absorb: a reading lower than the one before (not a
 * rollover), an advance faster than the meter can plausibly go, and water flowing without pause all night (a leak).
 * Gateways report by exception, so an unchanged counter may send nothing: a pause in flow is seen as a gap without
 * advance longer than the window, whether or not readings arrive during it, and {@link #tick} notices it on the
 * hub's clock.
 */
final class CounterWatch {

    static final String YES = "yes";
    static final String NO = "no";
    /** A drop counts as a rollover only from the top tenth of the register to its bottom tenth (as billing does). */
    private static final BigDecimal ROLLOVER_BAND = new BigDecimal("0.1");

    /**
     * @param rollover   the counter's wrap value in its canonical unit, or null
     * @param window     flow must be seen in every window this long…
     * @param flowFor    …for this long to be a leak
     * @param nightFrom  continuous flow counts as a leak only when seen between these local times (equal: all day)
     * @param maxPerHour the fastest plausible advance per hour, or null for no jump check
     */
    record Settings(String point, BigDecimal rollover, Duration window, Duration flowFor, LocalTime nightFrom, LocalTime nightTo,
                    BigDecimal maxPerHour) {
    }

    private final Settings settings;
    private final ZoneId zone;
    private BigDecimal last;
    private Instant lastAt;
    /** When the counter last advanced, and since when it has advanced in every window. */
    private Instant lastAdvance;
    private Instant flowingSince;
    private boolean flowAlarm;

    CounterWatch(Settings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    Settings settings() {
        return settings;
    }

    /** A new reading of the counter; returns each check's verdict ({@link #YES} or {@link #NO}) that this reading gives. */
    Map<String, String> reading(BigDecimal value, Instant at) {
        Map<String, String> out = new LinkedHashMap<>();
        if (last == null || !at.isAfter(lastAt)) {
            if (last == null) {
                last = value;
                lastAt = at;
            }
            return out; // the first reading, or a late one that says nothing about what came after it
        }
        int cmp = value.compareTo(last);
        if (cmp < 0 && !rollover(last, value)) {
            out.put(RuleBook.COUNTER_DECREASE, YES);
            flowingSince = null;
        } else {
            out.put(RuleBook.COUNTER_DECREASE, NO);
            BigDecimal advance = cmp >= 0 ? value.subtract(last) : settings.rollover().subtract(last).add(value);
            if (settings.maxPerHour() != null) {
                // the advance allowed for the elapsed time, at least one minute's worth so that back-to-back readings are fair
                long millis = Math.max(Duration.between(lastAt, at).toMillis(), 60_000);
                BigDecimal allowed = settings.maxPerHour().multiply(BigDecimal.valueOf(millis)).divide(BigDecimal.valueOf(3_600_000), 6,
                        java.math.RoundingMode.HALF_EVEN);
                out.put(RuleBook.COUNTER_JUMP, advance.compareTo(allowed) > 0 ? YES : NO);
            }
            if (advance.signum() > 0) {
                boolean paused = lastAdvance == null || Duration.between(lastAdvance, at).compareTo(settings.window()) > 0;
                if (paused || flowingSince == null) {
                    // flow resumed (or is first seen): continuous from the previous reading, or, after a long silence,
                    // only from now
                    flowingSince = Duration.between(lastAt, at).compareTo(settings.window()) > 0 ? at : lastAt;
                }
                lastAdvance = at;
            }
        }
        last = value;
        lastAt = at;
        out.put(RuleBook.NIGHT_FLOW, flowVerdict(at));
        return out;
    }

    /** The hub's clock: a pause in flow clears a leak even when the gateway sends nothing while the counter stands. */
    Map<String, String> tick(Instant now) {
        if (flowingSince != null && lastAdvance != null && Duration.between(lastAdvance, now).compareTo(settings.window()) > 0) {
            flowingSince = null;
        }
        return flowAlarm && flowingSince == null ? Map.of(RuleBook.NIGHT_FLOW, flowVerdict(now)) : Map.of();
    }

    private String flowVerdict(Instant at) {
        boolean flowing = flowingSince != null && Duration.between(flowingSince, at).compareTo(settings.flowFor()) >= 0;
        if (flowing && !flowAlarm && !atNight(at)) {
            return NO; // long flow by day is normal use; only a flow still going at night is a leak
        }
        flowAlarm = flowing;
        return flowing ? YES : NO;
    }

    private boolean atNight(Instant at) {
        LocalTime t = at.atZone(zone).toLocalTime();
        LocalTime from = settings.nightFrom();
        LocalTime to = settings.nightTo();
        if (from.equals(to)) {
            return true;
        }
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    private boolean rollover(BigDecimal previous, BigDecimal now) {
        if (settings.rollover() == null) {
            return false;
        }
        BigDecimal band = settings.rollover().multiply(ROLLOVER_BAND);
        return previous.compareTo(settings.rollover().subtract(band)) >= 0 && now.compareTo(band) <= 0;
    }
}
