package org.lintel.hub.scaleout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.lintel.hub.TestEdgeNode;

/**
 * A gateway as Lintel's own behaves toward a clustered broker, driven fast: it follows its site's host STATE (births
 * when it says online, silence and buffering while offline), publishes one meter reading at a time with QoS 1 and
 * counts it only when the broker acknowledged it; a reading without acknowledgement is sent again, to the next broker
 * node when the connection is gone. Every reading has its own timestamp, so the store must end up holding exactly
 * the set of readings sent.
 */
final class LoadGateway implements Runnable {

    static final String ENERGY = "energy.import.total";
    private final String site;
    private final String gateway;
    private final String hostId;
    private final List<String> devices;
    private final List<String> urls;
    private int url;
    private final Instant start;
    final Map<String, Set<Instant>> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicInteger births = new AtomicInteger();
    /** Every STATE this gateway heard: when, through which node, what it said (for a failure's message). */
    final List<String> states = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile boolean online;
    private volatile String alarmDevice;
    private Thread thread;

    LoadGateway(String site, String gateway, String hostId, List<String> devices, List<String> urls, Instant start) {
        this.site = site;
        this.gateway = gateway;
        this.hostId = hostId;
        this.devices = devices;
        this.urls = urls;
        this.start = start;
        devices.forEach(d -> acknowledged.put(d, ConcurrentHashMap.newKeySet()));
    }

    void start() {
        thread = new Thread(this, "load-" + gateway);
        thread.start();
    }

    void stop() throws InterruptedException {
        stop.set(true);
        thread.join(60_000);
    }

    /** Stops sending new readings (what is pending is still delivered). */
    void pause(boolean p) {
        paused.set(p);
    }

    /** Sends a fire from this smoke detector once, with the next reading. */
    void fire(String detector) {
        alarmDevice = detector;
    }

    int total() {
        return acknowledged.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void run() {
        long n = 0;
        Object[] pending = null;
        while (!stop.get()) {
            TestEdgeNode node;
            try {
                node = new TestEdgeNode(urls.get(url), site, gateway, gateway, "unused");
            } catch (Exception down) {
                url = (url + 1) % urls.size();
                reconnects.incrementAndGet();
                sleep(200);
                continue;
            }
            try {
                online = false;
                String via = urls.get(url);
                node.client.subscribe("spBv1.0/STATE/" + hostId, 1, (t, m) -> {
                    online = new String(m.getPayload(), StandardCharsets.UTF_8).contains("\"online\":true");
                    states.add(Instant.now() + " " + via + " online=" + online + " retained=" + m.isRetained() + " total=" + total());
                }).waitForCompletion(10_000);
                while (!stop.get() && node.client.isConnected()) {
                    while (!online && !stop.get() && node.client.isConnected()) {
                        sleep(20);
                    }
                    if (!online || stop.get()) {
                        break;
                    }
                    node.nodeBirth();
                    for (String d : devices) {
                        node.deviceBirth(d, new LinkedHashMap<>(Map.of(ENERGY, "kWh")));
                    }
                    node.deviceBirth("b1-f01-smoke", new LinkedHashMap<>(Map.of("alarm.state", "")));
                    births.incrementAndGet();
                    while (online && !stop.get()) {
                        if (alarmDevice != null) {
                            node.data(alarmDevice, false, new Object[] {"alarm.state", Instant.now(), "fire"});
                            alarmDevice = null;
                        }
                        if (pending == null) {
                            if (paused.get()) {
                                sleep(20);
                                continue;
                            }
                            String device = devices.get((int) (n % devices.size()));
                            // every reading its own millisecond; values rise as a counter does
                            Instant at = start.plusMillis(n * 10);
                            pending = new Object[] {device, at, 1000.0 + n * 0.01};
                            n++;
                        }
                        node.data((String) pending[0], false, new Object[] {ENERGY, pending[1], pending[2]});
                        acknowledged.get((String) pending[0]).add((Instant) pending[1]);
                        pending = null;
                        sleep(4);
                    }
                }
            } catch (Exception lost) {
                // no acknowledgement: the pending reading is sent again after reconnecting, to the next node if this one is gone
                url = (url + 1) % urls.size();
                reconnects.incrementAndGet();
            } finally {
                try {
                    node.close();
                } catch (Exception ignored) {
                    // the connection is already gone
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> union(List<LoadGateway> gateways) {
        List<String> out = new ArrayList<>();
        gateways.forEach(g -> out.addAll(g.devices));
        return out;
    }
}
