package org.lintel.hub.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.lintel.check.Problems;
import org.lintel.hub.core.EventBus;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.Liveness;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites as the running hub knows them: the registry's snapshot ({@link SiteDirectory}) with each site's alarm
 * rules and each device's quiet limit, rebuilt after every import and announced as {@link SitesChanged}.
 */
public final class SiteCatalog implements Supplier<SiteDirectory> {

    private static final Logger LOG = LoggerFactory.getLogger(SiteCatalog.class);

    private final RegistryStore registry;
    private final Supplier<ProfileLibrary> profiles;
    private final EventBus events;
    private final AtomicReference<SiteDirectory> directory = new AtomicReference<>(SiteDirectory.empty());
    /** Each site's file as last parsed, with the library it was parsed against: an import re-parses its own site only. */
    private final Map<String, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    private record Parsed(String text, ProfileLibrary library, SiteDirectory directory, Optional<Site> site) {
    }

    private final org.lintel.hub.core.SiteScope scope;

    public SiteCatalog(RegistryStore registry, Supplier<ProfileLibrary> profiles, EventBus events) {
        this(registry, profiles, events, org.lintel.hub.core.SiteScope.ALL);
    }

    /** A catalog of the sites in {@code scope} only: what this hub instance serves of the shared registry. */
    public SiteCatalog(RegistryStore registry, Supplier<ProfileLibrary> profiles, EventBus events, org.lintel.hub.core.SiteScope scope) {
        this.registry = registry;
        this.profiles = profiles;
        this.events = events;
        this.scope = scope;
        refresh();
    }

    public org.lintel.hub.core.SiteScope scope() {
        return scope;
    }

    /**
     * Imports the site files given at start (each must be valid) and returns the profile library extended by their
     * profile folders: as for the validator and the gateways, a site's profile replaces a built-in one of the same id.
     */
    public static ProfileLibrary importFiles(RegistryStore registry, List<Path> files, ProfileLibrary builtIn, Instant at) {
        ProfileLibrary profiles = builtIn;
        for (Path file : files) {
            SiteLoader.Loaded loaded = SiteLoader.load(file);
            Site site = loaded.orThrow();
            profiles = loaded.profiles().with(profiles);
            try {
                registry.importSite(site, file.getFileName().toString(), Files.readString(file), at);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return profiles;
    }

    @Override
    public SiteDirectory get() {
        return directory.get();
    }

    /** Rebuilds the directory from the registry (after an import) and tells the subscribers. */
    public void refresh() {
        // the directory is still the old one here, so a parse stamped with it would pass for current: the import's
        // new text must be compared (a re-import that changed only alarm rules was once missed this way)
        parsed.replaceAll((site, p) -> new Parsed(p.text(), p.library(), null, p.site()));
        SiteDirectory d = registry.directory();
        Map<String, SiteDirectory.SiteEntry> withRules = new HashMap<>();
        d.sites().forEach((id, entry) -> {
            if (!scope.owns(id)) {
                return;
            }
            Optional<Site> file = siteFile(id);
            withRules.put(id, entry.withSiteFile(file.map(Site::alarmRules).orElse(List.of()), file.map(this::quietLimits).orElse(Map.of())));
        });
        SiteDirectory fresh = new SiteDirectory(withRules);
        directory.set(fresh);
        events.publish(new SitesChanged(fresh));
    }

    /** Every gateway (Sparkplug edge node) id of every site. */
    public Set<String> gatewayIds() {
        Set<String> ids = new TreeSet<>();
        directory.get().sites().values().forEach(s -> ids.addAll(s.gateways().keySet()));
        return ids;
    }

    /** A device's (or gateway's) building, for routing alarms to the building's on-call staff. */
    public String buildingOf(String site, String device) {
        return directory.get().buildingOf(site, device);
    }

    /**
     * The site's file as last imported, parsed (kept while its text and the profile library stay the same). It was
     * valid then; if it no longer is, empty: no alarm rules apply and there is no meter tree.
     */
    public Optional<Site> siteFile(String site) {
        ProfileLibrary library = profiles.get();
        Parsed known = parsed.get(site);
        // nothing was imported since it was parsed (an import refreshes the directory): no need to read the text again,
        // which for a 10,000-flat community is megabytes from PostgreSQL on every dashboard request
        if (known != null && known.library() == library && known.directory() == directory.get()) {
            return known.site();
        }
        SiteDirectory seen = directory.get();
        Optional<RegistryStore.SiteSource> source = registry.storedSource(site);
        if (source.isEmpty()) {
            parsed.remove(site);
            return Optional.empty();
        }
        Parsed last = parsed.get(site);
        if (last != null && last.library() == library && last.text().equals(source.get().text())) {
            parsed.put(site, new Parsed(last.text(), library, seen, last.site()));
            return last.site();
        }
        Problems problems = new Problems();
        SiteLoader.Loaded loaded = SiteLoader.loadText(source.get().name(), source.get().text(), library, problems);
        if (loaded.site().isEmpty()) {
            LOG.warn("event=site-file-unreadable site={} problems=\"{}\"", site, problems);
        }
        parsed.put(site, new Parsed(source.get().text(), library, seen, loaded.site()));
        return loaded.site();
    }

    /** Each device's quiet limit, from its gateway's report interval and its own poll intervals. */
    private Map<String, Duration> quietLimits(Site site) {
        Map<String, Duration> limits = new HashMap<>();
        Map<String, Gateway.Uplink> uplinks = new HashMap<>();
        site.gateways().forEach(g -> uplinks.putIfAbsent(g.id(), g.uplink()));
        for (Device d : site.devices()) {
            profiles.get().find(d.profile()).ifPresent(p -> limits.put(d.id(), Liveness.quietLimit(uplinks.get(d.gateway()), d, p)));
        }
        return limits;
    }
}
