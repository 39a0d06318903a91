package org.lintel.sim;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How to run a simulation.
 *
 * @param seed       makes every value and ground truth reproducible
 * @param start      the simulated instant at which the clock starts
 * @param speed      simulated seconds per wall-clock second
 * @param bind       the address servers listen on (default the loopback address)
 * @param portOffset added to every port of the site file, so several simulations (tests) can run side by side
 * @param httpPort   the HTTP API's port (0 = any free port)
 * @param dataDir    where the OPC UA server keeps its certificates
 * @param coapRefresh how often CoAP observers are told of values that drift by themselves (default 200 ms); a scenario's
 *                    change is told when it happens, whatever this is
 */
public record SimulationOptions(long seed, Instant start, double speed, InetAddress bind, int portOffset, int httpPort, Path dataDir,
                                Duration coapRefresh) {

    public static final int DEFAULT_HTTP_PORT = 8090;

    public static SimulationOptions defaults() {
        return new SimulationOptions(42, Instant.parse("2026-11-01T00:00:00Z"), 1.0, InetAddress.getLoopbackAddress(), 0,
                DEFAULT_HTTP_PORT, Path.of("data", "simulators"), Duration.ofMillis(200));
    }

    public SimulationOptions withPortOffset(int offset) {
        return new SimulationOptions(seed, start, speed, bind, offset, httpPort, dataDir, coapRefresh);
    }

    public SimulationOptions withHttpPort(int port) {
        return new SimulationOptions(seed, start, speed, bind, portOffset, port, dataDir, coapRefresh);
    }

    public SimulationOptions withSpeed(double s) {
        return new SimulationOptions(seed, start, s, bind, portOffset, httpPort, dataDir, coapRefresh);
    }

    public SimulationOptions withDataDir(Path dir) {
        return new SimulationOptions(seed, start, speed, bind, portOffset, httpPort, dir, coapRefresh);
    }

    public SimulationOptions withSeed(long s) {
        return new SimulationOptions(s, start, speed, bind, portOffset, httpPort, dataDir, coapRefresh);
    }

    public SimulationOptions withCoapRefresh(Duration d) {
        return new SimulationOptions(seed, start, speed, bind, portOffset, httpPort, dataDir, d);
    }

    public SimulationOptions withStart(Instant i) {
        return new SimulationOptions(seed, i, speed, bind, portOffset, httpPort, dataDir, coapRefresh);
    }
}
