package org.lintel.hub.telemetry.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.sparkplug.EdgeNodeSession;
import org.lintel.hub.telemetry.sparkplug.HostEvent;
import org.lintel.hub.telemetry.sparkplug.PrimaryHostDecoder;
import org.lintel.hub.telemetry.sparkplug.SessionStore;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.EventBus;
import org.lintel.hub.core.GatewayKey;
import org.lintel.hub.telemetry.TelemetryEvent;
import org.lintel.hub.telemetry.timeseries.StoreUnavailableException;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest path: one thread takes received Sparkplug messages in arrival order, interprets them with the
 * {@link PrimaryHostDecoder}, stores the readings of many messages in one durable write, and only then acknowledges
 * those messages to the broker (at-least-once end to end). When the store is unavailable it keeps the batch and
 * retries with back-off; nothing is acknowledged, so the broker holds back further messages instead of anything
 * being dropped. Readings of devices the registry does not know are rejected and counted, and the good readings
 * around them are kept.
 */
public final class Ingest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    private static final int MAX_BATCH_MESSAGES = 500;

    /**
     * One message as received, with what is needed to acknowledge it later. {@code redelivered} is MQTT's DUP flag: the
     * broker sent it again because the first acknowledgement was late, so its seq was already counted.
     */
    public record Incoming(String topic, byte[] payload, boolean redelivered, Runnable ack) {
    }

    /** Sends a rebirth request to an edge node. */
    public interface RebirthRequester {
        void requestRebirth(String group, String edgeNode, String reason);
    }

    /** How many messages the queue holds at most: a caller of {@link #offer} keeps what it has outstanding below this. */
    public static final int QUEUE_CAPACITY = 10_000;

    private final BlockingQueue<Incoming> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final PrimaryHostDecoder decoder;
    private final TimeSeriesStore store;
    private final Supplier<SiteDirectory> directory;
    private final EventBus events;
    private final HubMetrics metrics;
    private final RebirthRequester rebirth;
    private final ReadingChecks checks;
    private final OverwriteGuard overwrites;
    private final Clock clock;
    private final SessionStore sessions;
    private final Thread worker;
    private final java.util.concurrent.ExecutorService writers;
    private final java.util.concurrent.Semaphore writerSlots;
    private CompletableFuture<Void> notified = CompletableFuture.completedFuture(null);
    private volatile boolean running = true;

    /**
     * @param writerCount how many batches may be written at once: a store with a round-trip latency (InfluxDB over
     *                    HTTP) needs several in flight; the embedded store serialises them on its log anyway
     */
    public Ingest(TimeSeriesStore store, Supplier<SiteDirectory> directory, EventBus events, HubMetrics metrics,
                  RebirthRequester rebirth, ReadingChecks checks, Clock clock, int writerCount, SessionStore sessions) {
        this(store, directory, events, metrics, rebirth, checks, clock, writerCount, sessions, false);
    }

    /** {@code reorderingBroker}: messages come through a broker cluster (see {@link PrimaryHostDecoder}). */
    public Ingest(TimeSeriesStore store, Supplier<SiteDirectory> directory, EventBus events, HubMetrics metrics,
                  RebirthRequester rebirth, ReadingChecks checks, Clock clock, int writerCount, SessionStore sessions, boolean reorderingBroker) {
        this.decoder = new PrimaryHostDecoder(this::refusal, reorderingBroker);
        this.writers = java.util.concurrent.Executors.newFixedThreadPool(writerCount, r -> {
            Thread t = new Thread(r, "hub-store-writer");
            t.setDaemon(true);
            return t;
        });
        this.writerSlots = new java.util.concurrent.Semaphore(writerCount);
        this.store = store;
        this.directory = directory;
        this.events = events;
        this.metrics = metrics;
        this.rebirth = rebirth;
        this.checks = checks;
        this.overwrites = new OverwriteGuard(store, metrics);
        this.clock = clock;
        this.sessions = sessions;
        List<EdgeNodeSession> saved = sessions.load();
        decoder.restore(saved);
        if (!saved.isEmpty()) {
            LOG.info("event=sessions-restored nodes={} online={}", saved.size(), saved.stream().filter(EdgeNodeSession::online).count());
        }
        metrics.queue(queue::size);
        this.worker = new Thread(this::run, "hub-ingest");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Hands over one message; blocks when the queue is full, which holds back the broker. */
    public void accept(Incoming message) throws InterruptedException {
        metrics.message();
        queue.put(message);
    }

    /**
     * Hands over one message without waiting, for a caller that must never block (an event loop) and bounds what it
     * hands over itself; false, with nothing taken, when the queue is full.
     */
    public boolean offer(Incoming message) {
        if (!queue.offer(message)) {
            return false;
        }
        metrics.message();
        return true;
    }

    private void run() {
        List<Incoming> batch = new ArrayList<>();
        while (running) {
            try {
                // a free writer first: while all writers are busy, messages gather in the queue into a larger batch
                writerSlots.acquire();
                Incoming first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    writerSlots.release();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH_MESSAGES - 1);
                List<Interpreted> messages = new ArrayList<>(batch.size());
                for (Incoming m : batch) {
                    List<StoredPoint> points = new ArrayList<>();
                    try {
                        interpret(m, points);
                    } catch (RuntimeException e) {
                        // a fault of ours, triggered by this message only: it is rejected on its own, the rest goes on
                        LOG.error("event=ingest-internal-error topic={} reason=\"{}\"", m.topic(), e.toString(), e);
                        metrics.rejected("internal-error", m.topic(), e.toString());
                        points.clear();
                    }
                    messages.add(new Interpreted(m, points));
                }
                batch.clear();
                // before anything of this batch is acknowledged: a birth the broker no longer holds must be remembered
                saveSessions();
                CompletableFuture<List<StoredPoint>> written = CompletableFuture.supplyAsync(() -> write(messages), writers);
                // subscribers (status, alarms) see batches in the order they were received, whichever write ends first
                notified = notified.thenCombine(written, (a, stored) -> stored).thenAccept(this::notifyStored)
                        .exceptionally(e -> {
                            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                            if (cause instanceof java.util.concurrent.CancellationException) {
                                LOG.info("event=ingest-stopped reason=\"{}\"", cause.getMessage());
                            } else {
                                // storing and acknowledging are done; telling the alarm engine failed, which must be seen
                                LOG.error("event=ingest-notify-failed reason=\"{}\"", cause.toString(), cause);
                            }
                            return null;
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Saves the sessions this batch changed. One that cannot be saved (PostgreSQL down, a name PostgreSQL refuses) is
     * logged and not retried: its messages are stored and acknowledged all the same, and only if the hub restarts
     * before the node's next birth is what a broker queued meanwhile refused as data before birth.
     */
    private void saveSessions() {
        List<EdgeNodeSession> changed = decoder.changedSessions();
        if (changed.isEmpty()) {
            return;
        }
        try {
            sessions.save(changed);
        } catch (RuntimeException all) {
            LOG.warn("event=sessions-save-failed nodes={} action=save-one-by-one reason=\"{}\"", changed.size(), all.getMessage());
            for (EdgeNodeSession s : changed) {
                try {
                    sessions.save(List.of(s));
                } catch (RuntimeException e) {
                    LOG.warn("event=session-save-failed node={} reason=\"{}\"", s.node(), e.getMessage());
                }
            }
        }
    }

    /** A received message and the points it carries. */
    private record Interpreted(Incoming message, List<StoredPoint> points) {
    }

    /**
     * Runs on a writer: stores the batch (retrying while the store is unavailable) and only then acknowledges its
     * messages. If the store refuses the batch itself, each message is stored on its own, so only the message that
     * carries what the store refuses is rejected (and acknowledged, so its gateway does not send it forever).
     */
    private List<StoredPoint> write(List<Interpreted> messages) {
        try {
            List<StoredPoint> all = new ArrayList<>();
            messages.forEach(m -> all.addAll(m.points()));
            List<StoredPoint> stored;
            try {
                storeWithRetry(all);
                stored = all;
            } catch (RuntimeException refused) {
                LOG.warn("event=batch-refused store={} messages={} points={} reason=\"{}\" action=store-message-by-message", store.kind(),
                        messages.size(), all.size(), refused.toString());
                stored = new ArrayList<>();
                for (Interpreted m : messages) {
                    try {
                        storeWithRetry(m.points());
                        stored.addAll(m.points());
                    } catch (RuntimeException e) {
                        metrics.rejected("unstorable", m.message().topic(), m.points().size() + " points refused by the " + store.kind() + " store: " + e);
                    }
                }
            }
            for (Interpreted m : messages) {
                m.message().ack().run();
            }
            return stored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("stopping: " + messages.size() + " messages neither stored nor acknowledged");
        } finally {
            writerSlots.release();
        }
    }

    private void interpret(Incoming m, List<StoredPoint> out) {
        List<HostEvent> decoded;
        try {
            decoded = decoder.accept(m.topic(), m.payload(), m.redelivered());
        } catch (RuntimeException e) {
            metrics.rejected("malformed-payload", m.topic(), e.toString());
            return;
        }
        for (HostEvent e : decoded) {
            if (e instanceof HostEvent.Readings r) {
                readings(r, out);
            } else if (e instanceof HostEvent.Status s) {
                GatewayKey gateway = new GatewayKey(s.group(), s.edgeNode());
                TelemetryEvent change = s.device() == null ? new TelemetryEvent.GatewayStatusChanged(gateway, s.online())
                        : new TelemetryEvent.DeviceStatusChanged(gateway, new DeviceKey(s.group(), s.device()), s.online());
                events.publish(change);
                LOG.info("event={} site={} gateway={} device={}", s.online() ? "birth" : "death", s.group(), s.edgeNode(),
                        s.device() == null ? "-" : s.device());
            } else if (e instanceof HostEvent.Refused rf) {
                metrics.rejected(rf.cause(), rf.group() + "/" + rf.edgeNode() + "/" + rf.device(), rf.reason());
            } else if (e instanceof HostEvent.RebirthNeeded rn) {
                metrics.rejected(rn.cause(), rn.group() + "/" + rn.edgeNode(), rn.reason());
                metrics.rebirthRequested();
                rebirth.requestRebirth(rn.group(), rn.edgeNode(), rn.reason());
            }
        }
    }

    /** Publishes the stored points, one event per device, in the order they were stored. */
    private void notifyStored(List<StoredPoint> points) {
        java.util.Map<DeviceKey, List<StoredPoint>> byDevice = new java.util.LinkedHashMap<>();
        for (StoredPoint p : points) {
            byDevice.computeIfAbsent(new DeviceKey(p.site(), p.device()), k -> new ArrayList<>()).add(p);
        }
        byDevice.forEach((device, list) -> events.publish(new TelemetryEvent.ReadingsStored(device, List.copyOf(list))));
    }


    /** Why this gateway may not publish for this device, per the registry; null when it may. */
    private HostEvent.Refused refusal(String site, String gateway, String device) {
        return refusal(directory.get(), site, gateway, device);
    }

    private static HostEvent.Refused refusal(SiteDirectory dir, String site, String gateway, String device) {
        SiteDirectory.SiteEntry entry = dir.site(site).orElse(null);
        if (entry == null) {
            return new HostEvent.Refused(site, gateway, device, "unknown-site", "Sparkplug group " + site + " is not a site in the registry");
        }
        SiteDirectory.DeviceEntry d = entry.devices().get(device);
        if (d == null) {
            return new HostEvent.Refused(site, gateway, device, "unknown-device", "device " + device + " is not in site " + site
                    + "; import the site file that declares it");
        }
        if (!gateway.equals(d.gateway())) {
            return new HostEvent.Refused(site, gateway, device, "foreign-device", "device " + device + " belongs to gateway " + d.gateway()
                    + " in the registry, not to " + gateway);
        }
        return null;
    }

    private void readings(HostEvent.Readings r, List<StoredPoint> out) {
        SiteDirectory dir = directory.get();
        SiteDirectory.DeviceEntry device = dir.device(r.group(), r.device()).orElse(null);
        if (device == null || !r.edgeNode().equals(device.gateway())) {
            // the decoder admitted the message a moment ago; a site import since then moved or removed the device
            HostEvent.Refused refused = refusal(dir, r.group(), r.edgeNode(), r.device());
            metrics.rejected(refused.cause(), r.group() + "/" + r.edgeNode() + "/" + r.device(), refused.reason());
            return;
        }
        Instant now = clock.instant();
        boolean answered = false;
        ReadingChecks.ForMessage check = checks.forMessage(r.group(), r.edgeNode(), device, now);
        List<StoredPoint> points = new ArrayList<>(r.readings().size());
        for (Reading raw : r.readings()) {
            Reading reading = check.check(raw).orElse(null);
            if (reading == null) {
                continue;
            }
            points.add(point(r.group(), device.building(), reading));
            answered |= reading.quality().deviceAnswered();
        }
        out.addAll(overwrites.admit(r.edgeNode(), points));
        if (answered && !r.historical()) {
            events.publish(new TelemetryEvent.DeviceReported(new DeviceKey(r.group(), device.id()), now));
        }
    }

    private static StoredPoint point(String site, String building, Reading r) {
        Double number = null;
        String text = null;
        Value v = r.value();
        if (v instanceof Value.Numeric n) {
            number = n.value(); // finite: ReadingChecks turned NaN and infinities into bad readings without a value
        } else if (v instanceof Value.Flag f) {
            number = f.value() ? 1.0 : 0.0;
            text = Boolean.toString(f.value());
        } else if (v instanceof Value.State s) {
            text = s.name();
        } else if (v instanceof Value.Text t) {
            text = t.value();
        }
        String reason = r.quality().isGood() ? null
                : r.quality().reason().name().toLowerCase().replace('_', '-') + (r.quality().detail() == null ? "" : ": " + r.quality().detail());
        return new StoredPoint(site, building, r.deviceId(), r.point(), r.sourceTime(), number, text,
                r.quality().level().name().toLowerCase(), reason);
    }

    private void storeWithRetry(List<StoredPoint> points) throws InterruptedException {
        long backoff = 100;
        while (true) {
            long start = System.nanoTime();
            try {
                store.write(points);
                metrics.stored(points.size(), (System.nanoTime() - start) / 1000);
                long now = clock.millis();
                for (StoredPoint p : points) {
                    metrics.lag(now - p.time().toEpochMilli());
                }
                return;
            } catch (StoreUnavailableException e) {
                metrics.storeFailed();
                LOG.warn("event=store-failed store={} points={} retryInMs={} reason=\"{}\"", store.kind(), points.size(), backoff, e.getMessage());
                if (!running) {
                    throw new InterruptedException("stopping with " + points.size() + " points not stored (not acknowledged either)");
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        writers.shutdownNow();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
