package org.lintel.sim.opcua;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The simulated server's application certificate: generated once and kept in the data folder, so that a gateway that
 * trusted it once keeps trusting it across simulator restarts.
 */
record ServerIdentity(KeyPair keyPair, X509Certificate certificate) {

    private static final char[] PASSWORD = "lintel-simulator".toCharArray();

    static ServerIdentity loadOrCreate(Path dir, String applicationUri, String host) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("server.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, PASSWORD);
            }
            Key key = ks.getKey("server", PASSWORD);
            Certificate cert = ks.getCertificate("server");
            if (key instanceof PrivateKey pk && cert instanceof X509Certificate x509
                    && x509.getSubjectAlternativeNames() != null
                    && x509.getSubjectAlternativeNames().stream().anyMatch(n -> applicationUri.equals(n.get(1)))) {
                return new ServerIdentity(new KeyPair(x509.getPublicKey(), pk), x509);
            }
        }
        KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate cert = new SelfSignedCertificateBuilder(kp)
                .setCommonName("Lintel simulator")
                .setOrganization("Lintel")
                .setApplicationUri(applicationUri)
                .addDnsName("localhost")
                .addIpAddress(host.matches("[0-9.]+") ? host : "127.0.0.1")
                .build();
        ks.load(null, PASSWORD);
        ks.setKeyEntry("server", kp.getPrivate(), PASSWORD, new Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return new ServerIdentity(kp, cert);
    }
}
