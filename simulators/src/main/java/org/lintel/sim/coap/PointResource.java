package org.lintel.sim.coap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
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
    /** The payload of the last notification (or registration answer) that went out to observers. */
    private byte[] lastNotified;

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

    SimDevice device() {
        return device;
    }

    /**
     * Notifies observers if the payload differs from the last notification that went out. Each notification is built
     * on this thread, under this lock, and numbered with its payload (see handleGET): Californium's {@link #changed()}
     * hands each change to a pool thread, and its response takes the Observe number current when it is sent, so a
     * pre-alarm and a fire 2 ms later could leave with the same number, and a client keeping only newer numbers
     * (RFC 7641 section 3.4) dropped the fire.
     */
    synchronized void refresh() {
        if (!isObservable() || getObserverCount() == 0 || device.faults().silent()) {
            return; // a registration's answer carries the payload of its moment
        }
        if (lastNotified == null || !Arrays.equals(payload(), lastNotified)) {
            notifyObserverRelations(null);
        }
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        if (device.faults().silent()) {
            stats.unanswered(protocol); // no answer: the client's request times out
            return;
        }
        long t0 = System.nanoTime();
        // a slow device answers requests slowly; a notification (sent from refresh(), holding this lock) is the device
        // speaking by itself, and must not hold up the other devices' notifications on the shared thread
        if (device.faults().delayMillis() > 0 && !Thread.holdsLock(this)) {
            try {
                Thread.sleep(device.faults().delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Response response = new Response(CoAP.ResponseCode.CONTENT);
        response.getOptions().setContentFormat(format.number());
        Integer observe = exchange.getRequestOptions().getObserve();
        if (observe != null && observe == 0) {
            synchronized (this) {
                // a registration's answer or a notification: what the observers now have, numbered with its payload.
                // Left to Californium, the number is read when the response is sent on another thread, where a later
                // change may already have taken the next one.
                lastNotified = payload();
                response.setPayload(lastNotified);
                response.getOptions().setObserve(getNotificationSequenceNumber());
            }
        } else {
            response.setPayload(payload());
        }
        exchange.respond(response);
        stats.answered(protocol, System.nanoTime() - t0);
    }
}
