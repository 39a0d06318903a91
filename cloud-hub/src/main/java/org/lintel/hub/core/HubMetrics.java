package org.lintel.hub.core;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's counters and latencies, exported in the Prometheus text format. Also the one place that logs a rejected
 * message: once per cause (reason and source), so that a misbehaving gateway cannot flood the log.
 */
public final class HubMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(HubMetrics.class);

    private final LongAdder messages = new LongAdder();
    private final LongAdder pointsStored = new LongAdder();
    private final LongAdder storeFailures = new LongAdder();
    private final LongAdder rebirthRequests = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Set<String> loggedCauses = ConcurrentHashMap.newKeySet();
    private final Recorder storeLatencyMicros = new Recorder(3);
    private final Recorder ingestLagMillis = new Recorder(3);
    private volatile Histogram lastStore = new Histogram(3);
    private volatile Histogram lastLag = new Histogram(3);
    private volatile LongSupplier queued = () -> 0;

    public void message() {
        messages.increment();
    }

    public void stored(int points, long micros) {
        pointsStored.add(points);
        storeLatencyMicros.recordValue(Math.max(0, micros));
    }

    /** Time from the gateway's reading to its durable storage. */
    public void lag(long millis) {
        ingestLagMillis.recordValue(Math.max(0, Math.min(millis, 86_400_000L)));
    }

    public void storeFailed() {
        storeFailures.increment();
    }

    public void rebirthRequested() {
        rebirthRequests.increment();
    }

    public void queue(LongSupplier depth) {
        this.queued = depth;
    }

    private volatile LongSupplier rollupCpuNanos = () -> 0;
    private volatile LongSupplier rollupReadings = () -> 0;
    private volatile LongSupplier rollupQueue = () -> 0;
    private volatile LongSupplier rollupOverflows = () -> 0;

    /**
     * The energy rollups' own thread: its CPU time, the readings it took in, the events waiting for it and the batches
     * that found its queue full (their meters read back from the store).
     */
    public void energyRollups(LongSupplier cpuNanos, LongSupplier readings, LongSupplier queue, LongSupplier overflows) {
        this.rollupCpuNanos = cpuNanos;
        this.rollupReadings = readings;
        this.rollupQueue = queue;
        this.rollupOverflows = overflows;
    }

    /** Counts a rejected message and logs it the first time this reason is seen from this source. */
    public void rejected(String reason, String source, String detail) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
        if (loggedCauses.add(reason + "|" + source)) {
            LOG.warn("event=message-rejected reason={} source={} detail=\"{}\" (further ones from this source are only counted)", reason, source, detail);
        }
    }

    public long rejectedCount(String reason) {
        LongAdder a = rejected.get(reason);
        return a == null ? 0 : a.sum();
    }

    public long pointsStored() {
        return pointsStored.sum();
    }

    /** The Prometheus text exposition of every metric. */
    public synchronized String prometheus() {
        lastStore = storeLatencyMicros.getIntervalHistogram();
        lastLag = ingestLagMillis.getIntervalHistogram();
        StringBuilder b = new StringBuilder();
        counter(b, "lintel_hub_messages_total", "Sparkplug messages received", messages.sum());
        counter(b, "lintel_hub_points_stored_total", "points durably stored", pointsStored.sum());
        counter(b, "lintel_hub_store_failures_total", "failed store attempts (retried)", storeFailures.sum());
        counter(b, "lintel_hub_rebirth_requests_total", "rebirth requests sent to edge nodes", rebirthRequests.sum());
        b.append("# HELP lintel_hub_rejected_messages_total messages rejected, by reason\n# TYPE lintel_hub_rejected_messages_total counter\n");
        rejected.forEach((reason, n) -> b.append("lintel_hub_rejected_messages_total{reason=\"").append(reason).append("\"} ").append(n.sum()).append('\n'));
        b.append("# HELP lintel_hub_ingest_queue messages received but not yet stored\n# TYPE lintel_hub_ingest_queue gauge\n")
                .append("lintel_hub_ingest_queue ").append(queued.getAsLong()).append('\n');
        b.append("# HELP lintel_energy_rollup_cpu_seconds_total CPU time of the energy rollups' thread\n# TYPE lintel_energy_rollup_cpu_seconds_total counter\n")
                .append("lintel_energy_rollup_cpu_seconds_total ").append(rollupCpuNanos.getAsLong() / 1e9).append('\n');
        counter(b, "lintel_energy_rollup_readings_total", "meter readings taken into the energy rollups", rollupReadings.getAsLong());
        counter(b, "lintel_energy_rollup_overflows_total", "batches of readings that found the rollups' queue full (read back from the store)",
                rollupOverflows.getAsLong());
        b.append("# HELP lintel_energy_rollup_queue stored readings waiting for the energy rollups\n# TYPE lintel_energy_rollup_queue gauge\n")
                .append("lintel_energy_rollup_queue ").append(rollupQueue.getAsLong()).append('\n');
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            b.append("# HELP process_cpu_seconds_total CPU time of the hub's process\n# TYPE process_cpu_seconds_total counter\n")
                    .append("process_cpu_seconds_total ").append(os.getProcessCpuTime() / 1e9).append('\n');
        }
        summary(b, "lintel_hub_store_latency_seconds", "time to store one batch durably, since the last scrape", lastStore, 1e-6);
        summary(b, "lintel_hub_ingest_lag_seconds", "time from the gateway's reading to durable storage, since the last scrape", lastLag, 1e-3);
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(v).append('\n');
    }

    private static void summary(StringBuilder b, String name, String help, Histogram h, double scale) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" summary\n");
        for (double q : new double[] {0.5, 0.99}) {
            b.append(name).append("{quantile=\"").append(q).append("\"} ").append(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(q * 100) * scale).append('\n');
        }
        b.append(name).append("_count ").append(h.getTotalCount()).append('\n');
    }
}
