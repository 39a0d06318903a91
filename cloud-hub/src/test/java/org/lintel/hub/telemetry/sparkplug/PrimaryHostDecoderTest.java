package org.lintel.hub.telemetry.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** The primary host's reading of an edge node's births, data, deaths and sequence numbers. */
class PrimaryHostDecoderTest {

    private static final String G = "lintel-garden";
    private static final String N = "gw-b1";
    private final PrimaryHostDecoder host = new PrimaryHostDecoder();

    private static byte[] encode(SparkplugBPayload p) throws Exception {
        return new SparkplugBPayloadEncoder().getBytes(p, false);
    }

    private static byte[] nbirth(long bdSeq) throws Exception {
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(0L)
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, bdSeq).createMetric()).createPayload());
    }

    private static byte[] ndeath(long bdSeq) throws Exception {
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date())
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, bdSeq).createMetric()).createPayload());
    }

    private static byte[] dbirth(long seq) throws Exception {
        PropertySet kwh = new PropertySet.PropertySetBuilder().addProperty("engUnit", new PropertyValue<>(PropertyDataType.String, "kWh"))
                .addProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, 192)).createPropertySet();
        return encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq)
                .addMetric(new Metric.MetricBuilder("energy.import.total", MetricDataType.Double, 5416.25).alias(1L).properties(kwh)
                        .timestamp(new Date(1_795_000_000_000L)).createMetric())
                .addMetric(new Metric.MetricBuilder("door.state", MetricDataType.String, "closed").alias(2L).createMetric())
                .createPayload());
    }

    private static byte[] ddata(long seq, boolean historical, Metric... metrics) throws Exception {
        SparkplugBPayload.SparkplugBPayloadBuilder b = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq);
        for (Metric m : metrics) {
            if (historical) {
                m.setHistorical(true);
            }
            b.addMetric(m);
        }
        return encode(b.createPayload());
    }

    private static Metric energy(double v, long t) throws Exception {
        return new Metric.MetricBuilder(1L, MetricDataType.Double, v).timestamp(new Date(t)).createMetric();
    }

    private List<HostEvent> born() throws Exception {
        host.accept("spBv1.0/" + G + "/NBIRTH/" + N, nbirth(3));
        return host.accept("spBv1.0/" + G + "/DBIRTH/" + N + "/b1-0101-em", dbirth(1));
    }

    @Test
    void dataByAliasBecomesReadingsWithTheNamesAndUnitsOfTheBirth() throws Exception {
        born();
        List<HostEvent> e = host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(2, false, energy(5416.27, 1_795_000_060_000L)));
        HostEvent.Readings r = assertInstanceOf(HostEvent.Readings.class, e.get(0));
        Reading reading = r.readings().get(0);
        assertEquals("b1-0101-em", reading.deviceId());
        assertEquals("energy.import.total", reading.point());
        assertEquals("kWh", reading.unit());
        assertEquals(new Value.Numeric(5416.27), reading.value());
        assertEquals(1_795_000_060_000L, reading.sourceTime().toEpochMilli());
        assertFalse(r.historical());
    }

    @Test
    void replayedDataIsMarkedHistorical() throws Exception {
        born();
        HostEvent.Readings r = (HostEvent.Readings) host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em",
                ddata(2, true, energy(5416.26, 1_795_000_030_000L))).get(0);
        assertTrue(r.historical());
    }

    @Test
    void aBadReadingKeepsItsReasonAndHasNoValue() throws Exception {
        born();
        PropertySet bad = new PropertySet.PropertySetBuilder()
                .addProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, 0))
                .addProperty("qualityReason", new PropertyValue<>(PropertyDataType.String, "timeout"))
                .addProperty("qualityDetail", new PropertyValue<>(PropertyDataType.String, "no answer within the bus timeout")).createPropertySet();
        Metric m = new Metric.MetricBuilder(1L, MetricDataType.Double, null).properties(bad).timestamp(new Date()).createMetric();
        Reading r = ((HostEvent.Readings) host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(2, false, m)).get(0)).readings().get(0);
        assertEquals(QualityLevel.BAD, r.quality().level());
        assertEquals(QualityReason.TIMEOUT, r.quality().reason());
        assertEquals("no answer within the bus timeout", r.quality().detail());
        assertEquals(null, r.value());
    }

    @Test
    void aGapInTheSequenceAsksForARebirthAndStopsTrustingTheSession() throws Exception {
        born();
        List<HostEvent> e = host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(5, false, energy(1, 1)));
        HostEvent.RebirthNeeded r = assertInstanceOf(HostEvent.RebirthNeeded.class, e.get(0));
        assertEquals("seq 5 where 2 was expected", r.reason());
        assertFalse(host.isOnline(G, N));
        // after the rebirth, data flows again
        born();
        assertInstanceOf(HostEvent.Readings.class, host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(2, false, energy(2, 2))).get(0));
    }

    @Test
    void aMessageTheBrokerRedeliversIsStoredAgainWithoutQuestioningTheSession() throws Exception {
        born();
        String topic = "spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em";
        assertInstanceOf(HostEvent.Readings.class, host.accept(topic, ddata(2, false, energy(1, 1))).get(0));
        assertInstanceOf(HostEvent.Readings.class, host.accept(topic, ddata(3, false, energy(2, 2))).get(0));
        // the broker resends seq 2 (DUP flag) because its acknowledgement was late
        assertInstanceOf(HostEvent.Readings.class, host.accept(topic, ddata(2, false, energy(1, 1)), true).get(0));
        assertTrue(host.isOnline(G, N));
        assertInstanceOf(HostEvent.Readings.class, host.accept(topic, ddata(4, false, energy(3, 3))).get(0));
        // without the DUP flag the same repeat is a gap
        assertInstanceOf(HostEvent.RebirthNeeded.class, host.accept(topic, ddata(2, false, energy(1, 1))).get(0));
    }

    @Test
    void dataBeforeAnyBirthAsksForARebirth() throws Exception {
        List<HostEvent> e = host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(7, false, energy(1, 1)));
        assertEquals("DDATA before NBIRTH", ((HostEvent.RebirthNeeded) e.get(0)).reason());
    }

    @Test
    void aDeathCountsOnlyForTheCurrentSession() throws Exception {
        born();
        assertTrue(host.accept("spBv1.0/" + G + "/NDEATH/" + N, ndeath(2)).isEmpty(), "a late will of an older session is ignored");
        assertTrue(host.isOnline(G, N));
        HostEvent.Status s = (HostEvent.Status) host.accept("spBv1.0/" + G + "/NDEATH/" + N, ndeath(3)).get(0);
        assertFalse(s.online());
        assertFalse(host.isOnline(G, N));
    }

    @Test
    void sequenceNumbersWrapAfter255() throws Exception {
        born();
        for (long seq = 2; seq <= 255; seq++) {
            assertInstanceOf(HostEvent.Readings.class, host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em",
                    ddata(seq, false, energy(seq, seq))).get(0), "seq " + seq);
        }
        assertInstanceOf(HostEvent.Readings.class, host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(0, false, energy(0, 0))).get(0));
    }

    @Test
    void aRestoredSessionDecodesQueuedDataByTheAliasesOfItsBirth() throws Exception {
        born();
        List<EdgeNodeSession> saved = host.changedSessions();
        assertEquals(1, saved.size(), "the node and device births changed one session");
        assertEquals("energy.import.total", saved.get(0).aliases().get(1L).name());
        assertTrue(host.changedSessions().isEmpty(), "nothing changed since");

        PrimaryHostDecoder restarted = new PrimaryHostDecoder();
        restarted.restore(saved);
        // the previous run saw seq 1 .. 40; the broker's queue for the restarted host begins at 41
        String topic = "spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em";
        HostEvent.Readings r = assertInstanceOf(HostEvent.Readings.class, restarted.accept(topic, ddata(41, false, energy(7, 7))).get(0));
        assertEquals("energy.import.total", r.readings().get(0).point());
        assertEquals("kWh", r.readings().get(0).unit());
        assertInstanceOf(HostEvent.Readings.class, restarted.accept(topic, ddata(42, false, energy(8, 8))).get(0));
        // from there on, the sequence is checked again
        assertInstanceOf(HostEvent.RebirthNeeded.class, restarted.accept(topic, ddata(44, false, energy(9, 9))).get(0));
        assertFalse(restarted.changedSessions().get(0).online(), "the gap's distrust is saved too");
    }

    @Test
    void aDeathAndAGapAreSessionChangesAndPlainDataIsNot() throws Exception {
        born();
        host.changedSessions();
        host.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(2, false, energy(1, 1)));
        assertTrue(host.changedSessions().isEmpty());
        host.accept("spBv1.0/" + G + "/NDEATH/" + N, ndeath(3));
        EdgeNodeSession dead = host.changedSessions().get(0);
        assertFalse(dead.online());
        assertEquals(3, dead.bdSeq());
    }

    @Test
    void aDeviceThatIsNotTheNodesIsRefusedWithoutBreakingTheSequenceOrEnteringTheSession() throws Exception {
        PrimaryHostDecoder guarded = new PrimaryHostDecoder((g, n, d) -> d.equals("b1-0103-em")
                ? new HostEvent.Refused(g, n, d, "foreign-device", d + " belongs to gw-b2") : null);
        guarded.accept("spBv1.0/" + G + "/NBIRTH/" + N, nbirth(3));
        HostEvent.Refused birth = assertInstanceOf(HostEvent.Refused.class, guarded.accept("spBv1.0/" + G + "/DBIRTH/" + N + "/b1-0103-em", dbirth(1)).get(0));
        assertEquals("foreign-device", birth.cause());
        assertInstanceOf(HostEvent.Refused.class, guarded.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0103-em", ddata(2, false, energy(1, 1))).get(0));
        guarded.accept("spBv1.0/" + G + "/DBIRTH/" + N + "/b1-0101-em", dbirth(3));
        assertInstanceOf(HostEvent.Readings.class, guarded.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(4, false, energy(2, 2))).get(0));
        EdgeNodeSession s = guarded.changedSessions().get(0);
        assertEquals(java.util.Set.of("b1-0101-em"), s.devices().keySet());
        assertTrue(s.aliases().values().stream().allMatch(a -> a.device().equals("b1-0101-em")));
    }

    @Test
    void aDeviceBornAgainKeepsOnlyTheAliasesOfItsNewBirth() throws Exception {
        born();
        host.accept("spBv1.0/" + G + "/DBIRTH/" + N + "/b1-0101-em", encode(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(2L)
                .addMetric(new Metric.MetricBuilder("energy.import.total", MetricDataType.Double, 5416.25).alias(7L).createMetric()).createPayload()));
        EdgeNodeSession s = host.changedSessions().get(0);
        assertEquals(java.util.Set.of(7L), s.aliases().keySet());
    }

    @Test
    void throughABrokerClusterALateMessageIsDataAndAGapAheadAsksForARebirthWithoutLosingTheSession() throws Exception {
        PrimaryHostDecoder clustered = new PrimaryHostDecoder(PrimaryHostDecoder.DeviceAdmission.ANY, true);
        clustered.accept("spBv1.0/" + G + "/NBIRTH/" + N, nbirth(3));
        clustered.accept("spBv1.0/" + G + "/DBIRTH/" + N + "/b1-0101-em", dbirth(1));
        // seq 2 and 3 are still in a failed broker node's queue; 4 and 5 come through the other node first
        List<HostEvent> ahead = clustered.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(4, false, energy(4, 4_000)));
        assertEquals("seq 4 where 2 was expected", ahead.stream().filter(HostEvent.RebirthNeeded.class::isInstance).map(HostEvent.RebirthNeeded.class::cast)
                .findFirst().orElseThrow().reason());
        assertEquals(1, ahead.stream().filter(HostEvent.Readings.class::isInstance).count(), "the data of the message after the gap is kept");
        assertInstanceOf(HostEvent.Readings.class, clustered.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(5, false, energy(5, 5_000))).get(0));
        for (long late = 2; late <= 3; late++) {
            List<HostEvent> e = clustered.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(late, false, energy(late, late * 1000)));
            assertEquals(1, e.size(), "late seq " + late + ": data, and nothing else");
            assertEquals(late, ((org.lintel.reading.Value.Numeric) ((HostEvent.Readings) e.get(0)).readings().get(0).value()).value(), 0);
        }
        assertEquals(1, clustered.accept("spBv1.0/" + G + "/DDATA/" + N + "/b1-0101-em", ddata(6, false, energy(6, 6_000))).size(), "in sequence again");
    }
}
