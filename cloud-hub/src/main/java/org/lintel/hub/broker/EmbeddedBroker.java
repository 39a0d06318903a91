package org.lintel.hub.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker built into the hub (Moquette), so that a community needs no separate broker. Anonymous clients
 * are refused; {@link GatewayAccess} decides logins and topics. Messages larger than the limit are refused by the
 * broker, which closes that client's connection.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    public static EmbeddedBroker start(String host, int port, int maxMessageBytes, GatewayAccess access) {
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("persistence_enabled", "false");
        // Moquette drops a command (a message) when a session's command queue is full; the default 1024 overflows
        // under a burst from a few gateways with large in-flight windows
        p.setProperty("session_queue_size", Integer.toString(1 << 16));
        // twice the hub's limit: messages between the two are received, counted and rejected by the hub; beyond it the
        // broker closes the sender's connection
        p.setProperty("netty.mqtt.message_size", Integer.toString(maxMessageBytes * 2));
        EmbeddedBroker b = new EmbeddedBroker(port);
        try {
            b.server.startServer(new MemoryConfig(p), List.of(), null, access, access);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MQTT broker on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("event=broker-started host={} port={} maxMessageBytes={}", host, port, maxMessageBytes);
        return b;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
