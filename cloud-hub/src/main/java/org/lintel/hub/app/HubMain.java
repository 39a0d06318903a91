package org.lintel.hub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.lintel.check.InvalidConfigurationException;
import org.lintel.yaml.Durations;

/**
 * {@code java -jar lintel-hub.jar [options]}: starts the hub with embedded defaults unless told otherwise. Secrets can
 * come from the environment (LINTEL_ADMIN_PASSWORD, LINTEL_ADMIN_TOKEN, LINTEL_MQTT_PASSWORD, LINTEL_POSTGRES_PASSWORD,
 * LINTEL_INFLUX_PASSWORD) instead of the command line.
 */
public final class HubMain {

    static final String USAGE = """
            usage: java -jar lintel-hub.jar [options]
              --data DIR               data folder for the embedded stores (default data/hub)
              --site FILE              import this site file at start (repeatable)
              --http-port N            REST API, /health and /metrics (default 8080); --http-host (default 0.0.0.0)
              --mqtt-port N            port gateways connect to (default 1883); --mqtt-host (default 0.0.0.0)
              --mqtt-url URL           use an external broker instead, e.g. tcp://broker:1883, with --mqtt-user
              --host-id ID             Sparkplug primary host id (default lintel-hub)
              --groups S1,S2           take only these sites (Sparkplug groups) and their work: several hub instances, each with
                                       its own --host-id, share one PostgreSQL, time-series store and broker (docs/operations.md)
              --mqtt-consumers N       MQTT connections receiving Sparkplug traffic, gateways shared among them (default 8)
              --influx-url URL         store time series in InfluxDB 1.x, e.g. http://127.0.0.1:8086; --influx-db (default lintel), --influx-user
              --postgres-url JDBC      use an external PostgreSQL, e.g. jdbc:postgresql://db:5432/lintel; --postgres-user
              --postgres-port N        port of the embedded PostgreSQL on 127.0.0.1 (default 15432)
              --max-message-bytes N    largest MQTT message accepted (default 1048576)
              --stale-after DURATION   a floor under each device's quiet limit (default: none; the limit is twice the
                                       site file's uplink.reportEvery plus the device's longest poll interval)
              --max-reading-age D      readings older than this are refused (default 92d)
              --hourly-rollups-kept D  how long each meter's hourly energy use is kept; days are kept for good (default 400d)
              --raw-points-kept D      the embedded store thins older points to each hour's first, last, lowest and
                                       highest value, nightly (default 92d; 0: never)
              --max-gateway-rate N     messages per second one gateway may send; more are read more slowly, not dropped
                                       (default 5000, 0: no limit; embedded endpoint only)
              --http-tls-cert F --http-tls-key F
                                       serve the API and console over HTTPS (PEM certificate chain and key)
              --mqtt-tls-cert F --mqtt-tls-key F [--mqtt-tls-client-ca F]
                                       gateways connect over TLS (ssl://); with a client CA they must show a certificate it signed
              --mqtt-ca F [--mqtt-client-cert F --mqtt-client-key F]
                                       an external ssl:// broker's CA, and the hub's client certificate if the broker asks
              --session-idle D         a console session ends after this long without a request (default 30m)
              --alarm-webhook URL      POST every alarm transition as JSON to this URL
              --escalation FILE        on-call rosters, routes and escalation steps (docs/alarms.md)
              --mosquitto-acl FILE --site S [--mqtt-user U] [--mqtt-consumers N]
                                       write an external mosquitto's ACL from site files and exit
              --public-url URL         the hub's address as on-call staff reach it, for acknowledgement links
                                       (default http://localhost:{http-port})

            usage: java -jar lintel-hub.jar backup DIR  [--data, --postgres-*, --influx-*, --site, --escalation as the hub's]
                   java -jar lintel-hub.jar restore DIR [the options of the hub that is to run on it]
              a backup of a running hub into a new folder, or its restore into an empty hub (docs/operations.md);
              --influx-backup-host H:P  InfluxDB's backup port (default 127.0.0.1:8088), with --influx-url only
            """;

    private HubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("--mosquitto-acl")) {
            System.exit(writeAcl(args));
            return;
        }
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            System.exit(backupOrRestore(args));
            return;
        }
        HubConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lintel-hub: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Hub hub;
        try {
            hub = Hub.start(config);
        } catch (InvalidConfigurationException e) {
            System.err.println("lintel-hub: a site file has errors, nothing was started:\n" + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("lintel-hub: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "hub-shutdown"));
        stopped.await();
    }

    /** {@code backup DIR [options]} or {@code restore DIR [options]}: 0 when done, 1 when it could not be, 2 for bad usage. */
    static int backupOrRestore(String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            System.err.println("lintel-hub: " + args[0] + " needs a folder first, e.g. lintel-hub " + args[0] + " /var/backups/lintel/2026-12-06");
            return 2;
        }
        Path folder = Path.of(args[1]);
        String influxHost = "127.0.0.1:8088";
        List<String> rest = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--influx-backup-host") && i + 1 < args.length) {
                influxHost = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        HubConfig config;
        try {
            config = parse(rest.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("lintel-hub " + args[0] + ": " + e.getMessage());
            return 2;
        }
        try {
            org.lintel.hub.backup.BackupManifest m = args[0].equals("backup")
                    ? org.lintel.hub.backup.HubBackup.take(config.stores(), folder, influxHost, java.time.Clock.systemUTC())
                    : org.lintel.hub.backup.HubRestore.into(config.stores(), folder, influxHost);
            System.out.println(args[0].equals("backup")
                    ? "backup of " + m.startedAt() + " written to " + folder + " (" + m.files().size() + " files)"
                    : "restored the backup of " + m.startedAt() + " into " + config.data() + "; site and escalation files are in "
                    + config.data().resolve("restored-config") + "; start the hub on " + config.data());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("lintel-hub " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    /** {@code --mosquitto-acl FILE --site S... [--mqtt-user HUB]}: writes an external mosquitto's ACL and exits. */
    static int writeAcl(String[] args) {
        if (args.length < 2) {
            System.err.println("lintel-hub: --mosquitto-acl needs the file to write, then --site FILE (repeatable) and optionally --mqtt-user");
            return 2;
        }
        Path out = Path.of(args[1]);
        List<org.lintel.site.Site> sites = new ArrayList<>();
        String hubUser = "lintel-hub";
        int consumers = 8;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                System.err.println("lintel-hub: option " + args[i] + " needs a value");
                return 2;
            }
            switch (args[i]) {
                case "--site" -> {
                    org.lintel.site.SiteLoader.Loaded loaded = org.lintel.site.SiteLoader.load(Path.of(args[i + 1]));
                    if (loaded.site().isEmpty()) {
                        System.err.println("lintel-hub: " + args[i + 1] + " has errors:\n" + loaded.problems());
                        return 1;
                    }
                    sites.add(loaded.site().get());
                }
                case "--mqtt-user" -> hubUser = args[i + 1];
                case "--mqtt-consumers" -> {
                    try {
                        consumers = positive(args[i], args[i + 1]);
                    } catch (IllegalArgumentException e) {
                        System.err.println("lintel-hub: " + e.getMessage());
                        return 2;
                    }
                }
                default -> {
                    System.err.println("lintel-hub: with --mosquitto-acl only --site, --mqtt-user and --mqtt-consumers are known, not " + args[i]);
                    return 2;
                }
            }
        }
        if (sites.isEmpty()) {
            System.err.println("lintel-hub: --mosquitto-acl needs at least one --site FILE");
            return 2;
        }
        try {
            Files.writeString(out, org.lintel.hub.telemetry.broker.MosquittoAcl.of(sites, hubUser, consumers));
        } catch (java.io.IOException e) {
            System.err.println("lintel-hub: cannot write " + out + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("lintel-hub: --mqtt-user: " + e.getMessage());
            return 2;
        }
        System.out.println("wrote " + out + " for " + sites.size() + " site(s); point mosquitto's acl_file at it");
        return 0;
    }

    static HubConfig parse(String[] args) {
        HubConfig c = HubConfig.defaults();
        HubConfig.Http http = c.http();
        HubConfig.Gateways gw = c.gateways();
        HubConfig.Postgres pg = c.postgres();
        HubConfig.TimeSeries ts = c.timeSeries();
        List<Path> sites = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> c = c.withData(Path.of(v));
                case "--site" -> {
                    Path p = Path.of(v);
                    if (!Files.isRegularFile(p)) {
                        throw new IllegalArgumentException("--site " + v + ": no such file");
                    }
                    sites.add(p);
                }
                case "--http-host" -> http = new HubConfig.Http(v, http.port(), http.publicUrl(), http.adminToken());
                case "--http-port" -> http = new HubConfig.Http(http.host(), port(a, v), http.publicUrl(), http.adminToken());
                case "--public-url" -> {
                    if (!v.startsWith("http://") && !v.startsWith("https://")) {
                        throw new IllegalArgumentException("--public-url " + v + ": give the hub's address as people reach it, e.g. https://hub.example.com");
                    }
                    http = new HubConfig.Http(http.host(), http.port(), v, http.adminToken());
                }
                case "--mqtt-host" -> gw = new HubConfig.Gateways(v, gw.port(), gw.brokerUrl(), gw.user(), gw.password(), gw.hostId(), gw.consumers(),
                        gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
                case "--mqtt-port" -> gw = new HubConfig.Gateways(gw.host(), port(a, v), gw.brokerUrl(), gw.user(), gw.password(), gw.hostId(),
                        gw.consumers(), gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
                case "--mqtt-url" -> gw = new HubConfig.Gateways(gw.host(), gw.port(), v, gw.user(), gw.password(), gw.hostId(), gw.consumers(),
                        gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
                case "--mqtt-user" -> gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), v, gw.password(), gw.hostId(), gw.consumers(),
                        gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
                case "--host-id" -> gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), gw.user(), gw.password(), v, gw.consumers(),
                        gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
                case "--groups" -> {
                    java.util.Set<String> groups = new java.util.TreeSet<>();
                    for (String id : v.split(",")) {
                        if (!id.strip().matches("[a-z0-9][a-z0-9-]*")) {
                            throw new IllegalArgumentException("--groups: '" + id.strip() + "' is not a site id (lower-case letters, digits and '-'),"
                                    + " e.g. --groups lintel-garden,riverside");
                        }
                        groups.add(id.strip());
                    }
                    gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), gw.user(), gw.password(), gw.hostId(), gw.consumers(),
                            gw.maxMessageBytes(), gw.maxGatewayRate(), groups);
                }
                case "--mqtt-consumers" -> gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), gw.user(), gw.password(), gw.hostId(),
                        positive(a, v), gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
                case "--max-message-bytes" -> gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), gw.user(), gw.password(), gw.hostId(),
                        gw.consumers(), positive(a, v), gw.maxGatewayRate(), gw.groups());
                case "--max-gateway-rate" -> gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), gw.user(), gw.password(), gw.hostId(),
                        gw.consumers(), gw.maxMessageBytes(), atLeast(a, v, 0), gw.groups());
                case "--influx-url" -> ts = new HubConfig.TimeSeries(v, ts.database(), ts.user(), ts.password());
                case "--influx-db" -> ts = new HubConfig.TimeSeries(ts.influxUrl(), v, ts.user(), ts.password());
                case "--influx-user" -> ts = new HubConfig.TimeSeries(ts.influxUrl(), ts.database(), v, ts.password());
                case "--postgres-url" -> pg = new HubConfig.Postgres(v, pg.user(), pg.password(), pg.port());
                case "--postgres-user" -> pg = new HubConfig.Postgres(pg.url(), v, pg.password(), pg.port());
                case "--postgres-port" -> pg = new HubConfig.Postgres(pg.url(), pg.user(), pg.password(), port(a, v));
                case "--alarm-webhook" -> {
                    java.net.URI webhook;
                    try {
                        webhook = java.net.URI.create(v);
                        if (!"http".equals(webhook.getScheme()) && !"https".equals(webhook.getScheme())) {
                            throw new IllegalArgumentException("bad scheme");
                        }
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--alarm-webhook: '" + v + "' is not an http(s) URL");
                    }
                    c = c.withAlarmWebhook(webhook);
                }
                case "--escalation" -> {
                    Path escalation = Path.of(v);
                    if (!Files.isRegularFile(escalation)) {
                        throw new IllegalArgumentException("--escalation " + v + ": no such file");
                    }
                    c = c.withEscalation(escalation);
                }
                case "--stale-after" -> c = c.withStaleAfter(Durations.parse(v).orElseThrow(() ->
                        new IllegalArgumentException("--stale-after: '" + v + "' is not " + Durations.FORMS)));
                case "--http-tls-cert" -> c = c.withHttpTls(file(a, v), c.tls().httpKey());
                case "--http-tls-key" -> c = c.withHttpTls(c.tls().httpCert(), file(a, v));
                case "--mqtt-tls-cert" -> c = c.withMqttTls(file(a, v), c.tls().mqttKey(), c.tls().mqttClientCa());
                case "--mqtt-tls-key" -> c = c.withMqttTls(c.tls().mqttCert(), file(a, v), c.tls().mqttClientCa());
                case "--mqtt-tls-client-ca" -> c = c.withMqttTls(c.tls().mqttCert(), c.tls().mqttKey(), file(a, v));
                case "--mqtt-ca" -> c = c.withBrokerTls(file(a, v), c.tls().brokerCert(), c.tls().brokerKey());
                case "--mqtt-client-cert" -> c = c.withBrokerTls(c.tls().brokerCa(), file(a, v), c.tls().brokerKey());
                case "--mqtt-client-key" -> c = c.withBrokerTls(c.tls().brokerCa(), c.tls().brokerCert(), file(a, v));
                case "--session-idle" -> c = c.withSessionIdle(Durations.parse(v).filter(d -> d.compareTo(Duration.ofMinutes(1)) >= 0
                        && d.compareTo(Duration.ofHours(12)) <= 0).orElseThrow(() ->
                        new IllegalArgumentException("--session-idle: '" + v + "' is not a duration from 1m to 12h, such as 30m")));
                case "--max-reading-age" -> c = c.withMaxReadingAge(Durations.parse(v).orElseThrow(() ->
                        new IllegalArgumentException("--max-reading-age: '" + v + "' is not " + Durations.FORMS)));
                case "--hourly-rollups-kept" -> c = c.withHourlyRollupsKept(Durations.parse(v).filter(d -> d.toDays() >= 2).orElseThrow(() ->
                        new IllegalArgumentException("--hourly-rollups-kept: '" + v + "' is not " + Durations.FORMS + " of two days or more")));
                case "--raw-points-kept" -> c = c.withRawPointsKept(v.equals("0") ? Duration.ZERO : Durations.parse(v).filter(d -> d.toDays() >= 2)
                        .orElseThrow(() -> new IllegalArgumentException("--raw-points-kept: '" + v + "' is not 0 or " + Durations.FORMS + " of two days or more")));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        // secrets come from the environment, never from the command line (which every local user can read)
        http = new HubConfig.Http(http.host(), http.port(), http.publicUrl(), System.getenv("LINTEL_ADMIN_TOKEN"));
        gw = new HubConfig.Gateways(gw.host(), gw.port(), gw.brokerUrl(), gw.user(), System.getenv("LINTEL_MQTT_PASSWORD"), gw.hostId(),
                gw.consumers(), gw.maxMessageBytes(), gw.maxGatewayRate(), gw.groups());
        pg = new HubConfig.Postgres(pg.url(), pg.user(), System.getenv("LINTEL_POSTGRES_PASSWORD"), pg.port());
        ts = new HubConfig.TimeSeries(ts.influxUrl(), ts.database(), ts.user(), System.getenv("LINTEL_INFLUX_PASSWORD"));
        c = c.withAdminPassword(System.getenv("LINTEL_ADMIN_PASSWORD"));
        checkTls(c.tls());
        if (!gw.groups().isEmpty() && gw.brokerUrl() == null) {
            throw new IllegalArgumentException("--groups needs --mqtt-url: hub instances that share the work by site share an external broker");
        }
        return c.withSites(sites).withHttp(http).withGateways(gw).withPostgres(pg).withTimeSeries(ts);
    }

    private static Path file(String option, String v) {
        Path p = Path.of(v);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(option + " " + v + ": no such file, or it cannot be read");
        }
        return p;
    }

    /** Both halves of each TLS pair, or neither. */
    static void checkTls(HubConfig.Tls t) {
        if ((t.httpCert() == null) != (t.httpKey() == null)) {
            throw new IllegalArgumentException("--http-tls-cert and --http-tls-key go together");
        }
        if ((t.mqttCert() == null) != (t.mqttKey() == null)) {
            throw new IllegalArgumentException("--mqtt-tls-cert and --mqtt-tls-key go together");
        }
        if (t.mqttClientCa() != null && t.mqttCert() == null) {
            throw new IllegalArgumentException("--mqtt-tls-client-ca needs --mqtt-tls-cert and --mqtt-tls-key");
        }
        if ((t.brokerCert() == null) != (t.brokerKey() == null)) {
            throw new IllegalArgumentException("--mqtt-client-cert and --mqtt-client-key go together");
        }
    }

    private static int port(String option, String v) {
        int n = positive(option, v);
        if (n > 65535) {
            throw new IllegalArgumentException(option + ": " + v + " is not a port (1-65535)");
        }
        return n;
    }

    private static int positive(String option, String v) {
        return atLeast(option, v, 1);
    }

    private static int atLeast(String option, String v, int min) {
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new IllegalArgumentException(option + ": must be " + (min == 1 ? "positive" : min + " or more") + ", found " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
        }
    }
}
