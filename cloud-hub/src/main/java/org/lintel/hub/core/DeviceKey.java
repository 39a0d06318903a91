package org.lintel.hub.core;

/** A device of a site: the key under which the hub keeps anything per device (status, alarms, counters). */
public record DeviceKey(String site, String device) {

    @Override
    public String toString() {
        return site + "/" + device;
    }
}
