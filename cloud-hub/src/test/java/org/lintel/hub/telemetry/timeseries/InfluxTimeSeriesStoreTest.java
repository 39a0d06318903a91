package org.lintel.hub.telemetry.timeseries;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.lintel.hub.InfluxServer;

/** The store contract against a real InfluxDB 1.6 server over its v1 HTTP API. */
class InfluxTimeSeriesStoreTest extends TimeSeriesStoreContract {

    static InfluxServer server;
    static InfluxTimeSeriesStore store;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        server = InfluxServer.start();
        store = InfluxTimeSeriesStore.connect(server.url(), null, null, "lintel_test");
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        server.close();
    }

    @Override
    TimeSeriesStore store() {
        return store;
    }

    @Override
    String device(String name) {
        return name + "-" + RUN;
    }
}
