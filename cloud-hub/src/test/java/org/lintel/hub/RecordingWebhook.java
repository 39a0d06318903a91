package org.lintel.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server standing in for the people and systems alarms are posted to: it records every JSON body by path. */
public final class RecordingWebhook implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Map.Entry<String, JsonNode>> received = new CopyOnWriteArrayList<>();

    public RecordingWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            received.add(Map.entry(ex.getRequestURI().getPath(), JSON.readTree(ex.getRequestBody())));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    /** The address of {@code path} on this server, e.g. {@code /alarms}. */
    public URI url(String path) {
        return URI.create(base() + path);
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Everything posted to {@code path}, in arrival order. */
    public List<JsonNode> at(String path) {
        return received.stream().filter(e -> e.getKey().equals(path)).map(Map.Entry::getValue).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
