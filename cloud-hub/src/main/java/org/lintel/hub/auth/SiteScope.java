package org.lintel.hub.auth;

import java.util.Set;
import java.util.TreeSet;

/** The communities (sites) a person or token may see and act on: all of them, or those granted by name. */
public record SiteScope(boolean all, Set<String> sites) {

    public static final SiteScope ALL = new SiteScope(true, Set.of());

    public SiteScope {
        sites = all ? Set.of() : Set.copyOf(new TreeSet<>(sites));
    }

    public static SiteScope of(Set<String> sites) {
        return new SiteScope(false, sites);
    }

    public boolean allows(String site) {
        return all || sites.contains(site);
    }

    /** For JSON: {@code "*"} for every site, else the sorted site ids. */
    public Object asJson() {
        return all ? "*" : new TreeSet<>(sites);
    }
}
