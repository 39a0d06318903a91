package org.lintel.edge.health;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.lintel.edge.poll.BusHealth;
import org.lintel.edge.poll.DeviceHealth;
import org.lintel.reading.QualityReason;

/**
 * The gateway's health in the Prometheus text exposition format: per device last success, errors by reason, round-trip
 * time and consecutive failures; per bus utilization, requests and skipped cycles.
 */
public final class Metrics {

    private Metrics() {
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The uplink's buffer: backlog, what the broker confirmed, what the drop policy discarded. */
    public static String renderUplink(org.lintel.edge.sparkplug.SparkplugUplink up, String siteId, String gatewayId) {
        if (up == null) {
            return "";
        }
        String base = "site=\"" + esc(siteId) + "\",gateway=\"" + esc(gatewayId) + "\"";
        org.lintel.edge.forward.ReadingLog log = up.buffer();
        org.lintel.edge.forward.ReadingLog.Dropped d = log.dropped();
        return "# HELP lintel_uplink_live 1 while connected and the primary host is online.\n# TYPE lintel_uplink_live gauge\n"
                + "lintel_uplink_live{" + base + "} " + (up.isLive() ? 1 : 0) + "\n"
                + "# HELP lintel_buffer_backlog_records Records in the store-and-forward buffer not yet confirmed by the broker.\n"
                + "# TYPE lintel_buffer_backlog_records gauge\nlintel_buffer_backlog_records{" + base + "} " + log.backlog() + "\n"
                + "# HELP lintel_buffer_bytes Disk used by the buffer.\n# TYPE lintel_buffer_bytes gauge\n"
                + "lintel_buffer_bytes{" + base + "} " + log.size() + "\n"
                + "# HELP lintel_buffer_dropped_readings_total Readings the full buffer discarded, by kind.\n"
                + "# TYPE lintel_buffer_dropped_readings_total counter\n"
                + "lintel_buffer_dropped_readings_total{" + base + ",kind=\"gauge\"} " + d.gaugeReadings() + "\n"
                + "lintel_buffer_dropped_readings_total{" + base + ",kind=\"counter-or-state\"} " + d.preciousReadings() + "\n"
                + "# HELP lintel_uplink_published_total DDATA messages the broker acknowledged.\n# TYPE lintel_uplink_published_total counter\n"
                + "lintel_uplink_published_total{" + base + "} " + up.published() + "\n";
    }

    public static String render(GatewayVitals gw, String siteId, String gatewayId) {
        StringBuilder b = new StringBuilder();
        String base = "site=\"" + esc(siteId) + "\",gateway=\"" + esc(gatewayId) + "\"";
        b.append("# HELP lintel_points_normalized_total Points decoded and normalised (before report by exception).\n")
                .append("# TYPE lintel_points_normalized_total counter\n")
                .append("lintel_points_normalized_total{").append(base).append("} ").append(gw.normalizedPoints()).append('\n');
        b.append("# HELP lintel_readings_reported_total Readings passed on after report by exception.\n")
                .append("# TYPE lintel_readings_reported_total counter\n")
                .append("lintel_readings_reported_total{").append(base).append("} ").append(gw.reportedReadings()).append('\n');
        b.append("# HELP lintel_device_last_success_seconds Unix time of the device's last good answer.\n");
        b.append("# TYPE lintel_device_last_success_seconds gauge\n");
        for (DeviceHealth h : gw.deviceHealth().values()) {
            Instant t = h.lastSuccess();
            b.append("lintel_device_last_success_seconds{").append(base).append(",device=\"").append(esc(h.deviceId())).append("\"} ")
                    .append(t == null ? "0" : String.format(Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0)).append('\n');
        }
        b.append("# HELP lintel_device_errors_total Failed requests by reason.\n# TYPE lintel_device_errors_total counter\n");
        for (DeviceHealth h : gw.deviceHealth().values()) {
            for (Map.Entry<QualityReason, Long> e : h.errors().entrySet()) {
                b.append("lintel_device_errors_total{").append(base).append(",device=\"").append(esc(h.deviceId())).append("\",reason=\"")
                        .append(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\"} ").append(e.getValue()).append('\n');
            }
        }
        b.append("# HELP lintel_device_round_trip_seconds Round-trip time of the device's last good request.\n# TYPE lintel_device_round_trip_seconds gauge\n");
        for (DeviceHealth h : gw.deviceHealth().values()) {
            b.append("lintel_device_round_trip_seconds{").append(base).append(",device=\"").append(esc(h.deviceId())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", h.rttMicros() / 1e6)).append('\n');
        }
        b.append("# HELP lintel_device_consecutive_failures Failed cycles in a row (0 = healthy).\n# TYPE lintel_device_consecutive_failures gauge\n");
        for (DeviceHealth h : gw.deviceHealth().values()) {
            b.append("lintel_device_consecutive_failures{").append(base).append(",device=\"").append(esc(h.deviceId())).append("\"} ")
                    .append(h.consecutiveFailures()).append('\n');
        }
        b.append("# HELP lintel_bus_utilization Share of time the bus spent on requests since start.\n# TYPE lintel_bus_utilization gauge\n");
        for (BusHealth h : gw.busHealth().values()) {
            b.append("lintel_bus_utilization{").append(base).append(",bus=\"").append(esc(h.busId())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.4f", h.utilization())).append('\n');
        }
        b.append("# HELP lintel_bus_requests_total Requests sent on the bus.\n# TYPE lintel_bus_requests_total counter\n");
        for (BusHealth h : gw.busHealth().values()) {
            b.append("lintel_bus_requests_total{").append(base).append(",bus=\"").append(esc(h.busId())).append("\"} ").append(h.requests()).append('\n');
        }
        b.append("# HELP lintel_bus_skipped_cycles_total Poll cycles skipped because the bus could not keep up.\n# TYPE lintel_bus_skipped_cycles_total counter\n");
        for (BusHealth h : gw.busHealth().values()) {
            b.append("lintel_bus_skipped_cycles_total{").append(base).append(",bus=\"").append(esc(h.busId())).append("\"} ").append(h.skippedCycles()).append('\n');
        }
        return b.toString();
    }
}
