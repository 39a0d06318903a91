package org.lintel.hub.core;

import java.util.Set;

/**
 * The sites this hub instance takes: their Sparkplug groups and all their work (alarms, rollups, plans, SLAs,
 * reminders). Several instances sharing PostgreSQL and the time-series store each take their own sites, so that every
 * device still has one writer. An empty set takes every site, as a single hub does.
 */
public record SiteScope(Set<String> sites) {

    public static final SiteScope ALL = new SiteScope(Set.of());

    public SiteScope {
        sites = Set.copyOf(sites);
    }

    public boolean owns(String site) {
        return sites.isEmpty() || sites.contains(site);
    }

    public boolean isAll() {
        return sites.isEmpty();
    }
}
