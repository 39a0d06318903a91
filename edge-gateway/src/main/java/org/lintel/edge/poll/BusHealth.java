package org.lintel.edge.poll;

import java.util.concurrent.atomic.AtomicLong;

/** A bus's load: time busy with requests since start, requests, and poll cycles skipped because the bus was late. */
public final class BusHealth {

    private final String busId;
    private final long startNanos = System.nanoTime();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong skippedCycles = new AtomicLong();

    public BusHealth(String busId) {
        this.busId = busId;
    }

    public String busId() {
        return busId;
    }

    public void request(long nanos) {
        busyNanos.addAndGet(nanos);
        requests.incrementAndGet();
    }

    public void skipped(long cycles) {
        skippedCycles.addAndGet(cycles);
    }

    /** Share of time since start the bus spent on requests (0–1). */
    public double utilization() {
        long elapsed = Math.max(1, System.nanoTime() - startNanos);
        return Math.min(1.0, busyNanos.get() / (double) elapsed);
    }

    public long requests() {
        return requests.get();
    }

    public long skippedCycles() {
        return skippedCycles.get();
    }
}
