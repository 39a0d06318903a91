package org.lintel.hub.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each gateway and device is online, offline or stale, and since when. Births and deaths come from the
 * Sparkplug session; a device that is born but has sent nothing for longer than {@code staleAfter} is stale. An edge
 * node's death takes its devices offline with it.
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

    private final Map<String, Entry> gateways = new ConcurrentHashMap<>();
    private final Map<String, Entry> devices = new ConcurrentHashMap<>();
    private final Map<String, String> deviceGateway = new ConcurrentHashMap<>();
    private final Duration staleAfter;
    private final Clock clock;

    public StatusBoard(Duration staleAfter, Clock clock) {
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    public void gateway(String site, String gateway, boolean online) {
        Instant now = clock.instant();
        set(gateways.computeIfAbsent(site + "/" + gateway, k -> new Entry()), online, now);
        if (!online) {
            deviceGateway.forEach((device, gw) -> {
                if (gw.equals(site + "/" + gateway)) {
                    set(devices.get(device), false, now);
                }
            });
        }
    }

    public void device(String site, String gateway, String device, boolean online) {
        String key = site + "/" + device;
        deviceGateway.put(key, site + "/" + gateway);
        set(devices.computeIfAbsent(key, k -> new Entry()), online, clock.instant());
    }

    /** A reading from the device arrived. */
    public void seen(String site, String device, Instant at) {
        Entry e = devices.get(site + "/" + device);
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
        return status(site, gateway, device, devices.get(site + "/" + device));
    }

    public Status gatewayStatus(String site, String gateway) {
        return status(site, gateway, null, gateways.get(site + "/" + gateway));
    }

    private Status status(String site, String gateway, String device, Entry e) {
        if (e == null) {
            return new Status(site, gateway, device, State.UNKNOWN, null, null);
        }
        if (!e.online) {
            return new Status(site, gateway, device, State.OFFLINE, e.since, e.lastSeen);
        }
        Instant now = clock.instant();
        if (device != null && e.lastSeen != null && Duration.between(e.lastSeen, now).compareTo(staleAfter) > 0) {
            return new Status(site, gateway, device, State.STALE, e.lastSeen.plus(staleAfter), e.lastSeen);
        }
        return new Status(site, gateway, device, State.ONLINE, e.since, e.lastSeen);
    }

    /** All known gateways of a site, by id. */
    public List<Status> gateways(String site) {
        List<Status> out = new ArrayList<>();
        gateways.forEach((k, e) -> {
            if (k.startsWith(site + "/")) {
                out.add(status(site, k.substring(site.length() + 1), null, e));
            }
        });
        out.sort(Comparator.comparing(Status::gateway));
        return out;
    }
}
