package org.lintel.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the hub is started. Null external URLs mean the embedded defaults: the hub itself as the gateways' MQTT server, the built-in time-series
 * store, and PostgreSQL from Maven Central's binaries, all in {@code data}.
 */
public record HubConfig(
        Path data,
        String httpHost,
        int httpPort,
        String mqttHost,
        int mqttPort,
        String mqttUrl,
        String mqttUser,
        String mqttPassword,
        String hostId,
        int mqttConsumers,
        String influxUrl,
        String influxDatabase,
        String influxUser,
        String influxPassword,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        int postgresPort,
        List<Path> sites,
        String adminToken,
        int maxMessageBytes,
        Duration staleAfter,
        java.net.URI alarmWebhook,
        Path escalation,
        String publicUrl,
        Duration maxReadingAge,
        int maxGatewayRate
) {

    /** Readings older than this are refused: a gateway offline for a quarter still delivers its buffer. */
    public static final Duration DEFAULT_MAX_READING_AGE = Duration.ofDays(92);
    /**
     * Messages per second one gateway may send to the embedded endpoint: a gateway polling 100 devices every second
     * sends 100; one replaying a day's buffer catches up at this rate without taking the hub from the others.
     */
    public static final int DEFAULT_MAX_GATEWAY_RATE = 5_000;

    public HubConfig {
        sites = List.copyOf(sites);
    }

    /** Gateways publish to this broker (anonymous unless a user is set) and the hub subscribes as primary host. */
    public HubConfig withExternalBroker(String url) {
        return edit(b -> b.mqttUrl = url);
    }

    public HubConfig withMaxReadingAge(Duration d) {
        return edit(b -> b.maxReadingAge = d);
    }

    /** Embedded everything in {@code data}, on the given ports. */
    public static HubConfig embedded(Path data, int httpPort, int mqttPort, int postgresPort) {
        return new HubConfig(data, "0.0.0.0", httpPort, "0.0.0.0", mqttPort, null, null, null, "lintel-hub", 8, null, "lintel", null, null,
                null, EmbeddedDefaults.POSTGRES_USER, null, postgresPort, List.of(), null, 1 << 20, Duration.ofMinutes(15), null, null, null,
                DEFAULT_MAX_READING_AGE, DEFAULT_MAX_GATEWAY_RATE);
    }

    /** Messages per second one gateway may send (embedded endpoint; 0: no limit). */
    public HubConfig withMaxGatewayRate(int perSecond) {
        return edit(b -> b.maxGatewayRate = perSecond);
    }

    public HubConfig withSites(List<Path> files) {
        return edit(b -> b.sites = files);
    }

    public HubConfig withAdminToken(String token) {
        return edit(b -> b.adminToken = token);
    }

    public HubConfig withInflux(String url, String database) {
        return edit(b -> {
            b.influxUrl = url;
            b.influxDatabase = database;
        });
    }

    public HubConfig withMaxMessageBytes(int bytes) {
        return edit(b -> b.maxMessageBytes = bytes);
    }

    public HubConfig withPostgres(String url, String user) {
        return edit(b -> {
            b.postgresUrl = url;
            b.postgresUser = user;
        });
    }

    public HubConfig withStaleAfter(Duration d) {
        return edit(b -> b.staleAfter = d);
    }

    public HubConfig withAlarmWebhook(java.net.URI url) {
        return edit(b -> b.alarmWebhook = url);
    }

    public HubConfig withEscalation(Path file) {
        return edit(b -> b.escalation = file);
    }

    /** The address people reach the hub at (for the links in alarm messages); null: http://localhost:{httpPort}. */
    public HubConfig withPublicUrl(String url) {
        return edit(b -> b.publicUrl = url);
    }

    /** A copy with some fields changed: the one place that lists every field, so a new field cannot be missed by a with-method. */
    private HubConfig edit(java.util.function.Consumer<Editable> change) {
        Editable b = new Editable(this);
        change.accept(b);
        return b.build();
    }

    private static final class Editable {
        Path data;
        String httpHost;
        int httpPort;
        String mqttHost;
        int mqttPort;
        String mqttUrl;
        String mqttUser;
        String mqttPassword;
        String hostId;
        int mqttConsumers;
        String influxUrl;
        String influxDatabase;
        String influxUser;
        String influxPassword;
        String postgresUrl;
        String postgresUser;
        String postgresPassword;
        int postgresPort;
        List<Path> sites;
        String adminToken;
        int maxMessageBytes;
        Duration staleAfter;
        java.net.URI alarmWebhook;
        Path escalation;
        String publicUrl;
        Duration maxReadingAge;
        int maxGatewayRate;

        Editable(HubConfig c) {
            data = c.data;
            httpHost = c.httpHost;
            httpPort = c.httpPort;
            mqttHost = c.mqttHost;
            mqttPort = c.mqttPort;
            mqttUrl = c.mqttUrl;
            mqttUser = c.mqttUser;
            mqttPassword = c.mqttPassword;
            hostId = c.hostId;
            mqttConsumers = c.mqttConsumers;
            influxUrl = c.influxUrl;
            influxDatabase = c.influxDatabase;
            influxUser = c.influxUser;
            influxPassword = c.influxPassword;
            postgresUrl = c.postgresUrl;
            postgresUser = c.postgresUser;
            postgresPassword = c.postgresPassword;
            postgresPort = c.postgresPort;
            sites = c.sites;
            adminToken = c.adminToken;
            maxMessageBytes = c.maxMessageBytes;
            staleAfter = c.staleAfter;
            alarmWebhook = c.alarmWebhook;
            escalation = c.escalation;
            publicUrl = c.publicUrl;
            maxReadingAge = c.maxReadingAge;
            maxGatewayRate = c.maxGatewayRate;
        }

        HubConfig build() {
            return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl,
                    influxDatabase, influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, adminToken,
                    maxMessageBytes, staleAfter, alarmWebhook, escalation, publicUrl, maxReadingAge, maxGatewayRate);
        }
    }

    /** Names shared by the embedded defaults. */
    static final class EmbeddedDefaults {
        static final String POSTGRES_USER = "lintel";

        private EmbeddedDefaults() {
        }
    }
}
