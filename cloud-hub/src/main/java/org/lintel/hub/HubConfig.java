package org.lintel.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the hub is started. Null external URLs mean the embedded defaults: Moquette for MQTT, the built-in time-series
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
        Path escalation) {

    public HubConfig {
        sites = List.copyOf(sites);
    }

    /** Embedded everything in {@code data}, on the given ports. */
    public static HubConfig embedded(Path data, int httpPort, int mqttPort, int postgresPort) {
        return new HubConfig(data, "0.0.0.0", httpPort, "0.0.0.0", mqttPort, null, null, null, "lintel-hub", 8, null, "lintel", null, null,
                null, EmbeddedDefaults.POSTGRES_USER, null, postgresPort, List.of(), null, 1 << 20, Duration.ofMinutes(15), null, null);
    }

    public HubConfig withSites(List<Path> files) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, files, adminToken, maxMessageBytes, staleAfter, alarmWebhook, escalation);
    }

    public HubConfig withAdminToken(String token) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, token, maxMessageBytes, staleAfter, alarmWebhook, escalation);
    }

    public HubConfig withInflux(String url, String database) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, url, database,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, adminToken, maxMessageBytes, staleAfter, alarmWebhook, escalation);
    }

    public HubConfig withMaxMessageBytes(int bytes) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, adminToken, bytes, staleAfter, alarmWebhook, escalation);
    }

    public HubConfig withPostgres(String url, String user) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, url, user, postgresPassword, postgresPort, sites, adminToken, maxMessageBytes, staleAfter, alarmWebhook, escalation);
    }

    public HubConfig withStaleAfter(Duration d) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, adminToken, maxMessageBytes, d, alarmWebhook, escalation);
    }

    public HubConfig withAlarmWebhook(java.net.URI url) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, adminToken, maxMessageBytes, staleAfter, url, escalation);
    }

    public HubConfig withEscalation(Path file) {
        return new HubConfig(data, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, hostId, mqttConsumers, influxUrl, influxDatabase,
                influxUser, influxPassword, postgresUrl, postgresUser, postgresPassword, postgresPort, sites, adminToken, maxMessageBytes, staleAfter,
                alarmWebhook, file);
    }

    /** Names shared by the embedded defaults. */
    static final class EmbeddedDefaults {
        static final String POSTGRES_USER = "lintel";

        private EmbeddedDefaults() {
        }
    }
}
