package org.lintel.edge;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Site files of the tests with their fixed ports replaced by free ones at run time: a fixed port in Linux's ephemeral
 * range (32768–60999) can be taken by any outgoing connection as its source port, and the test then fails to bind.
 */
public final class TestSites {

    /** A copy of a test site file and the free port that replaced each fixed one. */
    public record WithFreePorts(Path file, Map<Integer, Integer> ports) {
        public int port(int fixed) {
            Integer p = ports.get(fixed);
            if (p == null) {
                throw new IllegalArgumentException("port " + fixed + " was not replaced in " + file);
            }
            return p;
        }
    }

    private TestSites() {
    }

    /** {@code resource} (e.g. "sites/uplink-test.yaml") with each of {@code fixedPorts} replaced by a free port. */
    public static WithFreePorts withFreePorts(String resource, int... fixedPorts) throws IOException {
        Path original;
        try {
            original = Path.of(TestSites.class.getClassLoader().getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
        String text = Files.readString(original);
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (int fixed : fixedPorts) {
            if (!text.contains(":" + fixed) && !text.contains("port: " + fixed)) {
                throw new IllegalArgumentException(resource + " has no port " + fixed);
            }
            int free = freePort();
            ports.put(fixed, free);
            text = text.replace(":" + fixed, ":" + free).replace("port: " + fixed, "port: " + free);
        }
        Path copy = Files.createTempDirectory("site").resolve(original.getFileName().toString());
        Files.writeString(copy, text);
        return new WithFreePorts(copy, Map.copyOf(ports));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
