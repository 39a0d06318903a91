package org.lintel.hub.telemetry.sparkplug;

import org.lintel.hub.core.GatewayKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/**
 * The Sparkplug B primary host's view of its edge nodes: births give each node's metrics (name, alias, unit), data
 * messages become canonical readings, and the sequence numbers are checked. A gap in seq, data from a node or device
 * that has not been born, or an unknown alias asks for a rebirth instead of guessing. A death counts only when its
 * bdSeq matches the node's current birth (a late will of an older session is ignored).
 *
 * <p>Not thread-safe: the hub feeds it from one thread per edge node (or one for all).
 */
public final class PrimaryHostDecoder {

    /** One edge node's session as the host sees it. */
    private static final class NodeSession {
        long bdSeq = -1;
        long lastSeq = -1;
        /** Restored after a restart: the next message's seq is taken as given, the one before it being unknown. */
        boolean seqUnknown;
        boolean online;
        final Map<Long, EdgeNodeSession.BirthMetric> aliases = new HashMap<>();
        final Map<String, Boolean> devices = new HashMap<>();
    }

    /**
     * Which devices an edge node may speak for. A birth of a device that is not its own would otherwise fill the
     * host's session (and its saved copy) with aliases of anything a gateway cares to name.
     */
    @FunctionalInterface
    public interface DeviceAdmission {
        /** Why {@code edgeNode} may not publish for {@code device}, or null when it may. */
        HostEvent.Refused refusal(String group, String edgeNode, String device);

        DeviceAdmission ANY = (g, n, d) -> null;
    }

    private final DeviceAdmission admission;
    private final Map<GatewayKey, NodeSession> nodes = new HashMap<>();
    /** Nodes whose birth, death or trust changed since {@link #changedSessions()} was last called, with the devices that did. */
    private final Map<GatewayKey, Set<String>> changed = new java.util.LinkedHashMap<>();
    private final Set<GatewayKey> reborn = new HashSet<>();
    private boolean redelivered;

    public PrimaryHostDecoder() {
        this(DeviceAdmission.ANY);
    }

    public PrimaryHostDecoder(DeviceAdmission admission) {
        this(admission, false);
    }

    /**
     * {@code reorderingBroker}: the messages come through a broker cluster, which may deliver an edge node's messages
     * out of order (a node's queue handed to another node after a failover; eclipse-sparkplug/sparkplug #212). A late
     * message (seq behind the last) is then data like any other, and a gap ahead asks for a rebirth without
     * distrusting the session: its aliases stand until the next birth, and the readings carry their own times.
     */
    public PrimaryHostDecoder(DeviceAdmission admission, boolean reorderingBroker) {
        this.admission = admission;
        this.reorderingBroker = reorderingBroker;
    }

    private final boolean reorderingBroker;

    /** Decodes and interprets one message; returns what the hub must do with it. */
    public List<HostEvent> accept(String topicText, byte[] payloadBytes) {
        return accept(topicText, payloadBytes, false);
    }

    /**
     * As {@link #accept(String, byte[])}; a {@code redelivered} message (MQTT DUP) whose seq is not the next one is
     * taken as the repeat of one already seen: its readings are stored again (idempotently) and the session is not
     * questioned.
     */
    public List<HostEvent> accept(String topicText, byte[] payloadBytes, boolean redelivered) {
        this.redelivered = redelivered;
        SparkplugTopic topic = SparkplugTopic.parse(topicText).orElse(null);
        List<HostEvent> out = new ArrayList<>();
        if (topic == null) {
            return out;
        }
        SparkplugBPayload payload;
        try {
            payload = new SparkplugBPayloadDecoder().buildFromByteArray(payloadBytes, null);
        } catch (Exception e) {
            out.add(new HostEvent.RebirthNeeded(topic.group(), topic.edgeNode(), "malformed-payload", "undecodable " + topic.type() + ": " + e.getMessage()));
            return out;
        }
        NodeSession s = nodes.computeIfAbsent(topic.node(), k -> new NodeSession());
        switch (topic.type()) {
            case "NBIRTH" -> {
                if (!reorderingBroker) {
                    s.aliases.clear();
                    s.devices.clear();
                }
                // through a broker cluster a new birth may overtake the last data of the session before it, and a device's
                // data its own new birth: its aliases stay until that device's birth replaces them
                s.bdSeq = longMetric(payload, "bdSeq");
                s.lastSeq = payload.getSeq() == null ? 0 : payload.getSeq();
                s.seqUnknown = false;
                s.online = true;
                changed.computeIfAbsent(topic.node(), k -> new LinkedHashSet<>()).clear();
                reborn.add(topic.node());
                out.add(new HostEvent.Status(topic.group(), topic.edgeNode(), null, true));
            }
            case "NDEATH" -> {
                long bd = longMetric(payload, "bdSeq");
                if (s.online && bd == s.bdSeq) {
                    s.online = false;
                    changed.computeIfAbsent(topic.node(), k -> new LinkedHashSet<>());
                    out.add(new HostEvent.Status(topic.group(), topic.edgeNode(), null, false));
                }
            }
            case "DBIRTH" -> {
                if (!checkSeq(topic, s, payload, out) || refused(topic, out)) {
                    return out;
                }
                // a device born again may name its metrics differently: its old aliases go
                s.aliases.values().removeIf(a -> a.device().equals(topic.device()));
                for (Metric m : payload.getMetrics()) {
                    if (m.getAlias() != null && m.getName() != null) {
                        s.aliases.put(m.getAlias(), new EdgeNodeSession.BirthMetric(topic.device(), m.getName(), string(m.getProperties(), "engUnit")));
                    }
                }
                s.devices.put(topic.device(), true);
                changed.computeIfAbsent(topic.node(), k -> new LinkedHashSet<>()).add(topic.device());
                out.add(new HostEvent.Status(topic.group(), topic.edgeNode(), topic.device(), true));
                // a birth repeats the last values (already stored) or says "no value yet"; only real values are kept
                List<Reading> values = readings(topic, s, payload, out).stream().filter(r -> r.value() != null).toList();
                if (!values.isEmpty()) {
                    out.add(new HostEvent.Readings(topic.group(), topic.edgeNode(), topic.device(), values, false));
                }
            }
            case "DDEATH" -> {
                if (checkSeq(topic, s, payload, out) && !refused(topic, out)) {
                    s.devices.put(topic.device(), false);
                    changed.computeIfAbsent(topic.node(), k -> new LinkedHashSet<>()).add(topic.device());
                    out.add(new HostEvent.Status(topic.group(), topic.edgeNode(), topic.device(), false));
                }
            }
            case "DDATA" -> {
                if (!checkSeq(topic, s, payload, out) || refused(topic, out)) {
                    return out;
                }
                if (!s.devices.containsKey(topic.device())) {
                    out.add(new HostEvent.RebirthNeeded(topic.group(), topic.edgeNode(), "data-before-birth", "DDATA from device " + topic.device() + " before its DBIRTH"));
                    return out;
                }
                List<Reading> values = readings(topic, s, payload, out);
                boolean historical = payload.getMetrics().stream().allMatch(m -> Boolean.TRUE.equals(m.isHistorical()));
                out.add(new HostEvent.Readings(topic.group(), topic.edgeNode(), topic.device(), values, historical));
            }
            default -> {
                // NDATA, commands and anything else carry nothing for the time series yet
            }
        }
        return out;
    }

    private boolean refused(SparkplugTopic t, List<HostEvent> out) {
        HostEvent.Refused r = admission.refusal(t.group(), t.edgeNode(), t.device());
        if (r != null) {
            out.add(r);
        }
        return r != null;
    }

    /** Sequence numbers run 0..255 across all messages of a session; a gap means messages were lost. */
    private boolean checkSeq(SparkplugTopic t, NodeSession s, SparkplugBPayload p, List<HostEvent> out) {
        if (!s.online) {
            out.add(new HostEvent.RebirthNeeded(t.group(), t.edgeNode(), "data-before-birth", t.type() + " before NBIRTH"));
            return false;
        }
        long seq = p.getSeq() == null ? -1 : p.getSeq();
        if (s.seqUnknown) {
            s.seqUnknown = false;
            s.lastSeq = seq;
            return true;
        }
        long expected = (s.lastSeq + 1) % 256;
        if (seq != expected && redelivered && Math.floorMod(s.lastSeq - seq, 256) < 128) {
            return true; // a repeat of a message already counted
        }
        if (seq != expected && reorderingBroker) {
            if (Math.floorMod(s.lastSeq - seq, 256) < 128) {
                return true; // late, overtaken by later messages on another broker node
            }
            out.add(new HostEvent.RebirthNeeded(t.group(), t.edgeNode(), "seq-gap", "seq " + seq + " where " + expected + " was expected"));
            s.lastSeq = seq;
            return true;
        }
        if (seq != expected) {
            out.add(new HostEvent.RebirthNeeded(t.group(), t.edgeNode(), "seq-gap", "seq " + seq + " where " + expected + " was expected"));
            s.online = false; // until the rebirth arrives, nothing more from this session is trusted
            changed.computeIfAbsent(t.node(), k -> new LinkedHashSet<>());
            return false;
        }
        s.lastSeq = seq;
        return true;
    }

    private List<Reading> readings(SparkplugTopic t, NodeSession s, SparkplugBPayload p, List<HostEvent> out) {
        List<Reading> readings = new ArrayList<>();
        Instant received = Instant.now();
        for (Metric m : p.getMetrics()) {
            // by alias (what Lintel's gateways send), or by name for nodes that do not use aliases
            EdgeNodeSession.BirthMetric info = m.getAlias() != null ? s.aliases.get(m.getAlias())
                    : m.getName() != null ? new EdgeNodeSession.BirthMetric(t.device(), m.getName(), string(m.getProperties(), "engUnit")) : null;
            if (info == null) {
                out.add(new HostEvent.RebirthNeeded(t.group(), t.edgeNode(), "unknown-alias", "unknown alias " + m.getAlias() + " from device " + t.device()));
                continue;
            }
            Instant at = m.getTimestamp() != null ? m.getTimestamp().toInstant() : received;
            Quality q = quality(m.getProperties());
            Value v = value(m.getValue());
            if (v == null && q.isGood()) {
                q = Quality.bad(QualityReason.DEVICE_FAILURE, "null value without a quality");
            }
            readings.add(new Reading(t.device(), info.name(), v, info.unit(), q, at, received));
        }
        return readings;
    }

    private static Value value(Object v) {
        if (v instanceof Boolean b) {
            return new Value.Flag(b);
        }
        if (v instanceof Number n) {
            return new Value.Numeric(n.doubleValue());
        }
        if (v instanceof String s) {
            return new Value.State(s, null);
        }
        return null;
    }

    private static Quality quality(PropertySet props) {
        if (props == null || props.getPropertyValue("Quality") == null) {
            return Quality.GOOD;
        }
        int code = ((Number) props.getPropertyValue("Quality").getValue()).intValue();
        if (code >= 192) {
            return Quality.GOOD;
        }
        QualityLevel level = code >= 64 ? QualityLevel.UNCERTAIN : QualityLevel.BAD;
        QualityReason reason = QualityReason.COMMUNICATION_FAILURE;
        String r = string(props, "qualityReason");
        if (r != null) {
            try {
                reason = QualityReason.valueOf(r.toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException unknown) {
                reason = QualityReason.COMMUNICATION_FAILURE;
            }
        }
        return new Quality(level, reason, string(props, "qualityDetail"));
    }

    private static String string(PropertySet props, String key) {
        if (props == null) {
            return null;
        }
        PropertyValue<?> v = props.getPropertyValue(key);
        return v == null || v.getValue() == null ? null : v.getValue().toString();
    }

    private static long longMetric(SparkplugBPayload p, String name) {
        for (Metric m : p.getMetrics()) {
            if (name.equals(m.getName()) && m.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        return -1;
    }

    /**
     * Takes up sessions saved by an earlier run (see {@link SessionStore}), so that messages a broker queued for the
     * host while it was down are decoded with the births they belong to instead of being refused as data before birth.
     */
    public void restore(Collection<EdgeNodeSession> saved) {
        for (EdgeNodeSession e : saved) {
            NodeSession s = new NodeSession();
            s.bdSeq = e.bdSeq();
            s.online = e.online();
            s.seqUnknown = true;
            s.devices.putAll(e.devices());
            s.aliases.putAll(e.aliases());
            nodes.put(e.node(), s);
        }
    }

    /** The sessions whose birth, death or trust changed since the last call, for saving before their messages are acknowledged. */
    public List<EdgeNodeSession> changedSessions() {
        if (changed.isEmpty()) {
            return List.of();
        }
        List<EdgeNodeSession> out = new ArrayList<>(changed.size());
        for (Map.Entry<GatewayKey, Set<String>> c : changed.entrySet()) {
            NodeSession s = nodes.get(c.getKey());
            EdgeNodeSession.Change change = reborn.contains(c.getKey()) ? EdgeNodeSession.Change.ALL : new EdgeNodeSession.Change(false, c.getValue());
            out.add(new EdgeNodeSession(c.getKey(), s.bdSeq, s.online, s.devices, s.aliases, change));
        }
        changed.clear();
        reborn.clear();
        return out;
    }

    /** Whether an edge node's current session is born and trusted. */
    public boolean isOnline(String group, String edgeNode) {
        NodeSession s = nodes.get(new GatewayKey(group, edgeNode));
        return s != null && s.online;
    }
}
