package org.lintel.edge.normalize;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The normalisation pipeline as an Apache Camel route. Drivers send one exchange per request (a Modbus block, a CoAP
 * payload, a batch of OPC UA values) to {@code direct:raw}; the route decodes by profile, reports by exception,
 * enriches with the device's place in the community and hands the batch to the sink. {@code direct:} is synchronous,
 * so the driver's thread does the work and a slow sink slows polling instead of growing a queue.
 */
public final class Normalization implements AutoCloseable {

    public static final String INPUT = "direct:raw";

    private final Decoder decoder;
    private final ReportByException rbe;
    private final Map<String, DeviceContext> devices;
    private final ReadingSink sink;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final java.util.concurrent.atomic.LongAdder normalized = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder reported = new java.util.concurrent.atomic.LongAdder();

    public Normalization(Map<String, DeviceContext> devices, Duration maxSilent, ReadingSink sink) throws Exception {
        this.decoder = new Decoder();
        this.rbe = new ReportByException(devices, maxSilent);
        this.devices = devices;
        this.sink = sink;
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // each stage has an id, so that Camel's route dump and JMX name it
                from(INPUT).routeId("normalize")
                        .process(Normalization.this::decode).id("decode")
                        .process(Normalization.this::reportByException).id("report-by-exception")
                        .filter(e -> !e.getIn().getBody(ReadingBatch.class).readings().isEmpty()).id("drop-unchanged")
                        .process(Normalization.this::enrich).id("enrich")
                        .process(Normalization.this::deliver).id("deliver");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** Raw registers, payloads or values to readings in canonical units, by the device's profile. */
    private void decode(Exchange e) {
        ReadingBatch decoded = decoder.decode(e.getIn().getBody(RawResult.class));
        normalized.add(decoded.readings().size());
        e.getIn().setBody(decoded);
    }

    /** Only changes beyond the deadband, and every point at least once per max-silent interval. */
    private void reportByException(Exchange e) {
        ReadingBatch kept = rbe.filter(e.getIn().getBody(ReadingBatch.class));
        reported.add(kept.readings().size());
        e.getIn().setBody(kept);
    }

    /** The device's place in the community (site, building, unit) on each reading. */
    private void enrich(Exchange e) {
        ReadingBatch b = e.getIn().getBody(ReadingBatch.class);
        e.getIn().setBody(b.enriched(devices.get(b.deviceId())));
    }

    private void deliver(Exchange e) {
        sink.accept(e.getIn().getBody(ReadingBatch.class));
    }

    /** Sends one driver result through the route; returns when the sink has it. */
    public void submit(RawResult result) {
        producer.sendBody(INPUT, result);
    }

    /** Points decoded and normalised so far (before report by exception). */
    public long normalizedPoints() {
        return normalized.sum();
    }

    /** Readings passed on to the sink so far (after report by exception). */
    public long reportedReadings() {
        return reported.sum();
    }

    @Override
    public void close() {
        camel.stop();
    }
}
