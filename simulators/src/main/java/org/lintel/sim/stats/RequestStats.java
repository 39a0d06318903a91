package org.lintel.sim.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Request counts and service latencies per protocol, for the HTTP API's {@code /stats} and the scale benchmark.
 * Latency is the time from a complete request to the response leaving, excluding deliberate delays (baud-rate pacing
 * and "slow" scenarios are counted separately as wire time).
 */
public final class RequestStats {

    private static final class Counter {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder unanswered = new LongAdder();
        final Histogram micros = new ConcurrentHistogram(60_000_000L, 3);
    }

    private final Map<String, Counter> byProtocol = new ConcurrentHashMap<>();

    private Counter of(String protocol) {
        return byProtocol.computeIfAbsent(protocol, p -> new Counter());
    }

    public void answered(String protocol, long nanos) {
        Counter c = of(protocol);
        c.requests.increment();
        c.micros.recordValue(Math.max(0, Math.min(60_000_000L, nanos / 1000)));
    }

    public void failed(String protocol) {
        Counter c = of(protocol);
        c.requests.increment();
        c.errors.increment();
    }

    /** A request deliberately left without answer (silent device) or whose frame was discarded (bad CRC). */
    public void unanswered(String protocol) {
        Counter c = of(protocol);
        c.requests.increment();
        c.unanswered.increment();
    }

    /** protocol → {requests, errors, unanswered, p50_us, p99_us, max_us}. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        byProtocol.forEach((p, c) -> {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("requests", c.requests.sum());
            m.put("errors", c.errors.sum());
            m.put("unanswered", c.unanswered.sum());
            m.put("p50_us", c.micros.getValueAtPercentile(50));
            m.put("p99_us", c.micros.getValueAtPercentile(99));
            m.put("max_us", c.micros.getMaxValue());
            out.put(p, m);
        });
        return out;
    }
}
