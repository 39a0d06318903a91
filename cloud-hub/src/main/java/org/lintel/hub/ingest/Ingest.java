package org.lintel.hub.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lintel.hub.metrics.HubMetrics;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.sparkplug.HostEvent;
import org.lintel.hub.sparkplug.PrimaryHostDecoder;
import org.lintel.hub.status.StatusBoard;
import org.lintel.hub.timeseries.StoreUnavailableException;
import org.lintel.hub.timeseries.StoredPoint;
import org.lintel.hub.timeseries.TimeSeriesStore;
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

    private final BlockingQueue<Incoming> queue = new ArrayBlockingQueue<>(10_000);
    private final PrimaryHostDecoder decoder = new PrimaryHostDecoder();
    private final TimeSeriesStore store;
    private final Supplier<SiteDirectory> directory;
    private final StatusBoard status;
    private final HubMetrics metrics;
    private final RebirthRequester rebirth;
    private final Clock clock;
    private final Thread worker;
    private volatile boolean running = true;

    public Ingest(TimeSeriesStore store, Supplier<SiteDirectory> directory, StatusBoard status, HubMetrics metrics,
                  RebirthRequester rebirth, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.status = status;
        this.metrics = metrics;
        this.rebirth = rebirth;
        this.clock = clock;
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

    private void run() {
        List<Incoming> batch = new ArrayList<>();
        while (running) {
            try {
                Incoming first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH_MESSAGES - 1);
                List<StoredPoint> points = new ArrayList<>();
                for (Incoming m : batch) {
                    interpret(m, points);
                }
                storeWithRetry(points);
                for (Incoming m : batch) {
                    m.ack().run();
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // one bad message must not stop ingestion; the message is acknowledged and counted
                metrics.rejected("internal-error", "ingest", e.toString());
                batch.forEach(m -> m.ack().run());
                batch.clear();
            }
        }
    }

    private void interpret(Incoming m, List<StoredPoint> out) {
        List<HostEvent> events;
        try {
            events = decoder.accept(m.topic(), m.payload(), m.redelivered());
        } catch (RuntimeException e) {
            metrics.rejected("malformed-payload", m.topic(), e.toString());
            return;
        }
        for (HostEvent e : events) {
            if (e instanceof HostEvent.Readings r) {
                readings(r, out);
            } else if (e instanceof HostEvent.Status s) {
                if (s.device() == null) {
                    status.gateway(s.group(), s.edgeNode(), s.online());
                } else {
                    status.device(s.group(), s.edgeNode(), s.device(), s.online());
                }
                LOG.info("event={} site={} gateway={} device={}", s.online() ? "birth" : "death", s.group(), s.edgeNode(),
                        s.device() == null ? "-" : s.device());
            } else if (e instanceof HostEvent.RebirthNeeded rn) {
                metrics.rejected(cause(rn.reason()), rn.group() + "/" + rn.edgeNode(), rn.reason());
                metrics.rebirthRequested();
                rebirth.requestRebirth(rn.group(), rn.edgeNode(), rn.reason());
            }
        }
    }

    private static String cause(String reason) {
        if (reason.startsWith("undecodable")) {
            return "malformed-payload";
        }
        if (reason.startsWith("seq")) {
            return "seq-gap";
        }
        if (reason.startsWith("unknown alias")) {
            return "unknown-alias";
        }
        return "data-before-birth";
    }

    private void readings(HostEvent.Readings r, List<StoredPoint> out) {
        SiteDirectory dir = directory.get();
        SiteDirectory.SiteEntry site = dir.site(r.group()).orElse(null);
        if (site == null) {
            metrics.rejected("unknown-site", r.group() + "/" + r.edgeNode(), "Sparkplug group " + r.group() + " is not a site in the registry");
            return;
        }
        SiteDirectory.DeviceEntry device = site.devices().get(r.device());
        if (device == null) {
            metrics.rejected("unknown-device", r.group() + "/" + r.edgeNode() + "/" + r.device(),
                    "device " + r.device() + " is not in site " + r.group() + "; import the site file that declares it");
            return;
        }
        Instant latest = null;
        for (Reading reading : r.readings()) {
            out.add(point(site.id(), device.building(), reading));
            if (latest == null || reading.sourceTime().isAfter(latest)) {
                latest = reading.sourceTime();
            }
        }
        if (latest != null && !r.historical()) {
            status.seen(site.id(), device.id(), latest);
        }
    }

    private static StoredPoint point(String site, String building, Reading r) {
        Double number = null;
        String text = null;
        Value v = r.value();
        if (v instanceof Value.Numeric n) {
            number = n.value();
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
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
