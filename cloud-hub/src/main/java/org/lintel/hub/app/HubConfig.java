package org.lintel.hub.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the hub is started: one record per component, each with its own defaults. Null external URLs mean the embedded
 * defaults: the hub itself as the gateways' MQTT server, the built-in time-series store, and PostgreSQL from Maven
 * Central's binaries, all in {@code data}.
 */
public record HubConfig(Path data, List<Path> sites, Http http, Gateways gateways, Postgres postgres, TimeSeries timeSeries,
                        Telemetry telemetry, Alarms alarms, Access access, Tls tls) {

    /**
     * People's access: the first admin's password (null: generated at first start into the data folder), how long a
     * console session lives idle and at most, and how many wrong passwords in a row lock an account for how long.
     */
    public record Access(String adminPassword, Duration sessionIdle, Duration sessionLongest, int maxFailures, Duration lockFor) {
        static Access defaults() {
            return new Access(null, Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15));
        }
    }

    /**
     * TLS, each part off while its files are null: the API and console ({@code httpCert}/{@code httpKey}, PEM); the
     * embedded MQTT endpoint ({@code mqttCert}/{@code mqttKey}; with {@code mqttClientCa}, gateways must also show a
     * certificate that CA signed); an external {@code ssl://} broker ({@code brokerCa} to trust it, and
     * {@code brokerCert}/{@code brokerKey} when it asks the hub for a client certificate).
     */
    public record Tls(Path httpCert, Path httpKey, Path mqttCert, Path mqttKey, Path mqttClientCa, Path brokerCa, Path brokerCert, Path brokerKey) {
        public static final Tls NONE = new Tls(null, null, null, null, null, null, null, null);

        public boolean https() {
            return httpCert != null;
        }
    }

    public HubConfig withTls(Tls t) {
        return new HubConfig(data, sites, http, gateways, postgres, timeSeries, telemetry, alarms, access, t);
    }

    public HubConfig withHttpTls(Path cert, Path key) {
        return withTls(new Tls(cert, key, tls.mqttCert(), tls.mqttKey(), tls.mqttClientCa(), tls.brokerCa(), tls.brokerCert(), tls.brokerKey()));
    }

    public HubConfig withMqttTls(Path cert, Path key, Path clientCa) {
        return withTls(new Tls(tls.httpCert(), tls.httpKey(), cert, key, clientCa, tls.brokerCa(), tls.brokerCert(), tls.brokerKey()));
    }

    public HubConfig withBrokerTls(Path ca, Path cert, Path key) {
        return withTls(new Tls(tls.httpCert(), tls.httpKey(), tls.mqttCert(), tls.mqttKey(), tls.mqttClientCa(), ca, cert, key));
    }

    public HubConfig withAccess(Access a) {
        return new HubConfig(data, sites, http, gateways, postgres, timeSeries, telemetry, alarms, a, tls);
    }

    public HubConfig withAdminPassword(String password) {
        return withAccess(new Access(password, access.sessionIdle(), access.sessionLongest(), access.maxFailures(), access.lockFor()));
    }

    public HubConfig withSessionIdle(Duration idle) {
        return withAccess(new Access(access.adminPassword(), idle, access.sessionLongest(), access.maxFailures(), access.lockFor()));
    }

    public HubConfig withLockOut(int maxFailures, Duration lockFor) {
        return withAccess(new Access(access.adminPassword(), access.sessionIdle(), access.sessionLongest(), maxFailures, lockFor));
    }

    /** The REST API and console. */
    public record Http(String host, int port, String publicUrl, String adminToken) {
        static Http defaults(int port) {
            return new Http("0.0.0.0", port, null, null);
        }
    }

    /**
     * Where gateways connect: the hub's own MQTT endpoint on {@code host:port}, or, with a {@code brokerUrl}, an
     * external broker on which the hub is the Sparkplug primary host {@code hostId} with {@code consumers} sessions.
     */
    public record Gateways(String host, int port, String brokerUrl, String user, String password, String hostId, int consumers,
                           int maxMessageBytes, int maxGatewayRate, java.util.Set<String> groups) {

        /** The Sparkplug groups (sites) this hub is the primary host of: empty for all, as a single hub is. */
        public Gateways {
            groups = java.util.Set.copyOf(groups);
        }
        /**
         * Messages per second one gateway may send to the embedded endpoint: a gateway polling 100 devices every second
         * sends 100; one replaying a day's buffer catches up at this rate without taking the hub from the others.
         */
        public static final int DEFAULT_MAX_GATEWAY_RATE = 5_000;

        static Gateways defaults(int port) {
            return new Gateways("0.0.0.0", port, null, null, null, "lintel-hub", 8, 1 << 20, DEFAULT_MAX_GATEWAY_RATE, java.util.Set.of());
        }
    }

    /** PostgreSQL: {@code url} null means the embedded server on {@code port}. */
    public record Postgres(String url, String user, String password, int port) {
        public static final String EMBEDDED_USER = "lintel";

        static Postgres defaults(int port) {
            return new Postgres(null, EMBEDDED_USER, null, port);
        }
    }

    /** The time series: {@code influxUrl} null means the embedded store. */
    public record TimeSeries(String influxUrl, String database, String user, String password) {
        static TimeSeries defaults() {
            return new TimeSeries(null, "lintel", null, null);
        }
    }

    /**
     * Ingest and status: how old a reading may be, and a floor under each device's quiet limit (zero: the limit the
     * site file implies alone, twice its gateway's report interval plus its longest poll interval); how long the energy
     * rollups keep each meter's hours (its days are kept for good); how long the embedded store keeps every raw point
     * before thinning them to each hour's first, last, lowest and highest (zero: never thinned).
     */
    public record Telemetry(Duration staleAfter, Duration maxReadingAge, Duration hourlyRollupsKept, Duration rawPointsKept) {
        /** Readings older than this are refused: a gateway offline for a quarter still delivers its buffer. */
        public static final Duration DEFAULT_MAX_READING_AGE = Duration.ofDays(92);
        /**
         * A year and a month of hours: the same hour last year stays comparable; 10,000 meters' hours take about 88
         * million rows a year, their days 3.7 million.
         */
        public static final Duration DEFAULT_HOURLY_ROLLUPS_KEPT = Duration.ofDays(400);

        /**
         * As long as a reading may arrive late: an hour is thinned only once no gateway can add to it any more.
         */
        public static final Duration DEFAULT_RAW_POINTS_KEPT = DEFAULT_MAX_READING_AGE;

        static Telemetry defaults() {
            return new Telemetry(Duration.ZERO, DEFAULT_MAX_READING_AGE, DEFAULT_HOURLY_ROLLUPS_KEPT, DEFAULT_RAW_POINTS_KEPT);
        }
    }

    /** Where alarms go besides the console: a webhook, and an escalation file of on-call rosters and channels. */
    public record Alarms(URI webhook, Path escalation) {
        static Alarms defaults() {
            return new Alarms(null, null);
        }
    }

    public HubConfig {
        sites = List.copyOf(sites);
    }

    /** What {@code lintel-hub} runs with when given no options. */
    public static HubConfig defaults() {
        return embedded(Path.of("data", "hub"), 8080, 1883, 15432);
    }

    /** Embedded everything in {@code data}, on the given ports (0: any free one). */
    public static HubConfig embedded(Path data, int httpPort, int mqttPort, int postgresPort) {
        return new HubConfig(data, List.of(), Http.defaults(httpPort), Gateways.defaults(mqttPort), Postgres.defaults(postgresPort),
                TimeSeries.defaults(), Telemetry.defaults(), Alarms.defaults(), Access.defaults(), Tls.NONE);
    }

    public HubConfig withData(Path folder) {
        return new HubConfig(folder, sites, http, gateways, postgres, timeSeries, telemetry, alarms, access, tls);
    }

    public HubConfig withSites(List<Path> files) {
        return new HubConfig(data, files, http, gateways, postgres, timeSeries, telemetry, alarms, access, tls);
    }

    public HubConfig withHttp(Http h) {
        return new HubConfig(data, sites, h, gateways, postgres, timeSeries, telemetry, alarms, access, tls);
    }

    public HubConfig withGateways(Gateways g) {
        return new HubConfig(data, sites, http, g, postgres, timeSeries, telemetry, alarms, access, tls);
    }

    public HubConfig withPostgres(Postgres p) {
        return new HubConfig(data, sites, http, gateways, p, timeSeries, telemetry, alarms, access, tls);
    }

    public HubConfig withTimeSeries(TimeSeries t) {
        return new HubConfig(data, sites, http, gateways, postgres, t, telemetry, alarms, access, tls);
    }

    public HubConfig withTelemetry(Telemetry t) {
        return new HubConfig(data, sites, http, gateways, postgres, timeSeries, t, alarms, access, tls);
    }

    public HubConfig withAlarms(Alarms a) {
        return new HubConfig(data, sites, http, gateways, postgres, timeSeries, telemetry, a, access, tls);
    }

    /** Gateways publish to this broker (anonymous unless a user is set) and the hub subscribes as primary host. */
    public HubConfig withExternalBroker(String url) {
        Gateways g = gateways;
        return withGateways(new Gateways(g.host(), g.port(), url, g.user(), g.password(), g.hostId(), g.consumers(), g.maxMessageBytes(),
                g.maxGatewayRate(), g.groups()));
    }

    /** This hub takes only these sites' Sparkplug groups and does only their work (scale-out by group; docs/operations.md). */
    public HubConfig withGroups(java.util.Set<String> groups) {
        Gateways g = gateways;
        return withGateways(new Gateways(g.host(), g.port(), g.brokerUrl(), g.user(), g.password(), g.hostId(), g.consumers(), g.maxMessageBytes(),
                g.maxGatewayRate(), groups));
    }

    public HubConfig withHostId(String hostId) {
        Gateways g = gateways;
        return withGateways(new Gateways(g.host(), g.port(), g.brokerUrl(), g.user(), g.password(), hostId, g.consumers(), g.maxMessageBytes(),
                g.maxGatewayRate(), g.groups()));
    }

    /** Messages per second one gateway may send (embedded endpoint; 0: no limit). */
    public HubConfig withMaxGatewayRate(int perSecond) {
        Gateways g = gateways;
        return withGateways(new Gateways(g.host(), g.port(), g.brokerUrl(), g.user(), g.password(), g.hostId(), g.consumers(), g.maxMessageBytes(),
                perSecond, g.groups()));
    }

    public HubConfig withMaxMessageBytes(int bytes) {
        Gateways g = gateways;
        return withGateways(new Gateways(g.host(), g.port(), g.brokerUrl(), g.user(), g.password(), g.hostId(), g.consumers(), bytes,
                g.maxGatewayRate(), g.groups()));
    }

    public HubConfig withAdminToken(String token) {
        return withHttp(new Http(http.host(), http.port(), http.publicUrl(), token));
    }

    /** The address people reach the hub at (for the links in alarm messages); null: http://localhost:{httpPort}. */
    public HubConfig withPublicUrl(String url) {
        return withHttp(new Http(http.host(), http.port(), url, http.adminToken()));
    }

    public HubConfig withInflux(String url, String database) {
        return withTimeSeries(new TimeSeries(url, database, timeSeries.user(), timeSeries.password()));
    }

    public HubConfig withPostgres(String url, String user) {
        return withPostgres(new Postgres(url, user, postgres.password(), postgres.port()));
    }

    public HubConfig withPostgres(String url, String user, String password) {
        return withPostgres(new Postgres(url, user, password, postgres.port()));
    }

    public HubConfig withStaleAfter(Duration d) {
        return withTelemetry(new Telemetry(d, telemetry.maxReadingAge(), telemetry.hourlyRollupsKept(), telemetry.rawPointsKept()));
    }

    public HubConfig withMaxReadingAge(Duration d) {
        return withTelemetry(new Telemetry(telemetry.staleAfter(), d, telemetry.hourlyRollupsKept(), telemetry.rawPointsKept()));
    }

    public HubConfig withHourlyRollupsKept(Duration d) {
        return withTelemetry(new Telemetry(telemetry.staleAfter(), telemetry.maxReadingAge(), d, telemetry.rawPointsKept()));
    }

    public HubConfig withRawPointsKept(Duration d) {
        return withTelemetry(new Telemetry(telemetry.staleAfter(), telemetry.maxReadingAge(), telemetry.hourlyRollupsKept(), d));
    }

    public HubConfig withAlarmWebhook(URI url) {
        return withAlarms(new Alarms(url, alarms.escalation()));
    }

    public HubConfig withEscalation(Path file) {
        return withAlarms(new Alarms(alarms.webhook(), file));
    }

    /** What a backup takes of this hub, and where a restore puts it. */
    public org.lintel.hub.backup.HubStores stores() {
        return new org.lintel.hub.backup.HubStores(data, postgres.url(), postgres.user(), postgres.password(), postgres.port(),
                timeSeries.influxUrl(), timeSeries.database(), sites, alarms.escalation());
    }
}
