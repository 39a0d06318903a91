package org.lintel.hub.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.telemetry.timeseries.CounterRun;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * The readings of a few meters over one window [from, to] held in memory, read once per meter: a time-of-use bill
 * asks for the counter at every band boundary of a month (about 120 instants), which would otherwise be 120 questions
 * to the store. A question the window cannot answer for certain (an instant outside it, no reading on the needed
 * side within it) goes to the readings behind it.
 */
final class MeterWindowReadings implements CounterReadings {

    private final CounterReadings behind;
    private final String site;
    private final String point;
    private final Instant from;
    private final Instant to;
    private final Map<String, List<StoredPoint>> goodByDevice = new HashMap<>();
    private final Map<String, List<StoredPoint>> allByDevice = new HashMap<>();

    MeterWindowReadings(CounterReadings behind, String site, String point, List<String> devices, Instant from, Instant to, int limit) {
        this.behind = behind;
        this.site = site;
        this.point = point;
        this.from = from;
        this.to = to;
        for (String d : devices) {
            if (allByDevice.containsKey(d)) {
                continue;
            }
            List<StoredPoint> all = behind.history(site, d, point, from, to.plusMillis(1), limit);
            if (all.size() >= limit) {
                continue; // more than the window may hold: this meter is asked one question at a time
            }
            allByDevice.put(d, all);
            List<StoredPoint> good = new ArrayList<>();
            all.stream().filter(p -> p.isGood() && p.number() != null).forEach(good::add);
            goodByDevice.put(d, good);
        }
    }

    private List<StoredPoint> good(String site, String device, String point) {
        return this.site.equals(site) && this.point.equals(point) ? goodByDevice.get(device) : null;
    }

    private boolean inside(Instant at) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    @Override
    public Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at) {
        List<StoredPoint> good = good(site, device, point);
        if (good != null && inside(at)) {
            int i = firstAfter(good, at) - 1;
            if (i >= 0) {
                return Optional.of(good.get(i));
            }
        }
        return behind.lastGoodAtOrBefore(site, device, point, at);
    }

    @Override
    public Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at) {
        List<StoredPoint> good = good(site, device, point);
        if (good != null && inside(at)) {
            int i = firstAtOrAfter(good, at);
            if (i < good.size()) {
                return Optional.of(good.get(i));
            }
        }
        return behind.firstGoodAtOrAfter(site, device, point, at);
    }

    @Override
    public Optional<CounterRun> run(String site, String device, String point, Instant a, Instant b) {
        List<StoredPoint> good = good(site, device, point);
        if (good == null || a.isBefore(from) || b.isAfter(to.plusMillis(1))) {
            return behind.run(site, device, point, a, b);
        }
        int i = firstAtOrAfter(good, a);
        int end = firstAtOrAfter(good, b);
        if (i >= end) {
            return Optional.of(NONE);
        }
        boolean falls = false;
        for (int k = i + 1; k < end; k++) {
            falls |= good.get(k).number() < good.get(k - 1).number();
        }
        return Optional.of(new CounterRun(good.get(i), good.get(end - 1), falls));
    }

    @Override
    public List<StoredPoint> history(String site, String device, String point, Instant a, Instant b, int limit) {
        List<StoredPoint> all = this.site.equals(site) && this.point.equals(point) ? allByDevice.get(device) : null;
        if (all == null || a.isBefore(from) || b.isAfter(to.plusMillis(1))) {
            return behind.history(site, device, point, a, b, limit);
        }
        return all.stream().filter(p -> !p.time().isBefore(a) && p.time().isBefore(b)).limit(limit).toList();
    }

    private static int firstAtOrAfter(List<StoredPoint> good, Instant at) {
        int lo = 0;
        int hi = good.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (good.get(mid).time().isBefore(at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int firstAfter(List<StoredPoint> good, Instant at) {
        return firstAtOrAfter(good, at.plusMillis(1));
    }
}
