package org.lintel.hub.app;

import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.lintel.check.Problems;
import org.lintel.hub.alarm.AlarmEngine;
import org.lintel.hub.alarm.AlarmKpis;
import org.lintel.hub.alarm.AlarmStore;
import org.lintel.hub.alarm.AlarmTransitioned;
import org.lintel.hub.api.ApiServer;
import org.lintel.hub.api.alarm.AlarmRoutes;
import org.lintel.hub.api.audit.AuditRoutes;
import org.lintel.hub.api.billing.BillingRoutes;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillRuns;
import org.lintel.hub.billing.export.BillExports;
import org.lintel.hub.billing.BillingAccountStore;
import org.lintel.hub.billing.TariffStore;
import org.lintel.hub.api.auth.AccountRoutes;
import org.lintel.hub.api.auth.SessionRoutes;
import org.lintel.hub.api.auth.TokenRoutes;
import org.lintel.hub.audit.AuditTrail;
import org.lintel.hub.auth.Accounts;
import org.lintel.hub.auth.Caller;
import org.lintel.hub.auth.Sessions;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.oncall.AckLinkRoutes;
import org.lintel.hub.api.site.ProfileRoutes;
import org.lintel.hub.api.site.SiteRoutes;
import org.lintel.hub.api.telemetry.HealthRoutes;
import org.lintel.hub.api.telemetry.ReadingRoutes;
import org.lintel.hub.api.usage.UsageRoutes;
import org.lintel.hub.api.maintenance.MaintenanceRoutes;
import org.lintel.hub.maintenance.AlarmWorkOrders;
import org.lintel.hub.maintenance.SlaWatch;
import org.lintel.hub.maintenance.WorkOrderChanged;
import org.lintel.hub.maintenance.WorkOrders;
import org.lintel.hub.maintenance.ledger.EquipmentLedger;
import org.lintel.hub.maintenance.plan.PlanScheduler;
import org.lintel.hub.maintenance.plan.PlanStore;
import org.lintel.hub.maintenance.plan.PlanTemplates;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Role;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.EventBus;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.notify.WebhookNotifier;
import org.lintel.hub.oncall.AckLinkKey;
import org.lintel.hub.oncall.AckLinks;
import org.lintel.hub.oncall.EscalationFile;
import org.lintel.hub.oncall.EscalationTable;
import org.lintel.hub.oncall.Escalator;
import org.lintel.hub.registry.Listings;
import org.lintel.hub.registry.RegistryStore;
import org.lintel.hub.registry.ProfileCatalog;
import org.lintel.hub.registry.ProfileStore;
import org.lintel.hub.registry.SiteCatalog;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.registry.SitesChanged;
import org.lintel.hub.storage.DataFolderLock;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.TelemetryEvent;
import org.lintel.hub.telemetry.broker.BrokerTls;
import org.lintel.hub.telemetry.broker.PrimaryHost;
import org.lintel.hub.telemetry.endpoint.GatewayAccess;
import org.lintel.hub.telemetry.endpoint.GatewayEndpoint;
import org.lintel.hub.telemetry.ingest.Ingest;
import org.lintel.hub.telemetry.ingest.ReadingChecks;
import org.lintel.hub.telemetry.sparkplug.SessionTable;
import org.lintel.hub.telemetry.status.StatusBoard;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.InfluxTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.lintel.hub.usage.ConsumptionCalculator;
import org.lintel.hub.usage.MeterUsage;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds each part with what it needs, subscribes the parts to each other's events, and starts
 * them in order (storage, ingest, alarms, then the gateways' side and the API); stopped in reverse. Gateways are let
 * in only once everything that handles their messages runs.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final HubMetrics metrics = new HubMetrics();
    private final EventBus events = new EventBus();
    private RegistryStore registry;
    private TimeSeriesStore store;
    private AlarmEngine alarms;
    private org.lintel.hub.energy.LossWatch lossWatch;
    private org.lintel.hub.energy.rollup.NightWatch nightWatch;
    private ApiServer api;
    private WorkOrders workOrders;
    private PlanScheduler planScheduler;
    private AlarmWorkOrders alarmWorkOrders;
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

    private void doStart(HubConfig c) {
        Clock clock = Clock.systemUTC();
        started.push(DataFolderLock.claim(c.data()));
        Database db;
        if (c.postgres().url() != null) {
            db = started(Database.open(c.postgres().url(), c.postgres().user(), c.postgres().password()));
        } else {
            EmbeddedPostgres pg = started(EmbeddedPostgres.start(c.data().resolve("postgres"), c.postgres().port()));
            db = started(Database.open(pg.jdbcUrl(), EmbeddedPostgres.HUB_USER, pg.hubPassword()));
        }
        registry = new RegistryStore(db, Secrets.fromEnvironment());
        ApiTokens tokens = new ApiTokens(db, clock);
        adminToken = FirstAdmin.bootstrap(tokens, c.http().adminToken(), c.data());
        HubConfig.Access access = c.access();
        Accounts accounts = new Accounts(db, clock, access.maxFailures(), access.lockFor());
        FirstAdmin.account(accounts, access.adminPassword(), c.data());
        Sessions sessions = new Sessions(db, accounts, clock, access.sessionIdle(), access.sessionLongest());
        AuditTrail audit = new AuditTrail(db, clock);
        // built in, then the site files' folders, then what engineers uploaded (each replaces a profile of the same id)
        ProfileStore profileStore = new ProfileStore(db);
        ProfileLibrary builtInAndUploaded = new ProfileCatalog(ProfileLibrary.builtIn(new Problems()), profileStore).library();
        ProfileCatalog profiles = new ProfileCatalog(SiteCatalog.importFiles(registry, c.sites(), builtInAndUploaded, clock.instant()), profileStore);
        org.lintel.hub.core.SiteScope scope = new org.lintel.hub.core.SiteScope(c.gateways().groups());
        SiteCatalog sites = new SiteCatalog(registry, profiles::library, events, scope);
        boolean embeddedStore = c.timeSeries().influxUrl() == null;
        store = started(embeddedStore ? EmbeddedTimeSeriesStore.open(c.data().resolve("timeseries")) : InfluxTimeSeriesStore.connect(
                c.timeSeries().influxUrl(), c.timeSeries().user(), c.timeSeries().password(), c.timeSeries().database()));
        Vertx vertx = Vertx.vertx();
        started.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get());

        // a device is stale after its quiet limit (from the site file: report interval and poll intervals), or the floor
        Function<DeviceKey, Duration> quiet = k -> max(c.telemetry().staleAfter(), sites.get().quietLimit(k.site(), k.device()));
        StatusBoard status = new StatusBoard(quiet, clock);
        events.subscribe(TelemetryEvent.class, "status", status::on);
        HubConfig.Gateways g = c.gateways();
        GatewayEndpoint endpoint = g.brokerUrl() != null ? null : new GatewayEndpoint(vertx, new GatewayAccess(sites, metrics,
                // integrators watch the traffic with an engineer's or a read-only API token as their MQTT password
                token -> tokens.callerOf(token).filter(t -> t.scope().all() && (t.role() == Role.ENGINEER || t.role() == Role.READ_ONLY))
                        .map(Caller::name)), metrics,
                g.hostId(), g.maxMessageBytes(), Ingest.QUEUE_CAPACITY, g.maxGatewayRate());
        PrimaryHost host = g.brokerUrl() == null ? null
                : new PrimaryHost(g.brokerUrl(), g.user(), g.password(), g.hostId(), g.consumers(), g.maxMessageBytes(), metrics,
                g.brokerUrl().startsWith("ssl://") ? BrokerTls.socketFactory(c.tls().brokerCa(), c.tls().brokerCert(), c.tls().brokerKey()) : null,
                share(g.groups(), registry, sites));
        Ingest ingest = started(new Ingest(store, sites, events, metrics, endpoint != null ? endpoint : host,
                new ReadingChecks(profiles::find, metrics, c.telemetry().maxReadingAge()), clock, embeddedStore ? 1 : 4, new SessionTable(db, clock),
                g.brokerUrl() != null && g.brokerUrl().contains(",")));

        AlarmStore alarmStore = new AlarmStore(db);
        AckLinks ackLinks = new AckLinks(AckLinkKey.readOrCreate(c.data()), () -> c.http().publicUrl() != null ? c.http().publicUrl()
                : "http://localhost:" + (api == null ? c.http().port() : api.port()), Duration.ofHours(24), clock);
        if (c.alarms().webhook() != null) {
            WebhookNotifier webhook = new WebhookNotifier(c.alarms().webhook(), id -> ackLinks.link(id, "webhook"));
            events.subscribe(AlarmTransitioned.class, "webhook", e -> webhook.notify(e.alarm(), e.transition()));
        }
        List<Escalator.Route> onCallGroups = List.of();
        Escalator escalator = null;
        if (c.alarms().escalation() != null) {
            Escalator chasing = EscalationFile.plan(c.alarms().escalation(), ackLinks).escalator(sites::buildingOf, new EscalationTable(db), clock);
            chasing.restore(alarmStore::find);
            started.push(chasing.runClock());
            events.subscribe(AlarmTransitioned.class, "escalation", e -> chasing.transition(e.alarm(), e.transition()));
            onCallGroups = chasing.routes();
            escalator = chasing;
        }
        // a reading this close before a boundary is the boundary's; a fall is a rollover only within 10 % of the limit
        Duration boundaryTolerance = Duration.ofMinutes(15);
        BigDecimal rolloverBand = new BigDecimal("0.1");
        // energy rollups: a read model of each meter's use per local hour and day, kept as readings are stored
        // worked out once per parsed site file (the same object until the next import), not on every request
        java.util.Map<String, java.util.Map.Entry<org.lintel.site.Site, org.lintel.hub.energy.MeterTree>> treeOf = new java.util.concurrent.ConcurrentHashMap<>();
        Function<String, java.util.Optional<org.lintel.hub.energy.MeterTree>> trees = site -> sites.siteFile(site).map(f -> {
            java.util.Map.Entry<org.lintel.site.Site, org.lintel.hub.energy.MeterTree> known = treeOf.get(site);
            if (known != null && known.getKey() == f) { // the same parse: records compare by value, a 10,000-flat site slowly
                return known.getValue();
            }
            org.lintel.hub.energy.MeterTree tree = org.lintel.hub.energy.MeterTree.of(f, profiles::find);
            treeOf.put(site, java.util.Map.entry(f, tree));
            return tree;
        });
        MeterUsage usage = new MeterUsage(registry, sites, profiles::find, new ConsumptionCalculator(store, boundaryTolerance, rolloverBand, clock));
        Function<String, java.time.ZoneId> zoneOf = site -> java.time.ZoneId.of(sites.get().site(site).orElseThrow().timeZone());
        alarms = started(new AlarmEngine(alarmStore, sites, profiles::find, events, clock, 4));
        // the loss threshold alarm: each upstream meter's loss over the last closed day, judged by an alarm rule of its own
        lossWatch = new org.lintel.hub.energy.LossWatch(new org.lintel.hub.energy.Losses(trees, usage), trees,
                () -> sites.get().sites().keySet(), zoneOf,
                (site, meter, point, value, detail, at) -> alarms.derived(new DeviceKey(site, meter), point, value, detail, at), clock);
        // the night-flow list's leak indications, judged each morning by an alarm rule of their own
        org.lintel.hub.energy.rollup.RollupStore rollupStore = new org.lintel.hub.energy.rollup.RollupStore(db);
        org.lintel.hub.energy.rollup.NightFlow nightFlow = new org.lintel.hub.energy.rollup.NightFlow(rollupStore, trees);
        nightWatch = new org.lintel.hub.energy.rollup.NightWatch(nightFlow, trees, () -> sites.get().sites().keySet(), zoneOf,
                (site, meter, point, value, detail, at) -> alarms.derived(new DeviceKey(site, meter), point, value, detail, at), clock);
        alarms.derivedRules((site, device) -> {
            List<org.lintel.profile.AlarmCondition> rules = new ArrayList<>(lossWatch.rulesFor(site, device));
            rules.addAll(nightWatch.rulesFor(site, device));
            return rules;
        });
        // no data: silent for twice the time after which the device is shown stale
        alarms.noDataAfter(k -> quiet.apply(k).multipliedBy(2));
        alarms.history(store);
        alarms.start(scope);
        events.subscribe(TelemetryEvent.class, "alarms", alarms::on);
        events.subscribe(SitesChanged.class, "alarms", e -> alarms.rulesChanged());
        // the energy domain's daily work: the loss alarm's judgement of the last closed day, the hourly rollups' retention
        java.util.concurrent.ScheduledExecutorService energyDaily = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "energy-daily");
            t.setDaemon(true);
            return t;
        });
        energyDaily.scheduleWithFixedDelay(lossWatch::pass, 30, 300, java.util.concurrent.TimeUnit.SECONDS);
        energyDaily.scheduleWithFixedDelay(nightWatch::pass, 45, 300, java.util.concurrent.TimeUnit.SECONDS);
        started.push(energyDaily::shutdownNow);

        if (endpoint != null) {
            endpoint.listen(g.host(), g.port(), ingest, c.tls().mqttCert(), c.tls().mqttKey(), c.tls().mqttClientCa());
            brokerUrl = started(endpoint).url();
        } else {
            host.start(ingest, sites.gatewayIds());
            events.subscribe(SitesChanged.class, "primary-host", e -> host.gatewaysChanged(sites.gatewayIds()));
            // stopping: the host drains and settles with ingest still storing, then ingest stops before the alarm engine
            // and the rest that its messages feed
            started.push(ingest::close);
            started.push(host);
            brokerUrl = g.brokerUrl();
        }

        org.lintel.hub.energy.rollup.Rollups rollups = started(new org.lintel.hub.energy.rollup.Rollups(rollupStore, store, () -> sites.get().sites().keySet(),
                trees, zoneOf, boundaryTolerance, rolloverBand, clock));
        events.subscribe(TelemetryEvent.class, "energy-rollups", rollups::on);
        events.subscribe(SitesChanged.class, "energy-rollups", e -> rollups.sitesChanged());
        metrics.energyRollups(rollups::cpuNanos, rollups::readingsTaken, rollups::queued, rollups::overflows);
        rollups.start();
        Duration hoursKept = c.telemetry().hourlyRollupsKept();
        energyDaily.scheduleWithFixedDelay(() -> {
            Instant before = clock.instant().minus(hoursKept);
            try {
                LOG.info("event=hourly-rollups-pruned before={} rows={}", before, rollupStore.pruneHours(before, 50_000));
            } catch (RuntimeException e) {
                // an exception escaping a scheduled task would cancel every later pass without a word
                LOG.warn("event=hourly-rollups-prune-failed before={} reason=\"{}\"", before, String.valueOf(e.getMessage()).replace('"', '\''));
            }
        }, 600, java.util.concurrent.TimeUnit.DAYS.toSeconds(1), java.util.concurrent.TimeUnit.SECONDS);
        if (store instanceof EmbeddedTimeSeriesStore embedded && !c.telemetry().rawPointsKept().isZero()) {
            Duration rawKept = c.telemetry().rawPointsKept();
            Function<String, java.time.ZoneId> zoneOrDefault = site -> sites.get().site(site).map(s -> java.time.ZoneId.of(s.timeZone()))
                    .orElse(java.time.ZoneId.of("Asia/Shanghai"));
            energyDaily.scheduleWithFixedDelay(() -> {
                Instant cutoff = clock.instant().minus(rawKept);
                try {
                    embedded.thin(cutoff, zoneOrDefault);
                } catch (RuntimeException e) {
                    LOG.warn("event=timeseries-thinning-failed cutoff={} reason=\"{}\"", cutoff, String.valueOf(e.getMessage()).replace('"', '\''));
                }
            }, 900, java.util.concurrent.TimeUnit.DAYS.toSeconds(1), java.util.concurrent.TimeUnit.SECONDS);
        }
        org.lintel.hub.energy.rollup.EnergyUse energyUse = new org.lintel.hub.energy.rollup.EnergyUse(rollupStore, trees, sites::siteFile);
        SitePaths paths = new SitePaths(sites, sites.scope());
        Listings listings = new Listings(db);
        MaintenanceRoutes maintenance = maintenance(db, clock, zoneOf, sites, profiles, usage, alarmStore, escalator);
        Billing billing = new Billing(new TariffStore(db), new BillingAccountStore(db), org.lintel.hub.billing.UsageSource.of(usage), site -> premises(listings, site),
                site -> sites.get().site(site).map(e -> e.devices().keySet()).orElse(java.util.Set.of()), site -> counterPoints(sites.get(), profiles, site),
                clock);
        org.lintel.hub.receivables.Receivables receivables = new org.lintel.hub.receivables.Receivables(db, clock, (site, unit) -> billing.accounts(site)
                .stream().filter(a -> a.unit().equals(unit)).map(BillingAccountStore.Stored::payer).findFirst(), billing::lateFees, paths::zone);
        events.subscribe(org.lintel.hub.billing.BillRunIssued.class, "receivables", e -> receivables.settleSite(e.site()));
        events.subscribe(org.lintel.hub.billing.BillCorrected.class, "receivables", e -> receivables.settle(e.site(), e.unit()));
        BillRuns runs = new BillRuns(db, billing, clock, events::publish, receivables::writtenOff, receivables::lateFeeLines);
        settleAfterRestart(receivables, sites.get().sites().keySet());
        org.lintel.hub.receivables.reminders.Reminders reminders = new org.lintel.hub.receivables.reminders.Reminders(db, receivables,
                site -> reminderSite(billing, paths.zone(site), siteName(listings, site), site), clock);
        java.util.concurrent.ScheduledExecutorService reminding = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reminders");
            t.setDaemon(true);
            return t;
        });
        // every few minutes: a step falls due at a local midnight, quiet hours end at a minute, and each pass is cheap when nothing is due
        reminding.scheduleWithFixedDelay(() -> {
            // an exception escaping a scheduled task would cancel every later pass without a word
            try {
                reminders.sendDue(sites.get().sites().keySet());
            } catch (RuntimeException e) {
                LOG.warn("event=reminder-pass-failed reason=\"{}\"", String.valueOf(e.getMessage()).replace('"', '\''), e);
            }
        }, 60, REMINDER_PASS.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        started.push(reminding::shutdownNow);
        List<RouteGroup> routes = new ArrayList<>(List.of(new HealthRoutes(listings, store, metrics),
                new SiteRoutes(paths, registry, listings, profiles::library, sites::refresh, clock),
                new TokenRoutes(tokens, () -> sites.get().sites().keySet(), clock), new AccountRoutes(accounts, () -> sites.get().sites().keySet()),
                new SessionRoutes(accounts, sessions, c.tls().https()), new AuditRoutes(audit),
                new ProfileRoutes(profiles, sites::refresh, clock),
                new ReadingRoutes(paths, listings, status, store, alarmStore, profiles::find, clock), new UsageRoutes(paths, usage),
                new org.lintel.hub.api.energy.EnergyRoutes(paths, new org.lintel.hub.energy.Losses(trees, usage), energyUse,
                        nightFlow, rollups,
                        new org.lintel.hub.energy.rollup.Carbon(energyUse, sites::siteFile, emissionFactors(c.data())), clock),
                new org.lintel.hub.api.telemetry.ManualReadingRoutes(paths, new org.lintel.hub.telemetry.manual.ManualReadings(store, profiles::find, clock, events::publish)),
                new AlarmRoutes(paths, listings, alarmStore, alarms, new AlarmKpis(db), onCallGroups, clock),
                new BillingRoutes(paths, billing, runs, new BillExports(runs, billing, site -> siteName(listings, site))),
                new org.lintel.hub.api.receivables.ReceivablesRoutes(paths, receivables, billing, runs, site -> siteName(listings, site)),
                new org.lintel.hub.api.receivables.ReminderRoutes(paths, reminders, site -> billing.premises(site).stream()
                        .map(org.lintel.hub.billing.Premises::unit).collect(java.util.stream.Collectors.toSet())),
                new org.lintel.hub.api.receivables.MoveOutRoutes(paths, new org.lintel.hub.billing.MoveOuts(db, billing, clock, events::publish, receivables::lateFeeLines), runs, billing,
                        receivables, site -> siteName(listings, site)), new AckLinkRoutes(ackLinks, alarmStore, alarms, audit::record, sites.scope()), maintenance));
        api = started(new ApiServer(vertx, tokens, sessions, audit::record, g.maxMessageBytes() * 8, routes, sites.scope()));
        api.listen(c.http().host(), c.http().port(), c.tls().httpCert(), c.tls().httpKey());
        LOG.info("event=hub-started api={}://{}:{} broker={} timeSeries={} sites={}", c.tls().https() ? "https" : "http", c.http().host(), api.port(), brokerUrl, store.kind(),
                sites.get().sites().keySet());
    }

    /**
     * The maintenance domain: work orders opened from alarms (told to the on-call people through the alarms' routes),
     * SLAs watched every 30 s, plans turned into orders every 10 minutes and as usage counters report, and a device
     * under a technician's hands in maintenance mode for the alarm engine.
     */
    /**
     * This instance's share of the Sparkplug namespace: its groups, the registry's other groups, and the host ids its
     * sites' gateways follow (one per site, named by the site file's uplinks).
     */
    static PrimaryHost.Share share(java.util.Set<String> groups, RegistryStore registry, SiteCatalog sites) {
        if (groups.isEmpty()) {
            return PrimaryHost.Share.ALL;
        }
        java.util.Set<String> all = registry.directory().sites().keySet();
        java.util.Set<String> hosts = new java.util.TreeSet<>();
        for (String group : groups) {
            if (!all.contains(group)) {
                throw new IllegalArgumentException("--groups names site '" + group + "', which is neither in the registry nor in a --site file");
            }
            java.util.Set<String> named = new java.util.TreeSet<>();
            sites.siteFile(group).ifPresent(site -> site.gateways().forEach(gw -> {
                if (gw.uplink() != null && gw.uplink().primaryHost() != null) {
                    named.add(gw.uplink().primaryHost());
                }
            }));
            if (named.size() != 1) {
                throw new IllegalArgumentException("site '" + group + "': with --groups every gateway of a site follows the same primaryHost, the"
                        + " site's host id, which moves with the site between instances; its uplinks name " + (named.isEmpty() ? "none" : named));
            }
            hosts.addAll(named);
        }
        java.util.Set<String> released = new java.util.TreeSet<>(all);
        released.removeAll(groups);
        // the host id each released site's gateways follow, from its site file as last imported into the shared registry
        java.util.Map<String, String> releasedHosts = new java.util.TreeMap<>();
        for (String group : released) {
            sites.siteFile(group).ifPresent(site -> site.gateways().stream().filter(gw -> gw.uplink() != null && gw.uplink().primaryHost() != null)
                    .map(gw -> gw.uplink().primaryHost()).findFirst().ifPresent(h -> releasedHosts.put(group, h)));
        }
        return new PrimaryHost.Share(groups, released, hosts, releasedHosts);
    }

    private MaintenanceRoutes maintenance(Database db, Clock clock, Function<String, java.time.ZoneId> zoneOf, SiteCatalog sites, ProfileCatalog profiles,
                                          MeterUsage usage, AlarmStore alarmStore, Escalator escalator) {
        EquipmentLedger ledger = new EquipmentLedger(db, site -> sites.get().site(site).map(e -> e.devices().values().stream().map(d -> {
            java.util.Optional<org.lintel.profile.DeviceProfile> p = profiles.find(d.profile());
            return new EquipmentLedger.Device(d.id(), kindOf(d.profile()), d.profile(), d.building(), null, p.map(x -> x.manufacturer()).orElse(null),
                    p.map(x -> x.model()).orElse(null));
        }).toList()).orElse(List.of()), clock);
        // a device's building from the site files, other equipment's from the ledger
        java.util.function.BiFunction<String, String, String> buildingOf = (site, equipment) -> {
            String b = sites.buildingOf(site, equipment);
            return b != null ? b : ledger.find(site, equipment).map(org.lintel.hub.maintenance.ledger.Equipment::building).orElse(null);
        };
        WorkOrders orders = new WorkOrders(db, clock, zoneOf, events::publish);
        if (escalator != null) {
            orders.notices((o, kind, step, text) -> escalator.notice(o.site(), o.equipment(), o.priority().alarmPriority(), step, o.assignee(), kind, text,
                    workOrderFields(o)));
        }
        orders.atWork((site, equipment, on, order) -> {
            if (sites.get().device(site, equipment).isPresent()) {
                alarms.underWorkOrder(new DeviceKey(site, equipment), on, String.valueOf(order));
            }
        });
        AlarmWorkOrders fromAlarms = started(new AlarmWorkOrders(orders, buildingOf, (id, by, why) -> alarmStore.remark(id, by, why, clock.instant())));
        events.subscribe(AlarmTransitioned.class, "work-orders", fromAlarms::on);
        events.subscribe(WorkOrderChanged.class, "alarm-remarks", fromAlarms::on);
        // an alarm stored just before a crash, its order not yet opened: opened now
        fromAlarms.catchUpInOrder(() -> alarmStore.open().stream().filter(a -> sites.scope().owns(a.site())).toList());
        started.push(new SlaWatch(orders, sites.scope()).run(Duration.ofSeconds(30)));
        PlanTemplates templates = PlanTemplates.builtIn();
        PlanStore plans = new PlanStore(db, templates);
        PlanScheduler scheduler = started(new PlanScheduler(plans, templates, orders, (site, device, point, from, to) -> {
            java.util.Optional<org.lintel.hub.telemetry.timeseries.StoredPoint> first = store.firstGoodAtOrAfter(site, device, point, from);
            java.util.Optional<org.lintel.hub.telemetry.timeseries.StoredPoint> last = store.lastGoodAtOrBefore(site, device, point, to);
            if (first.isEmpty() || last.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (!last.get().time().isAfter(first.get().time())) {
                return java.util.Optional.of(BigDecimal.ZERO);
            }
            return java.util.Optional.of(usage.consumption(site, device, point, first.get().time(), last.get().time()).usage());
        }, buildingOf, clock, sites.scope()));
        events.subscribe(TelemetryEvent.class, "maintenance-plans", scheduler::on);
        started.push(scheduler.run(Duration.ofMinutes(10)));
        this.workOrders = orders;
        this.planScheduler = scheduler;
        this.alarmWorkOrders = fromAlarms;
        return new MaintenanceRoutes(new SitePaths(sites, sites.scope()), orders, plans, templates, scheduler, ledger, clock);
    }

    private static java.util.Map<String, Object> workOrderFields(org.lintel.hub.maintenance.WorkOrder o) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("workOrder", o.id());
        m.put("site", o.site());
        m.put("equipment", o.equipment());
        m.put("priority", o.priority().id());
        m.put("state", o.state().id());
        m.put("respondBy", o.respondBy() == null ? null : o.respondBy().toString());
        m.put("resolveBy", o.resolveBy() == null ? null : o.resolveBy().toString());
        return m;
    }

    /** The ledger's kind of a device, from its profile's id (lift, smoke detector, meter…). */
    static String kindOf(String profile) {
        return profile.contains("lift") ? "lift" : profile.contains("smoke") || profile.contains("detector") ? "fire-detector"
                : profile.contains("water") ? "water-meter" : profile.contains("pump") ? "pump" : "meter";
    }

    public WorkOrders workOrders() {
        return workOrders;
    }

    public PlanScheduler planScheduler() {
        return planScheduler;
    }

    /** Waits until alarm-opened work orders handed over so far are handled (tests). */
    public void drainWorkOrders() {
        alarms.drain();
        alarmWorkOrders.drain();
    }

    /**
     * The grid emission factors: the operator's table in the data folder when there is one (newer factors come out
     * every year or two), else the one shipped with the hub. A table with a mistake stops the start with its lines named.
     */
    private static org.lintel.hub.energy.EmissionFactors emissionFactors(java.nio.file.Path data) {
        java.nio.file.Path own = data.resolve("grid-emission-factors.csv");
        try {
            if (java.nio.file.Files.exists(own)) {
                org.lintel.hub.energy.EmissionFactors f = org.lintel.hub.energy.EmissionFactors.read(own.toString(), java.nio.file.Files.readString(own));
                LOG.info("event=emission-factors-read file={}", own);
                return f;
            }
            try (java.io.InputStream in = Hub.class.getResourceAsStream("/org/lintel/hub/energy/grid-emission-factors.csv")) {
                return org.lintel.hub.energy.EmissionFactors.read("grid-emission-factors.csv (shipped)",
                        new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading " + own, e);
        } catch (org.lintel.hub.core.RefusedFile e) {
            throw new IllegalStateException(e.getMessage() + ": " + String.join("; ", e.problems()), e);
        }
    }

    /** How often the scheduler looks for reminders that are due. */
    static final Duration REMINDER_PASS = Duration.ofMinutes(5);

    /**
     * A hub stopped between issuing a run (or a credit note) and settling its payers' prepaid money finishes that now,
     * in the background: the API answers meanwhile, and a unit's next payment settles it first anyway.
     */
    private static void settleAfterRestart(org.lintel.hub.receivables.Receivables receivables, java.util.Set<String> sites) {
        Thread t = new Thread(() -> {
            for (String site : sites) {
                try {
                    int n = receivables.settleSite(site);
                    if (n > 0) {
                        LOG.info("event=receivables-settled-after-start site={} units={}", site, n);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("event=receivables-settle-failed site={} reason=\"{}\"", site, e.getMessage());
                }
            }
        }, "receivables-settle");
        t.setDaemon(true);
        t.start();
    }

    /** What reminders need of a site: its payers, rooms, name, how to pay (from its tariff's payment notice) and zone. */
    private static org.lintel.hub.receivables.reminders.Reminders.Site reminderSite(Billing billing, java.time.ZoneId zone, String name, String site) {
        java.util.Map<String, String> rooms = new java.util.HashMap<>();
        billing.premises(site).forEach(p -> rooms.put(p.unit(), p.room()));
        org.lintel.tariff.PaymentNotice notice = billing.notice(site);
        Function<String, String> how = lang -> {
            java.util.Locale locale = "en".equals(lang) ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE;
            java.util.List<String> ways = notice.channels().stream().map(l -> l.in(locale, "")).filter(w -> !w.isBlank()).toList();
            String contact = notice.contact().in(locale, "");
            boolean en = "en".equals(lang);
            return (ways.isEmpty() ? "" : (en ? "Pay by: " : "缴费方式：") + String.join(en ? ", " : "、", ways) + (en ? ". " : "。"))
                    + (contact.isBlank() ? "" : (en ? "Questions: " : "咨询：") + contact + (en ? ". " : "。"));
        };
        return new org.lintel.hub.receivables.reminders.Reminders.Site(unit -> billing.accounts(site).stream().filter(a -> a.unit().equals(unit))
                .map(BillingAccountStore.Stored::payer).findFirst(), unit -> rooms.getOrDefault(unit, unit), name, how, zone);
    }

    /** The counter points of the site's devices' profiles: what a metered fee can bill. */
    private static java.util.Set<String> counterPoints(SiteDirectory directory, ProfileCatalog profiles, String site) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        directory.site(site).ifPresent(e -> e.devices().values().forEach(d -> profiles.find(d.profile()).ifPresent(p -> p.points().stream()
                .filter(pt -> pt.kind() == org.lintel.profile.PointKind.COUNTER).forEach(pt -> out.add(pt.name())))));
        return out;
    }

    /** "琳泰花园 Lintel Garden" as a notice heads it; the id when the site file names it in neither language. */
    private static String siteName(Listings listings, String site) {
        return listings.sites().stream().filter(s -> s.id().equals(site)).findFirst()
                .map(s -> s.nameZh() != null && s.nameEn() != null ? s.nameZh() + " " + s.nameEn() : s.nameZh() != null ? s.nameZh()
                        : s.nameEn() != null ? s.nameEn() : site).orElse(site);
    }

    /** The site's units for billing: floor area (zero when the site file gives none) for area fees and 公摊, names for notices. */
    private static List<org.lintel.hub.billing.Premises> premises(Listings listings, String site) {
        java.util.Map<String, Listings.BuildingListing> buildings = new java.util.HashMap<>();
        listings.buildings(site).forEach(b -> buildings.put(b.id(), b));
        return listings.units(site).stream().map(u -> {
            Listings.BuildingListing b = buildings.get(u.buildingId());
            return new org.lintel.hub.billing.Premises(u.id(), u.buildingId(), b == null ? null : b.nameZh(), b == null ? null : b.nameEn(), u.floor(),
                    u.areaM2() == null ? BigDecimal.ZERO : u.areaM2(), u.nameZh(), u.nameEn());
        }).toList();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private <T extends AutoCloseable> T started(T part) {
        started.push(part);
        return part;
    }

    public int apiPort() {
        return api.port();
    }

    /** The API's routes and the roles each admits (for the access tests and docs). */
    public List<org.lintel.hub.api.http.ApiRouter.RouteInfo> apiRoutes() {
        return api.routes();
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

    /** The leak indications' morning judge (tests judge a past night with it). */
    public org.lintel.hub.energy.rollup.NightWatch nightWatch() {
        return nightWatch;
    }

    /** The loss threshold alarm's daily judge (tests judge a past day with it). */
    public org.lintel.hub.energy.LossWatch lossWatch() {
        return lossWatch;
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
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("event=stop-failed component={} reason={}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
