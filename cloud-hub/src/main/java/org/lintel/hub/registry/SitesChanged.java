package org.lintel.hub.registry;

/** A site file was imported: the directory (gateways, devices, alarm rules) is the new one from now on. */
public record SitesChanged(SiteDirectory directory) {
}
