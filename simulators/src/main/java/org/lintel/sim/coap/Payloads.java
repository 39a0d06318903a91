package org.lintel.sim.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.profile.coap.ContentFormat;
import org.lintel.reading.Value;
import org.lintel.sim.device.Encoding;

/** Builds a CoAP resource's payload from the points that share it, in the profile's content format. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Payloads() {
    }

    /** A point and its current canonical value. */
    record Entry(Point point, Value value) {
    }

    static byte[] build(ContentFormat format, List<Entry> entries) {
        try {
            return switch (format) {
                case TEXT -> text(entries.get(0)).getBytes(StandardCharsets.UTF_8);
                case JSON -> JSON.writeValueAsBytes(tree(entries));
                case CBOR -> CBOR.writeValueAsBytes(tree(entries));
                case SENML_JSON -> JSON.writeValueAsBytes(senml(entries, false));
                case SENML_CBOR -> CBOR.writeValueAsBytes(senml(entries, true));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Entry e) {
        if (e.value() instanceof Value.Text t) {
            return t.value();
        }
        if (e.value() instanceof Value.State s && e.point().type() == DataType.STRING) {
            return Encoding.stateRaw(e.point(), s.name());
        }
        return number(e).toPlainString();
    }

    private static BigDecimal number(Entry e) {
        double raw = Encoding.rawNumber(e.point(), e.value());
        BigDecimal d = BigDecimal.valueOf(raw);
        return e.point().type().isInteger() ? d.setScale(0, java.math.RoundingMode.HALF_UP) : d.stripTrailingZeros();
    }

    private static void put(ObjectNode obj, String key, Entry e) {
        Value v = e.value();
        if (v instanceof Value.Flag f) {
            obj.put(key, f.value());
        } else if (v instanceof Value.Text t) {
            obj.put(key, t.value());
        } else if (v instanceof Value.State s && e.point().type() == DataType.STRING) {
            obj.put(key, Encoding.stateRaw(e.point(), s.name()));
        } else if (e.point().type() == DataType.BOOL) {
            obj.put(key, Encoding.rawNumber(e.point(), v) != 0);
        } else {
            BigDecimal n = number(e);
            if (e.point().type().isInteger()) {
                obj.put(key, n.longValue());
            } else {
                obj.put(key, n.doubleValue());
            }
        }
    }

    /** A JSON object with each point at its JSON Pointer (nested objects created as needed). */
    private static ObjectNode tree(List<Entry> entries) {
        ObjectNode root = NODES.objectNode();
        for (Entry e : entries) {
            String field = ((CoapAddress) e.point().address()).field();
            String[] parts = field == null ? new String[] {e.point().name()} : field.substring(1).split("/");
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
            }
            put(at, parts[parts.length - 1], e);
        }
        return root;
    }

    /** SenML records; a name like /3303/0/5700 is split into base name /3303/0/ and name 5700, as LwM2M sends it. */
    private static ArrayNode senml(List<Entry> entries, boolean cbor) {
        ArrayNode pack = NODES.arrayNode();
        for (Entry e : entries) {
            String full = ((CoapAddress) e.point().address()).field();
            int cut = full.lastIndexOf('/') + 1;
            ObjectNode rec = pack.addObject();
            rec.put(cbor ? "-2" : "bn", full.substring(0, cut));
            rec.put(cbor ? "0" : "n", full.substring(cut));
            ObjectNode tmp = NODES.objectNode();
            put(tmp, "x", e);
            if (tmp.get("x").isBoolean()) {
                rec.set(cbor ? "4" : "vb", tmp.get("x"));
            } else if (tmp.get("x").isTextual()) {
                rec.set(cbor ? "3" : "vs", tmp.get("x"));
            } else {
                rec.set(cbor ? "2" : "v", tmp.get("x"));
            }
        }
        return pack;
    }
}
