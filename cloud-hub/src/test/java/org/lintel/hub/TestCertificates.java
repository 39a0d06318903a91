package org.lintel.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test CA and certificates signed by it, made with Debian's openssl: the server's for 127.0.0.1 and localhost, and
 * client certificates. Keys are unencrypted PKCS#8 PEM, as {@code openssl req -newkey} writes them.
 */
public record TestCertificates(Path dir) {

    public static TestCertificates make(String prefix) throws Exception {
        Path dir = TestFolders.passable(prefix);
        run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=Lintel test CA"));
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        TestCertificates c = new TestCertificates(dir);
        c.sign("server", "/CN=localhost", "server.ext");
        return c;
    }

    /** A client certificate {@code name}.pem with key {@code name}.key, signed by the CA. */
    public TestCertificates client(String name) throws Exception {
        sign(name, "/CN=" + name, "client.ext");
        return this;
    }

    /** Another CA's client certificate, which the test CA did not sign. */
    public TestCertificates stranger(String name) throws Exception {
        run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "2",
                "-subj", "/CN=" + name));
        return this;
    }

    private void sign(String name, String subject, String ext) throws Exception {
        run(dir, List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject));
        run(dir, List.of("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".pem",
                "-days", "2", "-extfile", ext));
        // test keys only: Debian's mosquitto, started as root, reads them after dropping to its own user
        Files.setPosixFilePermissions(dir.resolve(name + ".key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
