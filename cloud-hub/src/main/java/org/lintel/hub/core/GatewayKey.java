package org.lintel.hub.core;

/** A gateway (Sparkplug edge node) of a site. */
public record GatewayKey(String site, String gateway) {

    @Override
    public String toString() {
        return site + "/" + gateway;
    }
}
