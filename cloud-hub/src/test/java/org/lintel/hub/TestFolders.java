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
        return p;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * A copy of a site file with the given fixed ports replaced by free ones. Fixed ports in the ephemeral range
     * (32768–60999 on Linux) can be taken at any moment as the source port of some outgoing connection, and a
     * simulator then cannot bind them.
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
