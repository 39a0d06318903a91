package org.lintel.hub.telemetry.status;

import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.GatewayKey;
import org.lintel.hub.telemetry.TelemetryEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether each gateway and device is online, offline or stale, and since when. Births and deaths come from the
 * Sparkplug session; a device that is born but from which nothing was heard for longer than its quiet limit is stale.
 * "Heard" is when the hub received a live message in which the device answered its gateway (a reading of any quality
 * but a timeout, a broken connection or a stale value), never a reading's source time: a parked lift's unchanged
 * values keep the time they last changed. An edge node's death takes its devices offline with it.
 */
public final class StatusBoard {

    /** What the API shows. */
    public enum State { ONLINE, OFFLINE, STALE, UNKNOWN }

    /** The status of one gateway or device. */
    public record Status(String site, String gateway, String device, State state, Instant since, Instant lastSeen) {
    }

    private static final class Entry {
        volatile boolean online;
        volatile Instant since;
        volatile Instant lastSeen;
        volatile Instant staleSince;
    }

    private final Map<GatewayKey, Entry> gateways = new ConcurrentHashMap<>();
    private final Map<DeviceKey, Entry> devices = new ConcurrentHashMap<>();
    private final Map<DeviceKey, GatewayKey> deviceGateway = new ConcurrentHashMap<>();
    private final Function<DeviceKey, Duration> staleAfter;
    private final Clock clock;

    /** @param staleAfter each device's quiet limit */
    public StatusBoard(Function<DeviceKey, Duration> staleAfter, Clock clock) {
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** What ingest reports: births and deaths, and live readings received. */
    public void on(TelemetryEvent event) {
        if (event instanceof TelemetryEvent.GatewayStatusChanged g) {
            gateway(g.gateway(), g.online());
        } else if (event instanceof TelemetryEvent.DeviceStatusChanged d) {
            device(d.gateway(), d.device(), d.online());
        } else if (event instanceof TelemetryEvent.DeviceReported r) {
            seen(r.device(), r.receivedAt());
        }
    }

    public void gateway(GatewayKey gateway, boolean online) {
        Instant now = clock.instant();
        set(gateways.computeIfAbsent(gateway, k -> new Entry()), online, now);
        if (!online) {
            deviceGateway.forEach((device, gw) -> {
                if (gw.equals(gateway)) {
                    set(devices.get(device), false, now);
                }
            });
        }
    }

    public void device(GatewayKey gateway, DeviceKey device, boolean online) {
        deviceGateway.put(device, gateway);
        set(devices.computeIfAbsent(device, k -> new Entry()), online, clock.instant());
    }

    /** A live message in which the device answered arrived at {@code at}. */
    public void seen(DeviceKey device, Instant at) {
        Entry e = devices.get(device);
        if (e != null && (e.lastSeen == null || at.isAfter(e.lastSeen))) {
            e.lastSeen = at;
        }
    }

    private static void set(Entry e, boolean online, Instant now) {
        if (e == null) {
            return;
        }
        if (e.since == null || e.online != online) {
            e.since = now;
        }
        e.online = online;
        if (online && e.lastSeen == null) {
            e.lastSeen = now;
        }
    }

    public Status deviceStatus(String site, String gateway, String device) {
        return status(site, gateway, device, devices.get(new DeviceKey(site, device)));
    }

    public Status gatewayStatus(String site, String gateway) {
        return status(site, gateway, null, gateways.get(new GatewayKey(site, gateway)));
    }

    private Status status(String site, String gateway, String device, Entry e) {
        if (e == null) {
            return new Status(site, gateway, device, State.UNKNOWN, null, null);
        }
        if (!e.online) {
            return new Status(site, gateway, device, State.OFFLINE, e.since, e.lastSeen);
        }
        Instant now = clock.instant();
        if (device != null && e.lastSeen != null) {
            Duration limit = staleAfter.apply(new DeviceKey(site, device));
            if (Duration.between(e.lastSeen, now).compareTo(limit) > 0) {
                return new Status(site, gateway, device, State.STALE, e.lastSeen.plus(limit), e.lastSeen);
            }
        }
        return new Status(site, gateway, device, State.ONLINE, e.since, e.lastSeen);
    }

    /** All known gateways of a site, by id. */
    public List<Status> gateways(String site) {
        List<Status> out = new ArrayList<>();
        gateways.forEach((k, e) -> {
            if (k.site().equals(site)) {
                out.add(status(site, k.gateway(), null, e));
            }
        });
        out.sort(Comparator.comparing(Status::gateway));
        return out;
    }
}
