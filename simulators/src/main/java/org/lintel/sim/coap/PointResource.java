package org.lintel.sim.coap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.lintel.profile.Point;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.profile.coap.ContentFormat;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.stats.RequestStats;

/**
 * The CoAP resource holding one or more points of a device (e.g. {@code /detectors/b1-f01/alarm} with state, tamper
 * and battery flags). Observable when any of its points is observed; {@link #refresh()} notifies observers when the
 * payload has changed.
 */
final class PointResource extends CoapResource {

    private final SimDevice device;
    private final List<Point> points = new ArrayList<>();
    private final SimClock clock;
    private final RequestStats stats;
    private final String protocol;
    private ContentFormat format;
    private byte[] last;

    PointResource(String name, SimDevice device, SimClock clock, RequestStats stats, String protocol) {
        super(name);
        this.device = device;
        this.clock = clock;
        this.stats = stats;
        this.protocol = protocol;
    }

    void add(Point p) {
        CoapAddress a = (CoapAddress) p.address();
        points.add(p);
        format = a.format();
        if (a.observe()) {
            setObservable(true);
            setObserveType(CoAP.Type.NON);
            getAttributes().setObservable();
        }
    }

    private byte[] payload() {
        List<Payloads.Entry> entries = new ArrayList<>();
        for (Point p : points) {
            entries.add(new Payloads.Entry(p, device.value(p, clock.now())));
        }
        return Payloads.build(format, entries);
    }

    /** Notifies observers if the payload differs from the last one sent. */
    synchronized void refresh() {
        if (!isObservable() || device.faults().silent()) {
            return;
        }
        byte[] now = payload();
        if (last == null || !Arrays.equals(now, last)) {
            last = now;
            changed();
        }
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        if (device.faults().silent()) {
            stats.unanswered(protocol); // no answer: the client's request times out
            return;
        }
        long t0 = System.nanoTime();
        if (device.faults().delayMillis() > 0) {
            try {
                Thread.sleep(device.faults().delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = payload();
        synchronized (this) {
            last = body;
        }
        exchange.respond(CoAP.ResponseCode.CONTENT, body, format.number());
        stats.answered(protocol, System.nanoTime() - t0);
    }
}
