package org.lintel.hub.telemetry.manual;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.lintel.hub.core.RefusedFile;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a CSV of counter readings {@code device,point,time,value} (a header line first; the time an ISO local
 * date-time in the site's zone or with an offset; the value in the point's canonical unit). All or nothing: a file
 * with any bad line is refused with every problem at its line, and nothing is stored. A line that repeats a stored
 * reading is skipped; one that differs from a stored reading at the same time is a problem.
 */
public final class ManualReadings {

    private final java.util.function.Consumer<org.lintel.hub.telemetry.TelemetryEvent> events;

    private static final Logger LOG = LoggerFactory.getLogger(ManualReadings.class);
    static final int MAX_LINES = 500_000;
    static final int MAX_PROBLEMS = 100;

    /** What an import did. */
    public record Result(int stored, int alreadyStored) {
    }

    private final TimeSeriesStore store;
    private final Function<String, Optional<DeviceProfile>> profiles;
    private final Clock clock;

    public ManualReadings(TimeSeriesStore store, Function<String, Optional<DeviceProfile>> profiles, Clock clock,
                          java.util.function.Consumer<org.lintel.hub.telemetry.TelemetryEvent> events) {
        this.events = events;
        this.store = store;
        this.profiles = profiles;
        this.clock = clock;
    }

    public Result importCsv(SiteDirectory.SiteEntry site, String name, String text) {
        ZoneId zone = ZoneId.of(site.timeZone());
        List<String> problems = new ArrayList<>();
        Map<String, List<StoredPoint>> bySeries = new LinkedHashMap<>();
        Instant now = clock.instant();
        int lines = 0;
        try (CSVParser csv = CSVParser.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get())) {
            List<String> header = csv.getHeaderNames();
            for (String need : List.of("device", "point", "time", "value")) {
                if (!header.contains(need)) {
                    throw new RefusedFile(name + ":1: the header has no column '" + need + "'; write device,point,time,value", List.of(name + ":1: header: "
                            + "expected the columns device,point,time,value; found " + header));
                }
            }
            for (CSVRecord r : csv) {
                lines++;
                if (lines > MAX_LINES) {
                    throw new RefusedFile(name + ": more than " + MAX_LINES + " readings; split the file", List.of(name + ":" + r.getRecordNumber()
                            + ": more than " + MAX_LINES + " readings in one file"));
                }
                String at = name + ":" + (r.getRecordNumber() + 1) + ": ";
                line(site, zone, now, r, at, problems).ifPresent(p -> bySeries.computeIfAbsent(p.device() + '\u0000' + p.point(), k -> new ArrayList<>()).add(p));
                if (problems.size() >= MAX_PROBLEMS) {
                    break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new RefusedFile(name + " is not CSV: " + e.getMessage(), List.of(name + ": " + e.getMessage()));
        }
        if (lines == 0) {
            throw new RefusedFile(name + " has no readings below its header", List.of(name + ":2: expected a reading such as b1-0101-em,energy.import.total,"
                    + "2026-11-01T00:00,1234.56"));
        }
        int already = 0;
        List<StoredPoint> fresh = new ArrayList<>();
        for (List<StoredPoint> series : bySeries.values()) {
            StoredPoint first = series.get(0);
            Instant from = series.stream().map(StoredPoint::time).min(Instant::compareTo).orElseThrow();
            Instant to = series.stream().map(StoredPoint::time).max(Instant::compareTo).orElseThrow().plusMillis(1);
            Map<Instant, StoredPoint> stored = new HashMap<>();
            store.history(first.site(), first.device(), first.point(), from, to, Integer.MAX_VALUE).forEach(s -> stored.put(s.time(), s));
            for (StoredPoint p : series) {
                StoredPoint existing = stored.get(p.time());
                if (existing == null) {
                    fresh.add(p);
                } else if (existing.number() != null && existing.number().equals(p.number())) {
                    already++;
                } else if (problems.size() < MAX_PROBLEMS) {
                    problems.add(name + ": " + p.device() + " " + p.point() + " at " + p.time() + " is stored as " + existing.number() + "; a different reading ("
                            + p.number() + ") does not replace it");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RefusedFile(problems.size() + (problems.size() >= MAX_PROBLEMS ? "+" : "") + " problem(s) in " + name + "; nothing was stored", problems);
        }
        for (int i = 0; i < fresh.size(); i += 10_000) {
            store.write(fresh.subList(i, Math.min(fresh.size(), i + 10_000)));
        }
        if (!fresh.isEmpty()) {
            Map<String, Instant> earliest = new HashMap<>();
            fresh.forEach(p -> earliest.merge(p.device(), p.time(), (a, b) -> a.isBefore(b) ? a : b));
            events.accept(new org.lintel.hub.telemetry.TelemetryEvent.ReadingsImported(site.id(), earliest));
        }
        LOG.info("event=manual-readings-imported site={} file=\"{}\" stored={} alreadyStored={}", site.id(), name.replace('"', '\''), fresh.size(), already);
        return new Result(fresh.size(), already);
    }

    private Optional<StoredPoint> line(SiteDirectory.SiteEntry site, ZoneId zone, Instant now, CSVRecord r, String at, List<String> problems) {
        if (!r.isConsistent()) {
            problems.add(at + "expected 4 fields device,point,time,value; found " + r.size());
            return Optional.empty();
        }
        String deviceId = r.get("device");
        SiteDirectory.DeviceEntry device = site.devices().get(deviceId);
        if (device == null) {
            problems.add(at + "device: no device '" + clip(deviceId) + "' in site " + site.id());
            return Optional.empty();
        }
        String pointName = r.get("point");
        Optional<Point> point = profiles.apply(device.profile()).flatMap(p -> p.point(pointName));
        if (point.isEmpty() || point.get().kind() != PointKind.COUNTER) {
            problems.add(at + "point: '" + clip(pointName) + "' is not a counter of " + deviceId + " (profile " + device.profile() + "); manual readings are"
                    + " of counters such as energy.import.total or volume.forward.total");
            return Optional.empty();
        }
        Instant time;
        String t = r.get("time");
        try {
            time = t.length() > 19 && (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) ? OffsetDateTime.parse(t).toInstant()
                    : LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(at + "time: '" + clip(t) + "' is not a time such as 2026-11-01T00:00 (the site's local time) or 2026-11-01T00:00:00+08:00");
            return Optional.empty();
        }
        if (time.isAfter(now)) {
            problems.add(at + "time: " + t + " is in the future; a reading is of a meter already read");
            return Optional.empty();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(r.get("value"));
        } catch (NumberFormatException e) {
            problems.add(at + "value: '" + clip(r.get("value")) + "' is not a number such as 1234.56");
            return Optional.empty();
        }
        if (value.signum() < 0 || value.precision() - value.scale() > 12) {
            problems.add(at + "value: " + value.toPlainString() + " is not a counter's reading (0 or more, at most 12 digits before the point)");
            return Optional.empty();
        }
        return Optional.of(new StoredPoint(site.id(), device.building(), deviceId, pointName, time, value.doubleValue(), null, "good", null));
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
