package org.lintel.hub;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.lintel.check.Problems;
import org.lintel.hub.alarm.AlarmEngine;
import org.lintel.hub.alarm.AlarmKpis;
import org.lintel.hub.alarm.AckLinks;
import org.lintel.hub.alarm.AlarmSink;
import org.lintel.hub.alarm.EscalationTable;
import org.lintel.hub.alarm.Escalator;
import org.lintel.hub.alarm.AlarmStore;
import org.lintel.hub.alarm.EscalationFile;
import org.lintel.hub.alarm.WebhookNotifier;
import org.lintel.hub.api.ApiContext;
import org.lintel.hub.api.ApiServer;
import org.lintel.hub.api.ApiTokens;
import org.lintel.hub.api.Role;
import org.lintel.hub.database.Database;
import org.lintel.hub.datafolder.DataFolderLock;
import org.lintel.hub.database.EmbeddedPostgres;
import org.lintel.hub.endpoint.GatewayAccess;
import org.lintel.hub.endpoint.GatewayEndpoint;
import org.lintel.hub.ingest.Ingest;
import org.lintel.hub.ingest.ReadingChecks;
import org.lintel.hub.metrics.HubMetrics;
import org.lintel.hub.registry.RegistryStore;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.sparkplug.PrimaryHost;
import org.lintel.hub.status.StatusBoard;
import org.lintel.hub.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.timeseries.InfluxTimeSeriesStore;
import org.lintel.hub.timeseries.TimeSeriesStore;
import org.lintel.hub.usage.ConsumptionCalculator;
import org.lintel.profile.ProfileLibrary;
import org.lintel.site.Secrets;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub: relational store, time-series store, ingest, the alarm engine, the gateways' MQTT side (the hub's
 * own gateway endpoint, or a Sparkplug primary host on an external broker), and the HTTP API. Started in that order
 * and stopped in reverse; gateways are let in only once everything that handles their messages runs.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final HubMetrics metrics = new HubMetrics();
    private final AtomicReference<SiteDirectory> directory = new AtomicReference<>(SiteDirectory.empty());
    private RegistryStore registry;
    private volatile PrimaryHost host;
    private AlarmEngine alarms;
    private Escalator escalator;
    private ProfileLibrary profiles;
    private TimeSeriesStore store;
    private ApiServer api;
    private String brokerUrl;
    private String adminToken;

    private Hub() {
    }

    public static Hub start(HubConfig config) {
        Hub hub = new Hub();
        try {
            hub.doStart(config);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    private void doStart(HubConfig config) {
        Clock clock = Clock.systemUTC();
        Problems libraryProblems = new Problems();
        profiles = ProfileLibrary.builtIn(libraryProblems);

        started.push(DataFolderLock.claim(config.data()));
        String jdbc = config.postgresUrl();
        if (jdbc == null) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(config.data().resolve("postgres"), config.postgresPort());
            started.push(pg);
            jdbc = pg.jdbcUrl();
        }
        Database db = Database.open(jdbc, config.postgresUser(), config.postgresPassword());
        started.push(db);
        registry = new RegistryStore(db, Secrets.fromEnvironment());
        ApiTokens tokens = new ApiTokens(db);
        adminToken = bootstrapAdmin(tokens, config);
        for (Path file : config.sites()) {
            SiteLoader.Loaded loaded = SiteLoader.load(file);
            Site site = loaded.orThrow();
            // a site file may bring its own profile folders (profiles: in the file): the hub learns them too, and, as
            // for the validator and the gateways, a site's profile replaces a built-in one of the same id
            profiles = loaded.profiles().with(profiles);
            try {
                registry.importSite(site, file.getFileName().toString(), Files.readString(file), clock.instant());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        refresh();

        store = config.influxUrl() == null ? EmbeddedTimeSeriesStore.open(config.data().resolve("timeseries"))
                : InfluxTimeSeriesStore.connect(config.influxUrl(), config.influxUser(), config.influxPassword(), config.influxDatabase());
        started.push(store);

        Vertx vertx = Vertx.vertx();
        started.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
        StatusBoard status = new StatusBoard(config.staleAfter(), clock);
        GatewayEndpoint endpoint = null;
        PrimaryHost host = null;
        Ingest.RebirthRequester rebirth;
        if (config.mqttUrl() == null) {
            endpoint = new GatewayEndpoint(vertx, new GatewayAccess(directory::get, metrics), metrics, config.hostId(), config.maxMessageBytes(),
                    Ingest.QUEUE_CAPACITY, config.maxGatewayRate());
            rebirth = endpoint;
        } else {
            host = new PrimaryHost(config.mqttUrl(), config.mqttUser(), config.mqttPassword(), config.hostId(), config.mqttConsumers(),
                    config.maxMessageBytes(), metrics);
            rebirth = host;
        }
        ReadingChecks checks = new ReadingChecks(id -> profiles.find(id), metrics, config.maxReadingAge());
        Ingest ingest = new Ingest(store, directory::get, status, metrics, rebirth, checks, clock, config.influxUrl() == null ? 1 : 4,
                new org.lintel.hub.sparkplug.SessionTable(db, clock));
        started.push(ingest);
        AlarmStore alarmStore = new AlarmStore(db);
        AckLinks ackLinks = new AckLinks(ackKey(config.data()), () -> config.publicUrl() != null ? config.publicUrl()
                : "http://localhost:" + (api == null ? config.httpPort() : api.port()), Duration.ofHours(24), clock);
        AlarmSink notifier = config.alarmWebhook() == null ? (a, t) -> { }
                : AlarmSink.of(new WebhookNotifier(config.alarmWebhook(), id -> ackLinks.link(id, "webhook")));
        if (config.escalation() != null) {
            escalator = EscalationFile.plan(config.escalation(), ackLinks).escalator(this::buildingOf, new EscalationTable(db), clock);
            escalator.restore(alarmStore::find);
            java.util.concurrent.ScheduledExecutorService escalationClock = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "escalation-clock");
                t.setDaemon(true);
                return t;
            });
            Escalator running = escalator;
            escalationClock.scheduleAtFixedRate(() -> {
                try {
                    running.tick();
                } catch (RuntimeException e) {
                    LOG.warn("event=escalation-tick-failed reason=\"{}\"", e.toString());
                }
            }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
            started.push(escalationClock::shutdownNow);
            notifier = AlarmSink.both(notifier, escalator);
        }
        alarms = new AlarmEngine(alarmStore, directory::get, profiles, notifier, clock, 4);
        started.push(alarms);
        // twice the stale time: a gateway reporting by exception sends every point at least once per max-silent interval
        alarms.noDataAfter(config.staleAfter().multipliedBy(2));
        alarms.history(store);
        alarms.start();
        ingest.listener(new Ingest.Listener() {
            @Override
            public void stored(String site, String device, java.util.List<org.lintel.hub.timeseries.StoredPoint> points) {
                alarms.readings(site, device, points);
            }

            @Override
            public void gateway(String site, String gateway, boolean online) {
                alarms.gatewayStatus(site, gateway, online);
            }

            @Override
            public void device(String site, String gateway, String device, boolean online) {
                alarms.deviceStatus(site, gateway, device, online);
            }
        });
        if (endpoint != null) {
            endpoint.listen(config.mqttHost(), config.mqttPort(), ingest);
            started.push(endpoint);
            brokerUrl = endpoint.url();
        } else {
            host.start(ingest, gatewayIds());
            started.push(host);
            this.host = host;
            brokerUrl = config.mqttUrl();
        }
        ConsumptionCalculator consumption = new ConsumptionCalculator(store, Duration.ofMinutes(15), new BigDecimal("0.1"));
        api = new ApiServer(vertx, tokens, new ApiContext(registry, store, status, metrics, profiles, consumption, tokens, alarms, alarmStore, new AlarmKpis(db),
                directory::get, this::refresh, clock, ackLinks, escalator == null ? java.util.List.of() : escalator.routes()),
                config.maxMessageBytes() * 8);
        api.listen(config.httpHost(), config.httpPort());
        started.push(api);
        LOG.info("event=hub-started api=http://{}:{} broker={} timeSeries={} sites={}", config.httpHost(), api.port(), brokerUrl,
                store.kind(), directory.get().sites().keySet());
    }

    /** Rebuilds the directory from the registry (after an import) and receives the topics of new gateways. */
    public void refresh() {
        SiteDirectory d = registry.directory();
        java.util.Map<String, SiteDirectory.SiteEntry> withRules = new java.util.HashMap<>();
        d.sites().forEach((id, entry) -> withRules.put(id, entry.withAlarmRules(alarmRules(id))));
        directory.set(new SiteDirectory(withRules));
        if (host != null) {
            host.gatewaysChanged(gatewayIds());
        }
        if (alarms != null) {
            alarms.rulesChanged();
        }
    }

    /** A device's (or gateway's) building, for routing alarms to the building's on-call staff. */
    private String buildingOf(String site, String device) {
        return directory.get().buildingOf(site, device);
    }

    /** The key that signs acknowledgement links: made once and kept in the data folder, readable by the hub's user only. */
    private static byte[] ackKey(Path data) {
        Path file = data.resolve("ack-link.key");
        try {
            if (Files.isRegularFile(file)) {
                try {
                    byte[] key = java.util.HexFormat.of().parseHex(Files.readString(file).trim());
                    if (key.length >= 32) {
                        return key;
                    }
                } catch (IllegalArgumentException notHex) {
                    // reported below with what to do
                }
                throw new IllegalStateException(file + " is not an acknowledgement-link key (64 hexadecimal digits); delete it and a new"
                        + " key is made at the next start (links already sent then stop working)");
            }
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.createDirectories(data);
            try {
                // created readable by the hub's user only from the start, not narrowed afterwards
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // a file system without POSIX permissions: the folder's own protection applies
            }
            Files.writeString(file, java.util.HexFormat.of().formatHex(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the acknowledgement-link key " + file + ": " + e.getMessage(), e);
        }
    }

    /** The alarm rules of a site's file as last imported (it was valid then; if it no longer is, none apply). */
    private java.util.List<org.lintel.site.AlarmRule> alarmRules(String site) {
        return registry.source(site).map(src -> {
            org.lintel.check.Problems problems = new org.lintel.check.Problems();
            SiteLoader.Loaded loaded = SiteLoader.loadText(src[0], src[1], profiles, problems);
            if (loaded.site().isEmpty()) {
                LOG.warn("event=alarm-rules-unreadable site={} problems=\"{}\"", site, problems);
                return java.util.List.<org.lintel.site.AlarmRule>of();
            }
            return loaded.site().get().alarmRules();
        }).orElse(java.util.List.of());
    }

    private java.util.Set<String> gatewayIds() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        directory.get().sites().values().forEach(s -> ids.addAll(s.gateways().keySet()));
        return ids;
    }

    private static String bootstrapAdmin(ApiTokens tokens, HubConfig config) {
        if (config.adminToken() != null) {
            tokens.register("admin (configured)", Role.ADMIN, config.adminToken());
            return config.adminToken();
        }
        if (tokens.anyAdmin()) {
            return null;
        }
        String token = tokens.create("admin (first start)", Role.ADMIN);
        Path file = config.data().resolve("admin-token");
        try {
            Files.createDirectories(config.data());
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin token to " + file, e);
        }
        LOG.info("event=admin-token-created file={} (use it as 'Authorization: Bearer <token>'; create other tokens with POST /api/v1/tokens)", file);
        return token;
    }

    public int apiPort() {
        return api.port();
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public HubMetrics metrics() {
        return metrics;
    }

    public TimeSeriesStore store() {
        return store;
    }

    public AlarmEngine alarms() {
        return alarms;
    }

    public RegistryStore registry() {
        return registry;
    }

    /** The admin token created or configured at this start, or null if one already existed. */
    public String adminToken() {
        return adminToken;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("event=stop-failed component={} reason={}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
