package org.lintel.edge.opcua;

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
 * The gateway's OPC UA application instance certificate, created on first start and kept in the data folder, so that
 * servers that trusted it once keep trusting it. Its file is {@code client.p12} next to the trust folder.
 */
record ClientIdentity(KeyPair keyPair, X509Certificate certificate, String applicationUri) {

    private static final char[] PASSWORD = "lintel-edge".toCharArray();

    static ClientIdentity loadOrCreate(Path dir, String applicationUri) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("client.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, PASSWORD);
            }
            Key key = ks.getKey("client", PASSWORD);
            Certificate c = ks.getCertificate("client");
            if (key instanceof PrivateKey pk && c instanceof X509Certificate x) {
                return new ClientIdentity(new KeyPair(x.getPublicKey(), pk), x, applicationUri);
            }
        }
        KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate cert = new SelfSignedCertificateBuilder(kp).setCommonName("Lintel edge gateway")
                .setOrganization("Lintel").setApplicationUri(applicationUri).addDnsName("localhost").build();
        ks.load(null, PASSWORD);
        ks.setKeyEntry("client", kp.getPrivate(), PASSWORD, new Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return new ClientIdentity(kp, cert, applicationUri);
    }
}
