package org.lintel.edge.normalize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** Writes each reading as one JSON line (the standalone launcher's {@code --print}). */
public final class JsonLinesSink implements ReadingSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    public JsonLinesSink(PrintStream out) {
        this.out = out;
    }

    /** One reading with its device's place as a JSON object. */
    public static ObjectNode toJson(DeviceContext ctx, Reading r) {
        ObjectNode o = JSON.createObjectNode();
        if (ctx != null) {
            o.put("site", ctx.siteId());
            o.put("gateway", ctx.gatewayId());
            o.put("building", ctx.building());
            // "unit" is the measurement unit below; the unit (户) a meter serves is "servesUnit".
            if (ctx.unit() != null) {
                o.put("servesUnit", ctx.unit());
            }
            if (ctx.commonArea() != null) {
                o.put("servesCommonArea", ctx.commonArea());
            }
        }
        o.put("device", r.deviceId());
        o.put("point", r.point());
        Value v = r.value();
        if (v instanceof Value.Numeric n) {
            o.put("value", n.value());
        } else if (v instanceof Value.Flag f) {
            o.put("value", f.value());
        } else if (v instanceof Value.State s) {
            o.put("value", s.name());
            o.put("raw", s.raw());
        } else if (v instanceof Value.Text t) {
            o.put("value", t.value());
        } else {
            o.putNull("value");
        }
        if (r.unit() != null) {
            o.put("unit", r.unit());
        }
        o.put("quality", r.quality().level().name().toLowerCase());
        if (!r.quality().isGood()) {
            o.put("reason", r.quality().reason().name().toLowerCase().replace('_', '-'));
            if (r.quality().detail() != null) {
                o.put("detail", r.quality().detail());
            }
        }
        o.put("sourceTime", r.sourceTime().toString());
        o.put("gatewayTime", r.gatewayTime().toString());
        return o;
    }

    @Override
    public synchronized void accept(ReadingBatch batch) {
        StringBuilder b = new StringBuilder();
        for (Reading r : batch.readings()) {
            b.append(toJson(batch.context(), r)).append('\n');
        }
        out.print(b);
        out.flush();
    }
}
