package org.lintel.edge.coap;

import java.time.Duration;
import java.util.List;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.poll.Driver;
import org.lintel.edge.poll.DriverFactory;

/** One driver per CoAP device: each has its own URI, DTLS identity and observations. */
public final class CoapDrivers implements DriverFactory {

    private final Duration timeout;
    private final Duration observeWatchdog;

    public CoapDrivers(Duration timeout, Duration observeWatchdog) {
        this.timeout = timeout;
        this.observeWatchdog = observeWatchdog;
    }

    @Override
    public List<Driver> drivers(List<DeviceContext> devices, Shared shared) {
        return devices.stream().<Driver>map(c -> new CoapDevicePoller(c, shared.normalization(), shared.deviceHealth().get(c.device().id()),
                shared.scheduler(), timeout, observeWatchdog)).toList();
    }
}
