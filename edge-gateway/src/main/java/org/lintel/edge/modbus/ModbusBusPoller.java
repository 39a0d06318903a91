package org.lintel.edge.modbus;

import org.lintel.edge.poll.Driver;

import org.lintel.edge.normalize.ReadBlock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.normalize.Normalization;
import org.lintel.edge.normalize.RawResult;
import org.lintel.edge.poll.BusHealth;
import org.lintel.edge.poll.DeviceHealth;
import org.lintel.profile.Point;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.site.Bus;
import org.lintel.site.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one bus on its own thread: one request at a time, devices in turn, each (device, poll group) at its own fixed
 * rate. A bus that cannot keep up skips cycles and counts them instead of queueing a growing backlog. Failures are
 * handled per device: a device that times out gets bad readings with the reason, is retried as the bus says, and
 * after repeated failures is polled less often; the other devices on the bus are not held up beyond one timeout.
 */
public final class ModbusBusPoller implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusBusPoller.class);

    /** One (device, poll group) with its requests and its next due time. */
    private static final class Task {
        final DeviceContext device;
        final int unitId;
        final String group;
        final List<ReadBlock> blocks;
        final long intervalNanos;
        long due;

        Task(DeviceContext device, int unitId, String group, List<ReadBlock> blocks, Duration interval, long due) {
            this.device = device;
            this.unitId = unitId;
            this.group = group;
            this.blocks = blocks;
            this.intervalNanos = interval.toNanos();
            this.due = due;
        }
    }

    private final Bus bus;
    private final ModbusLink link;
    private final Normalization normalization;
    private final Map<String, DeviceHealth> health;
    private final BusHealth busHealth;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    /** Every task, fixed at start (the queue misses the one being polled). */
    private final List<Task> plan;
    private final Thread thread;
    private volatile boolean running = true;

    public ModbusBusPoller(Bus bus, List<DeviceContext> devices, Normalization normalization, Map<String, DeviceHealth> health,
                           BusHealth busHealth, RequestPlanner.Options options) {
        this.bus = bus;
        this.link = new ModbusLink(bus);
        this.normalization = normalization;
        this.health = health;
        this.busHealth = busHealth;
        long now = System.nanoTime();
        List<Task> all = new ArrayList<>();
        for (DeviceContext d : devices) {
            Connection.Modbus c = (Connection.Modbus) d.device().connection();
            // Poll groups that end up with the same interval (e.g. both overridden to 1 s) are read together, so
            // their registers can share requests.
            Map<Duration, List<Point>> byInterval = new LinkedHashMap<>();
            Map<Duration, List<String>> names = new LinkedHashMap<>();
            for (Point p : d.profile().points()) {
                if (p.pollGroup() != null && p.access().canRead()) {
                    Duration interval = d.device().pollGroupOverrides().getOrDefault(p.pollGroup(), d.profile().pollGroups().get(p.pollGroup()));
                    byInterval.computeIfAbsent(interval, i -> new ArrayList<>()).add(p);
                    List<String> n = names.computeIfAbsent(interval, i -> new ArrayList<>());
                    if (!n.contains(p.pollGroup())) {
                        n.add(p.pollGroup());
                    }
                }
            }
            byInterval.forEach((interval, points) -> all.add(new Task(d, c.unitId(), String.join("+", names.get(interval)),
                    RequestPlanner.plan(points, d.profile().modbus(), options), interval, now)));
        }
        // Spread first polls over each interval so that a bus does not start with a burst of every device at once.
        for (int i = 0; i < all.size(); i++) {
            Task t = all.get(i);
            t.due = now + t.intervalNanos * i / Math.max(1, all.size());
            tasks.add(t);
        }
        plan = List.copyOf(all);
        thread = new Thread(this::run, "bus-" + bus.id());
        thread.setDaemon(true);
    }

    @Override
    public String kind() {
        return "modbus";
    }

    @Override
    public void start() {
        thread.start();
    }

    /** The requests of one cycle of every (device, poll group) on this bus, for planning reports and benchmarks. */
    public List<ReadBlock> plannedBlocks() {
        return plan.stream().flatMap(t -> t.blocks.stream()).toList();
    }

    public Bus bus() {
        return bus;
    }

    /** Requests per cycle of every (device, poll group) on this bus, for planning reports. */
    public int requestsPerCycle() {
        return plan.stream().mapToInt(t -> t.blocks.size()).sum();
    }

    private void run() {
        while (running) {
            Task t;
            synchronized (tasks) {
                t = tasks.poll();
            }
            if (t == null) {
                return;
            }
            long wait = t.due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                poll(t);
            } catch (RuntimeException e) {
                LOG.warn("event=poll-failed bus={} device={} reason=\"{}\"", bus.id(), t.device.device().id(), e.toString());
            }
            t.due += t.intervalNanos;
            long now = System.nanoTime();
            if (t.due < now) {
                long behind = (now - t.due) / t.intervalNanos + 1;
                t.due += behind * t.intervalNanos;
                busHealth.skipped(behind);
            }
            synchronized (tasks) {
                tasks.add(t);
            }
        }
    }

    private void poll(Task t) {
        String id = t.device.device().id();
        DeviceHealth h = health.get(id);
        if (h.inBackoff(Instant.now())) {
            return; // polled less often while it keeps failing; its last readings stay bad
        }
        Quality failed = null;
        for (ReadBlock b : t.blocks) {
            Instant requested = Instant.now();
            if (failed != null) {
                // The device already failed this cycle: do not spend another timeout on it.
                normalization.submit(new RawResult.ModbusBlock(id, b, null, null, failed, requested, requested));
                continue;
            }
            Object answer = null;
            Quality q = null;
            long t0 = System.nanoTime();
            for (int attempt = 0; attempt <= bus.retries() && answer == null; attempt++) {
                try {
                    answer = link.read(t.unitId, b);
                } catch (Exception e) {
                    q = ModbusFailures.of(e);
                    if (q.reason() != QualityReason.TIMEOUT && q.reason() != QualityReason.DECODE_ERROR) {
                        break; // an exception answer or a dead connection will not change on an immediate retry
                    }
                }
            }
            long took = System.nanoTime() - t0;
            busHealth.request(took);
            Instant received = Instant.now();
            if (answer != null) {
                if (h.consecutiveFailures() > 0) {
                    LOG.info("event=device-answering site={} gateway={} bus={} device={} failedCycles={}", t.device.siteId(),
                            t.device.gatewayId(), bus.id(), id, h.consecutiveFailures());
                }
                h.success(took, received);
                normalization.submit(new RawResult.ModbusBlock(id, b, answer instanceof int[] w ? w : null,
                        answer instanceof boolean[] bits ? bits : null, null, requested, received));
            } else {
                if (h.consecutiveFailures() == 0) {
                    LOG.info("event=device-not-answering site={} gateway={} bus={} device={} reason={} detail=\"{}\"", t.device.siteId(), t.device.gatewayId(), bus.id(), id,
                            q.reason().name().toLowerCase(), q.detail());
                }
                h.failure(q.reason(), received, Duration.ofNanos(t.intervalNanos));
                normalization.submit(new RawResult.ModbusBlock(id, b, null, null, q, requested, received));
                if (q.reason() != QualityReason.EXCEPTION_CODE) {
                    failed = q;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
