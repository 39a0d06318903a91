package org.lintel.hub.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.lintel.tariff.TouSpec;

/**
 * The day's bands in the site's local time (the tariff file's time-of-use windows), covering the whole day without
 * overlap; the intervals of a day by band are
 * what the usage domain is asked for (the counter at each band boundary), so band usage comes from readings, not
 * from a profile.
 */
public record TouSchedule(List<TouSpec.Window> bands) {

    /** One stretch of a day in one band: [from, to) in UTC. */
    public record Interval(String band, Instant from, Instant to) {
    }

    public TouSchedule {
        bands = List.copyOf(bands);
        // every minute of the day in exactly one band
        for (int m = 0; m < 24 * 60; m++) {
            LocalTime t = LocalTime.of(m / 60, m % 60);
            long n = bands.stream().filter(b -> b.covers(t)).count();
            if (n != 1) {
                throw new IllegalArgumentException("the bands must cover each minute of the day once; " + t + " is in " + n + " bands");
            }
        }
    }

    public String bandAt(LocalTime t) {
        return bands.stream().filter(b -> b.covers(t)).findFirst().orElseThrow().band();
    }

    /** The day's intervals by band, in order, in the site's time zone (a day of a clock change has 23 or 25 hours). */
    public List<Interval> intervals(LocalDate day, ZoneId zone) {
        TreeSet<LocalTime> cuts = new TreeSet<>();
        cuts.add(LocalTime.MIDNIGHT);
        bands.forEach(b -> {
            cuts.add(b.from());
            cuts.add(b.to());
        });
        List<Interval> out = new ArrayList<>();
        List<LocalTime> points = new ArrayList<>(cuts);
        for (int i = 0; i < points.size(); i++) {
            ZonedDateTime start = day.atTime(points.get(i)).atZone(zone);
            ZonedDateTime end = i + 1 < points.size() ? day.atTime(points.get(i + 1)).atZone(zone) : day.plusDays(1).atStartOfDay(zone);
            String band = bandAt(points.get(i));
            if (!out.isEmpty() && out.get(out.size() - 1).band().equals(band)) {
                Interval last = out.remove(out.size() - 1);
                out.add(new Interval(band, last.from(), end.toInstant()));
            } else {
                out.add(new Interval(band, start.toInstant(), end.toInstant()));
            }
        }
        return out;
    }
}
