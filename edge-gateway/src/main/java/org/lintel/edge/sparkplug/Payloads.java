package org.lintel.edge.sparkplug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.tahu.SparkplugException;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/**
 * Builds Sparkplug B payloads (protobuf, through Eclipse Tahu). Births carry names, aliases, types, engineering units
 * and quality; data messages carry aliases only, with each reading's source time, quality when not good, and the
 * historical flag for replayed data.
 */
final class Payloads {

    /** OPC-style quality codes, as Sparkplug hosts such as Ignition read the {@code Quality} property. */
    static int qualityCode(Quality q) {
        return q.level() == QualityLevel.GOOD ? 192 : q.level() == QualityLevel.UNCERTAIN ? 64 : 0;
    }

    private Payloads() {
    }

    static byte[] encode(SparkplugBPayload p) throws IOException {
        return new SparkplugBPayloadEncoder().getBytes(p, false);
    }

    static Object value(Value v) {
        if (v instanceof Value.Numeric n) {
            return n.value();
        }
        if (v instanceof Value.Flag f) {
            return f.value();
        }
        if (v instanceof Value.State s) {
            return s.name();
        }
        return v == null ? null : ((Value.Text) v).value();
    }

    private static PropertySet properties(Quality q, String unit) throws SparkplugException {
        PropertySet.PropertySetBuilder b = new PropertySet.PropertySetBuilder();
        if (unit != null) {
            b.addProperty("engUnit", new PropertyValue<>(PropertyDataType.String, unit));
        }
        b.addProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, qualityCode(q)));
        if (q.level() != QualityLevel.GOOD) {
            b.addProperty("qualityReason", new PropertyValue<>(PropertyDataType.String, q.reason().name().toLowerCase().replace('_', '-')));
            if (q.detail() != null) {
                b.addProperty("qualityDetail", new PropertyValue<>(PropertyDataType.String, q.detail()));
            }
        }
        return b.createPropertySet();
    }

    static byte[] nodeBirth(long seq, long bdSeq, String site, String gateway) throws Exception {
        SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq)
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, bdSeq).createMetric())
                .addMetric(new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, false).createMetric())
                .addMetric(new Metric.MetricBuilder("Properties/Site", MetricDataType.String, site).createMetric())
                .addMetric(new Metric.MetricBuilder("Properties/Gateway", MetricDataType.String, gateway).createMetric())
                .createPayload();
        return encode(p);
    }

    /** NDEATH, set as the MQTT will: only bdSeq, no seq. */
    static byte[] nodeDeath(long bdSeq) throws Exception {
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date())
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, bdSeq).createMetric()).createPayload());
    }

    /** DBIRTH: every metric of the device, with name, alias, type, unit, quality and its last known value. */
    static byte[] deviceBirth(long seq, Map<String, MetricCatalog.Entry> metrics, Map<String, Reading> last) throws Exception {
        List<Metric> out = new ArrayList<>();
        for (MetricCatalog.Entry e : metrics.values()) {
            Reading r = last.get(e.point().name());
            Quality q = r == null ? Quality.bad(org.lintel.reading.QualityReason.STALE, "no value yet") : r.quality();
            out.add(new Metric.MetricBuilder(e.point().name(), e.type(), r == null ? null : value(r.value()))
                    .alias(e.alias())
                    .timestamp(r == null ? new Date() : Date.from(r.sourceTime()))
                    .properties(properties(q, e.point().canonicalUnit().map(u -> u.id()).orElse(null)))
                    .createMetric());
        }
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq).addMetrics(out).createPayload());
    }

    /** DDATA for one buffered batch: aliases only, source times, quality when not good, historical when replayed. */
    static byte[] deviceData(long seq, Map<String, MetricCatalog.Entry> metrics, List<Reading> readings, boolean historical) throws Exception {
        List<Metric> out = new ArrayList<>();
        for (Reading r : readings) {
            MetricCatalog.Entry e = metrics.get(r.point());
            if (e == null) {
                continue;
            }
            Metric.MetricBuilder b = new Metric.MetricBuilder(e.alias(), e.type(), value(r.value()))
                    .timestamp(Date.from(r.sourceTime()));
            if (historical) {
                b.isHistorical(true);
            }
            if (!r.quality().isGood()) {
                b.properties(properties(r.quality(), null));
            }
            out.add(b.createMetric());
        }
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq).addMetrics(out).createPayload());
    }

    static byte[] deviceDeath(long seq) throws Exception {
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq).createPayload());
    }
}
