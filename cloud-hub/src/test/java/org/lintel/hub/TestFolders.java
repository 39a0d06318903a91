package org.lintel.hub;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Test folders that the embedded PostgreSQL can reach when tests run as root (it then runs as nobody), and free ports. */
public final class TestFolders {

    private TestFolders() {
    }

    public static Path passable(String prefix) throws IOException {
        Path p = Files.createTempDirectory(Path.of("/tmp"), prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        CREATED.add(p);
        return p;
    }

    private static final java.util.List<Path> CREATED = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private static final java.util.List<Runnable> BEFORE_REMOVAL = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /**
     * Runs {@code stop} at the end of the test JVM, before its folders are removed (a server writing into one of them):
     * shutdown hooks run in no set order, so the servers and the removal share this one.
     */
    public static void atExit(Runnable stop) {
        BEFORE_REMOVAL.add(stop);
    }

    static {
        // every suite run left its PostgreSQL clusters, InfluxDB and Artemis data and hub folders in /tmp (1 GB per
        // PostgreSQL cluster); at 90 % disk use Artemis blocks producers, and ScaleOutTest failed on a full machine
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Runnable stop : java.util.List.copyOf(BEFORE_REMOVAL)) {
                try {
                    stop.run();
                } catch (RuntimeException e) {
                    System.err.println("test server stop failed: " + e);
                }
            }
            // -Dlintel.keepTestFolders=true keeps them, with the hubs' logs, to look into a failure
            if (!Boolean.getBoolean("lintel.keepTestFolders")) {
                for (Path folder : java.util.List.copyOf(CREATED)) {
                    removeQuietly(folder);
                }
            }
        }, "test-folders-removal"));
    }

    private static void removeQuietly(Path folder) {
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException gone) {
            // already removed, or a file a finished subprocess still wrote: nothing to keep anyway
        }
    }

    /** Where this JVM's next port is tried: 20000–31999, below the ephemeral range, a different start per process. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger((int) (ProcessHandle.current().pid() % 1000) * 12);

    /**
     * A port nothing listens on now, below Linux's ephemeral range (32768–60999). A port the system hands out for port 0
     * lies in that range, and between the test asking and a simulator binding it seconds later, some outgoing
     * connection of the same JVM (to PostgreSQL, to the API) could take it as its source port: "Address already in
     * use". Below the range only an explicit bind competes, and this JVM never hands the same port out twice.
     */
    public static int freePort() throws IOException {
        for (int i = 0; i < 12_000; i++) {
            int port = 20_000 + Math.floorMod(NEXT_PORT.getAndIncrement(), 12_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // in use by another process or test run: the next one
            }
        }
        throw new IOException("no free TCP port in 20000–31999");
    }

    /**
     * A copy of a site file with the given fixed ports replaced by free ones ({@link #freePort}). Fixed ports in the
     * ephemeral range (32768–60999 on Linux) can be taken at any moment as the source port of some outgoing
     * connection, and a simulator then cannot bind them.
     */
    public static Path siteWithFreePorts(String name, int... fixedPorts) throws IOException {
        String text = Files.readString(site(name));
        for (int port : fixedPorts) {
            String fixed = ":" + port;
            if (!text.contains(fixed) && !text.contains("port: " + port)) {
                throw new IllegalArgumentException(name + " has no port " + port);
            }
            int free = freePort();
            text = text.replace(fixed, ":" + free).replace("port: " + port, "port: " + free);
        }
        Path copy = Files.createTempDirectory("site").resolve(name);
        Files.writeString(copy, text);
        return copy;
    }

    public static Path site(String name) {
        return Path.of("src/test/resources/sites").resolve(name);
    }
}
