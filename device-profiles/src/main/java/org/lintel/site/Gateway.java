package org.lintel.site;

import java.time.Duration;
import java.util.List;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * A building gateway: the edge computer that polls its buses and devices and forwards readings to the hub.
 *
 * @param uplink how it reaches the hub, or null when it only polls (e.g. printing readings)
 */
public record Gateway(String id, Label name, String building, List<Bus> buses, Uplink uplink, Where where) {

    public Gateway {
        buses = List.copyOf(buses);
    }

    /**
     * The gateway's Sparkplug B uplink.
     *
     * @param broker            {@code tcp://host:1883} or {@code ssl://host:8883}
     * @param password          normally {@code ${ENV_VAR}}
     * @param primaryHost       the hub's Sparkplug host id; data flows only while its STATE is online (null: always)
     * @param caFile            PEM file of the CA that signed the broker's certificate, relative to the site file
     * @param bufferMegabytes   the store-and-forward buffer's bound on disk
     * @param reportEvery       an unchanged value is reported again after this long, so that the hub can tell a quiet
     *                          device from a silent one; the hub derives when a device is stale from it
     */
    public record Uplink(String broker, String username, String password, String primaryHost, String caFile, long bufferMegabytes,
                         Duration reportEvery) {

        /** Five minutes: a third of the hub's traditional 15-minute stale time, so one lost re-report is not enough. */
        public static final Duration DEFAULT_REPORT_EVERY = Duration.ofMinutes(5);
    }
}
