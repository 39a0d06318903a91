package org.lintel.hub.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.site.AlarmRule;

/**
 * An immutable snapshot of what the hub must know on every message: which devices belong to which site and
 * gateway, in which building, with which profile, each gateway's MQTT credentials, and the site's alarm rules.
 * Rebuilt after every import.
 */
public record SiteDirectory(Map<String, SiteEntry> sites) {

    public SiteDirectory {
        sites = Map.copyOf(sites);
    }

    public static SiteDirectory empty() {
        return new SiteDirectory(Map.of());
    }

    /**
     * One site as the ingest path sees it.
     *
     * @param quietLimits device id → how long it may go without a message before it is stale (from the site file's
     *                    report interval and the device's poll intervals, {@link org.lintel.site.Liveness})
     */
    public record SiteEntry(String id, String timeZone, Map<String, DeviceEntry> devices, Map<String, GatewayEntry> gateways,
                            List<AlarmRule> alarmRules, Map<String, Duration> quietLimits) {
        public SiteEntry {
            devices = Map.copyOf(devices);
            gateways = Map.copyOf(gateways);
            alarmRules = alarmRules == null ? List.of() : List.copyOf(alarmRules);
            quietLimits = quietLimits == null ? Map.of() : Map.copyOf(quietLimits);
        }

        /** What only the site file says: its alarm rules and each device's quiet limit. */
        public SiteEntry withSiteFile(List<AlarmRule> rules, Map<String, Duration> limits) {
            return new SiteEntry(id, timeZone, devices, gateways, rules, limits);
        }
    }

    /**
     * How long a device may go without a message before it is stale: its site file's quiet limit, or for a device
     * the site files do not describe, that of a device polled every minute on a gateway with the default interval.
     */
    public Duration quietLimit(String site, String device) {
        SiteEntry s = sites.get(site);
        Duration d = s == null ? null : s.quietLimits().get(device);
        return d != null ? d : DEFAULT_QUIET_LIMIT;
    }

    public static final Duration DEFAULT_QUIET_LIMIT = Duration.ofMinutes(12);

    /** A device with what tags its time series and what profile interprets it. */
    public record DeviceEntry(String id, String gateway, String building, String profile) {
    }

    /** A gateway and its MQTT user; the password hash is null when the site file gives no credentials. */
    public record GatewayEntry(String id, String building, String username, String passwordHash) {
    }

    public Optional<SiteEntry> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    public Optional<DeviceEntry> device(String site, String device) {
        SiteEntry s = sites.get(site);
        return s == null ? Optional.empty() : Optional.ofNullable(s.devices().get(device));
    }

    /**
     * The building of a device or gateway: the device's own location, else its gateway's building (a detector placed
     * without a location is in the building its gateway serves); null when neither says.
     */
    public String buildingOf(String site, String id) {
        SiteEntry s = sites.get(site);
        if (s == null) {
            return null;
        }
        DeviceEntry d = s.devices().get(id);
        if (d != null && d.building() != null) {
            return d.building();
        }
        GatewayEntry g = s.gateways().get(d != null ? d.gateway() : id);
        return g == null ? null : g.building();
    }

    /** The gateway that logs in to MQTT as {@code username}, if any. */
    public Optional<Map.Entry<String, GatewayEntry>> gatewayByUser(String username) {
        for (SiteEntry s : sites.values()) {
            for (GatewayEntry g : s.gateways().values()) {
                if (username != null && username.equals(g.username())) {
                    return Optional.of(Map.entry(s.id(), g));
                }
            }
        }
        return Optional.empty();
    }
}
