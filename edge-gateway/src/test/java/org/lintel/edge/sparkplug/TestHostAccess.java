package org.lintel.edge.sparkplug;

import java.time.Duration;

/** Public access to the package-private test host, for tests in other packages. */
public final class TestHostAccess implements AutoCloseable {

    private final TestHost host;

    public TestHostAccess(String broker) throws Exception {
        host = new TestHost(broker, "lintel-hub");
    }

    /** Waits for a node birth followed by device data. */
    public void awaitData(Duration timeout) throws InterruptedException {
        host.await(ms -> !host.of("NBIRTH").isEmpty() && !host.of("DDATA").isEmpty(), timeout, "NBIRTH and DDATA");
    }

    @Override
    public void close() throws Exception {
        host.close();
    }
}
