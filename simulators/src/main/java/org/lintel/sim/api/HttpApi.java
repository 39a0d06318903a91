package org.lintel.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.lintel.profile.Point;
import org.lintel.sim.Simulation;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.scenario.Scenario;
import org.lintel.sim.scenario.ScenarioType;
import org.lintel.yaml.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulators' HTTP API (default port 8090). Every error answers with a JSON body naming the request field and
 * what would be right.
 *
 * <pre>
 * GET    /devices                         each device: id, profile, protocol, endpoint
 * GET    /devices/{id}                    current canonical values of every point
 * GET    /truth/{id}[?at=ISO]             counters' true totals, registers, meter events
 * GET    /truth/{id}/usage?point=&amp;from=&amp;to=&amp;step=1h   usage per interval
 * GET    /clock                           simulated time and speed
 * POST   /clock {"advance":"30d"} | {"speed":720}
 * GET    /scenarios                       scenarios and the types available
 * POST   /scenarios {"type":"fire","device":"b1-f01-smoke","params":{}}
 * DELETE /scenarios/{id}
 * GET    /stats                           request counts and latencies per protocol
 * </pre>
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** A request the API cannot serve, with the HTTP status and the field at fault. */
    static final class ApiError extends RuntimeException {
        final int status;
        final String field;

        ApiError(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }

    private final Simulation sim;
    private final HttpServer server;

    public HttpApi(Simulation sim, InetSocketAddress address) throws IOException {
        this.sim = sim;
        this.server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sim-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        LOG.info("event=api-listening url=http://{}:{}/devices", address.getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        int status = 200;
        Object body;
        try {
            body = route(ex);
            if (body instanceof Created c) {
                status = 201;
                body = c.body();
            }
        } catch (ApiError e) {
            status = e.status;
            body = error(e.field, e.getMessage());
        } catch (IllegalArgumentException e) {
            status = 400;
            body = error(null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("event=request-failed method={} uri={} reason=\"{}\"", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            status = 500;
            body = error(null, e.toString());
        }
        byte[] bytes;
        if (body instanceof Text t) {
            bytes = t.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", t.contentType());
        } else {
            bytes = Json.MAPPER.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Created(Object body) {
    }

    private record Text(String contentType, String body) {
    }

    private static Map<String, Object> error(String field, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (field != null) {
            m.put("field", field);
        }
        return m;
    }

    private Object route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String[] path = ex.getRequestURI().getPath().replaceAll("/+$", "").split("/");
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        String first = path.length > 1 ? path[1] : "";
        switch (first) {
            case "devices":
                if (path.length == 2) {
                    return DeviceListing.of(sim);
                }
                return values(device(path[2]));
            case "truth":
                SimDevice d = device(path.length > 2 ? path[2] : "");
                if (path.length > 3 && path[3].equals("usage")) {
                    return usage(d, q);
                }
                return GroundTruth.counters(d, instant(q, "at", sim.clock().now()));
            case "clock":
                if (method.equals("POST")) {
                    clock(body(ex));
                }
                return clockState();
            case "scenarios":
                if (method.equals("POST")) {
                    return new Created(startScenario(body(ex)));
                }
                if (method.equals("DELETE") && path.length > 2) {
                    return sim.scenarios().stop(path[2]);
                }
                if (path.length > 2) {
                    return sim.scenarios().get(path[2]).orElseThrow(() -> new ApiError(404, null, "no scenario '" + path[2] + "'"));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenarios", sim.scenarios().list());
                Map<String, String> types = new LinkedHashMap<>();
                for (ScenarioType t : ScenarioType.values()) {
                    types.put(t.word(), t.description());
                }
                m.put("types", types);
                return m;
            case "stats":
                return sim.stats().snapshot();
            case "readings":
                return new Text("text/csv; charset=utf-8", MeterReadings.csv(sim, localDate(q, "from"), localDate(q, "to"), times(q)));
            default:
                throw new ApiError(404, null, "no such resource " + ex.getRequestURI().getPath()
                        + "; try /devices, /truth/{device}, /readings, /clock, /scenarios or /stats");
        }
    }

    private SimDevice device(String id) {
        return sim.device(id).orElseThrow(() -> new ApiError(404, "device", "no device '" + id + "' in site " + sim.site().id()));
    }

    private Map<String, Object> values(SimDevice d) {
        Instant now = sim.clock().now();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", d.id());
        m.put("at", now);
        Map<String, Object> v = new LinkedHashMap<>();
        for (Point p : d.profile().points()) {
            v.put(p.name(), d.value(p, now));
        }
        m.put("values", v);
        m.put("faults", d.faults());
        return m;
    }

    private Object usage(SimDevice d, Map<String, String> q) {
        String pointName = q.getOrDefault("point", d.profile().meterPoints().stream().findFirst().map(Point::name).orElse(null));
        if (pointName == null) {
            throw new ApiError(400, "point", "device " + d.id() + " has no billed counter; give ?point=");
        }
        Point p = d.profile().point(pointName).orElseThrow(() -> new ApiError(400, "point", "device " + d.id() + " has no point '" + pointName + "'"));
        Instant now = sim.clock().now();
        Instant from = instant(q, "from", null);
        Instant to = instant(q, "to", now);
        if (from == null) {
            throw new ApiError(400, "from", "give ?from= as an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z");
        }
        if (to.isAfter(now)) {
            throw new ApiError(400, "to", "'to' is in the simulated future (now is " + now + ")");
        }
        Duration step = Durations.parse(q.getOrDefault("step", "1h"))
                .orElseThrow(() -> new ApiError(400, "step", "expected " + Durations.FORMS));
        try {
            return GroundTruth.usage(d, p, from, to, step);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "to", e.getMessage());
        }
    }

    /** ?times=00:00,07:00,23:00 (local), midnight when not given. */
    private static java.util.List<java.time.LocalTime> times(Map<String, String> q) {
        String v = q.getOrDefault("times", "00:00");
        java.util.List<java.time.LocalTime> out = new java.util.ArrayList<>();
        for (String t : v.split(",")) {
            try {
                out.add(java.time.LocalTime.parse(t.trim()));
            } catch (DateTimeParseException e) {
                throw new ApiError(400, "times", "'" + t + "' is not a local time such as 07:00; give ?times=00:00,07:00,23:00");
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    private static java.time.LocalDate localDate(Map<String, String> q, String key) {
        String v = q.get(key);
        if (v == null) {
            throw new ApiError(400, key, "give ?" + key + "= as a local date such as 2026-11-01");
        }
        try {
            return java.time.LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, key, "'" + v + "' is not a local date such as 2026-11-01");
        }
    }

    private static Instant instant(Map<String, String> q, String key, Instant dflt) {
        String v = q.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, key, "'" + v + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    private void clock(JsonNode body) {
        if (body.has("advance")) {
            Duration d = Durations.parse(body.get("advance").asText())
                    .orElseThrow(() -> new ApiError(400, "advance", "expected " + Durations.FORMS));
            sim.clock().advance(d);
        }
        if (body.has("speed")) {
            double s = body.get("speed").asDouble(-1);
            if (s <= 0) {
                throw new ApiError(400, "speed", "must be a number greater than 0 (simulated seconds per second)");
            }
            sim.clock().setSpeed(s);
        }
        if (!body.has("advance") && !body.has("speed")) {
            throw new ApiError(400, "advance", "give \"advance\" (e.g. \"30d\") or \"speed\" (e.g. 720)");
        }
    }

    private Map<String, Object> clockState() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now", sim.clock().now());
        m.put("speed", sim.clock().speed());
        m.put("zone", sim.site().timeZone().getId());
        m.put("local", sim.clock().now().atZone(sim.site().timeZone()).toLocalDateTime().toString());
        return m;
    }

    /** The scenario, and the wall-clock instant it took effect: what a benchmark measures a reaction from. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> startScenario(JsonNode body) {
        Instant wall = Instant.now();
        Scenario s = beginScenario(body);
        Map<String, Object> out = new LinkedHashMap<>(Json.MAPPER.convertValue(s, Map.class));
        out.put("startedWall", wall.toString());
        return out;
    }

    private Scenario beginScenario(JsonNode body) {
        if (!body.hasNonNull("type")) {
            throw new ApiError(400, "type", "missing; one of " + ScenarioType.words());
        }
        if (!body.hasNonNull("device")) {
            throw new ApiError(400, "device", "missing; the id of the device to act on (see GET /devices)");
        }
        Map<String, String> params = new HashMap<>();
        if (body.has("params")) {
            body.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        String device = body.get("device").asText();
        if (sim.device(device).isEmpty()) {
            throw new ApiError(404, "device", "no device '" + device + "' in site " + sim.site().id());
        }
        return sim.scenarios().start(body.get("type").asText(), device, params);
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        try {
            return Json.MAPPER.readTree(raw.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : raw);
        } catch (IOException e) {
            throw new ApiError(400, null, "the request body is not JSON: " + e.getMessage());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                if (i > 0) {
                    m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
