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

    public static Path site(String name) {
        return Path.of("src/test/resources/sites").resolve(name);
    }
}
