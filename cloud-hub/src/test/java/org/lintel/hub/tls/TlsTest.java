package org.lintel.hub.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.TestCertificates;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.telemetry.broker.BrokerTls;
import org.lintel.site.SiteLoader;

/**
 * TLS with real peers: curl against the HTTPS API and console, Lintel's own edge gateway and mosquitto_sub against
 * the hub's MQTT endpoint over TLS, gateways that must show a client certificate, and the hub as primary host on
 * Debian's mosquitto over TLS with its own client certificate. Certificates come from openssl (TestCertificates).
 */
class TlsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "tls-admin";
    static TestCertificates certs;
    static Hub hub;
    static HttpClient https;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.make("tls-certs").client("gw-b1").client("lintel-hub").stranger("stranger");
        hub = Hub.start(config("hub-tls").withHttpTls(certs.file("server.pem"), certs.file("server.key"))
                .withMqttTls(certs.file("server.pem"), certs.file("server.key"), null));
        base = "https://127.0.0.1:" + hub.apiPort();
        https = HttpClient.newBuilder().sslContext(trusting(certs.file("ca.pem"))).build();
        assertEquals(201, call("POST", "/api/v1/sites?name=hub-test.yaml", Files.readString(TestFolders.site("hub-test.yaml"))).statusCode());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HubConfig config(String name) throws Exception {
        return HubConfig.embedded(TestFolders.passable(name), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken(ADMIN)
                .withAdminPassword("Tls-root-pass-1");
    }

    static SSLContext trusting(Path ca) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command, returning its exit code and output. */
    static Object[] run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Object[] {-1, "timed out"};
        }
        return new Object[] {p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    @Test
    void curlReachesTheApiOverHttpsWithHstsAndTheSessionCookieIsSecure() throws Exception {
        String url = base + "/health";
        Object[] ok = run(List.of("curl", "-sS", "--cacert", certs.file("ca.pem").toString(), "-o", "/dev/null", "-w", "%{http_code}", url), 20);
        assertEquals(0, ok[0], (String) ok[1]);
        assertEquals("200", ok[1]);
        Object[] untrusted = run(List.of("curl", "-sS", "-o", "/dev/null", url), 20);
        assertEquals(60, untrusted[0], "curl refuses a certificate it cannot verify: " + untrusted[1]);
        Object[] plain = run(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + hub.apiPort() + "/health"), 20);
        assertNotEquals("200", plain[1], "no plain HTTP on the TLS port: " + plain[1]);
        Object[] signIn = run(List.of("curl", "-sS", "-i", "--cacert", certs.file("ca.pem").toString(), "-H", "Content-Type: application/json",
                "-d", "{\"username\":\"admin\",\"password\":\"Tls-root-pass-1\"}", base + "/api/v1/session"), 20);
        String headers = ((String) signIn[1]).toLowerCase(java.util.Locale.ROOT);
        assertTrue(headers.contains("strict-transport-security: max-age="), headers);
        assertTrue(headers.lines().anyMatch(l -> l.startsWith("set-cookie: lintel_session=") && l.contains("; secure")), headers);
    }

    @Test
    void lintelsOwnGatewayConnectsOverTlsTrustingTheCaFileOfItsSiteFile() throws Exception {
        Path folder = TestFolders.passable("tls-site");
        Files.copy(certs.file("ca.pem"), folder.resolve("hub-ca.pem"));
        Path siteFile = folder.resolve("tls-site.yaml");
        int port = Integer.parseInt(hub.brokerUrl().substring(hub.brokerUrl().lastIndexOf(':') + 1));
        assertTrue(hub.brokerUrl().startsWith("ssl://"), hub.brokerUrl());
        Files.writeString(siteFile, Files.readString(Path.of(TlsTest.class.getResource("/sites/tls-site.yaml").toURI())).replace("PORT", Integer.toString(port)));
        assertEquals(201, call("POST", "/api/v1/sites?name=tls-site.yaml", Files.readString(siteFile)).statusCode());
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        try (GatewayRunner gw = GatewayRunner.start(loaded.orThrow(), loaded.profiles(), siteFile, "gw-t1", new GatewayRunner.Overrides(null, null, null, null, 0),
                folder.resolve("edge"), null, null)) {
            Await.until("gw-t1 online over TLS", Duration.ofSeconds(30), () -> {
                try {
                    JsonNode gws = JSON.readTree(call("GET", "/api/v1/sites/tls-site/gateways", null).body());
                    return gws.size() == 1 && gws.get(0).get("status").asText().equals("online");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void mosquittoSubWatchesTheTrafficOverTls() throws Exception {
        String token = JSON.readTree(call("POST", "/api/v1/tokens", "{\"name\":\"tls watcher\",\"role\":\"read-only\"}").body()).get("token").asText();
        Process sub = new ProcessBuilder("mosquitto_sub", "--cafile", certs.file("ca.pem").toString(), "-h", "127.0.0.1", "-p", port(hub.brokerUrl()),
                "-u", "observer", "-P", token, "-t", "spBv1.0/hub-test/DDATA/#", "-C", "1", "-W", "30", "-F", "%t").redirectErrorStream(true).start();
        Thread.sleep(1500);
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret", true,
                BrokerTls.socketFactory(certs.file("ca.pem"), null, null))) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            for (int i = 0; i < 20 && sub.isAlive(); i++) {
                gw.data("b1-0101-em", false, new Object[] {"energy.import.total", Instant.now(), 100.0 + i});
                Thread.sleep(500);
            }
        }
        assertTrue(sub.waitFor(30, TimeUnit.SECONDS));
        String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sub.exitValue(), out);
        assertEquals("spBv1.0/hub-test/DDATA/gw-b1/b1-0101-em", out.strip());
    }

    @Test
    void withAClientCaAGatewayMustShowACertificateThatCaSigned() throws Exception {
        Hub strict = Hub.start(config("hub-tls-strict").withMqttTls(certs.file("server.pem"), certs.file("server.key"), certs.file("ca.pem")));
        try {
            HttpClient http = HttpClient.newHttpClient();
            String api = "http://127.0.0.1:" + strict.apiPort();
            assertEquals(201, http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/sites?name=hub-test.yaml")).header("Authorization", "Bearer " + ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(TestFolders.site("hub-test.yaml")))).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThrows(MqttException.class, () -> new TestEdgeNode(strict.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret", true,
                    BrokerTls.socketFactory(certs.file("ca.pem"), null, null)).close(), "no client certificate");
            assertThrows(MqttException.class, () -> new TestEdgeNode(strict.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret", true,
                    BrokerTls.socketFactory(certs.file("ca.pem"), certs.file("stranger.pem"), certs.file("stranger.key"))).close(), "another CA's certificate");
            Object[] noCert = run(List.of("mosquitto_sub", "--cafile", certs.file("ca.pem").toString(), "-h", "127.0.0.1", "-p", port(strict.brokerUrl()),
                    "-u", "gw-b1", "-P", "b1-secret", "-t", "x", "-C", "1", "-W", "5"), 20);
            assertNotEquals(0, noCert[0], "mosquitto_sub without a certificate: " + noCert[1]);
            try (TestEdgeNode gw = new TestEdgeNode(strict.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret", true,
                    BrokerTls.socketFactory(certs.file("ca.pem"), certs.file("gw-b1.pem"), certs.file("gw-b1.key")))) {
                gw.nodeBirth();
                gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
                gw.data("b1-0101-em", false, new Object[] {"energy.import.total", Instant.now(), 2468.5});
            }
            Await.until("the reading sent with a client certificate", Duration.ofSeconds(15), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/sites/hub-test/devices/b1-0101-em/latest"))
                            .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString()).body().contains("2468.5");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            strict.close();
        }
    }

    @Test
    void theHubIsPrimaryHostOnMosquittoOverTlsWithItsClientCertificate() throws Exception {
        Path dir = TestFolders.passable("mosquitto-tls");
        int port = TestFolders.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\ncafile " + certs.file("ca.pem") + "\ncertfile " + certs.file("server.pem")
                + "\nkeyfile " + certs.file("server.key") + "\nrequire_certificate true\nallow_anonymous true\npersistence false\n");
        Process broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Hub onBroker = null;
        try {
            Await.until("mosquitto listening over TLS", Duration.ofSeconds(10), () -> {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            String url = "ssl://127.0.0.1:" + port;
            onBroker = Hub.start(config("hub-on-tls-broker").withSites(List.of(TestFolders.site("hub-test.yaml"))).withExternalBroker(url)
                    .withBrokerTls(certs.file("ca.pem"), certs.file("lintel-hub.pem"), certs.file("lintel-hub.key")));
            try (TestEdgeNode gw = new TestEdgeNode(url, "hub-test", "gw-b1", "gw-b1", "b1-secret", true,
                    BrokerTls.socketFactory(certs.file("ca.pem"), certs.file("gw-b1.pem"), certs.file("gw-b1.key")))) {
                gw.nodeBirth();
                gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
                gw.data("b1-0101-em", false, new Object[] {"energy.import.total", Instant.now(), 1357.5});
            }
            HttpClient http = HttpClient.newHttpClient();
            String api = "http://127.0.0.1:" + onBroker.apiPort();
            Await.until("the reading through mosquitto over TLS", Duration.ofSeconds(20), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/sites/hub-test/devices/b1-0101-em/latest"))
                            .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString()).body().contains("1357.5");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            if (onBroker != null) {
                onBroker.close();
            }
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String port(String url) {
        return url.substring(url.lastIndexOf(':') + 1);
    }
}
