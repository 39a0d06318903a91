package org.lintel.edge.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The gateway bundle in a real OSGi framework (Apache Felix with SCR, ConfigAdmin and Metatype from Maven Central):
 * it resolves, is configured through ConfigAdmin, describes its configuration through Metatype, sends readings from
 * the simulators to an MQTT broker, and moves to another broker when its configuration changes, without a restart.
 */
class OsgiBundleIT {

    private static Framework framework;
    private static BundleContext ctx;
    private static Bundle gateway;
    private static Simulation sim;
    private static org.lintel.edge.TestSites.WithFreePorts site;
    private static final List<Server> brokers = new ArrayList<>();

    private static Server broker(int port) throws Exception {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("host", "127.0.0.1");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        Server s = new Server();
        s.startServer(new MemoryConfig(p));
        brokers.add(s);
        return s;
    }

    /** A jar of the test class path, by a fragment of its file name. */
    private static String jar(String name) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(e).getFileName().toString().startsWith(name)) {
                return Path.of(e).toUri().toString();
            }
        }
        throw new AssertionError("no " + name + " jar on the test class path");
    }

    private static Path bundleJar() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("lintel-edge-gateway-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("the bundle jar is not built (run mvn verify)"));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        site = org.lintel.edge.TestSites.withFreePorts("sites/uplink-test.yaml", 37021, 37883);
        sim = Simulation.start(site.file(),
                SimulationOptions.defaults().withHttpPort(0).withSpeed(60).withDataDir(Files.createTempDirectory("osgi-sim")));
        broker(site.port(37883));
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", Files.createTempDirectory("felix").toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        // Netty, Milo and BouncyCastle inside the bundle reach JDK internals the way they do on the class path.
        config.put("org.osgi.framework.bootdelegation", "sun.*,com.sun.*,jdk.*");
        framework = new org.apache.felix.framework.FrameworkFactory().newFramework(config);
        framework.init();
        framework.start();
        ctx = framework.getBundleContext();
        List<Bundle> infra = new ArrayList<>();
        for (String name : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-", "org.osgi.service.log-", "org.apache.felix.scr",
                "org.apache.felix.configadmin", "org.apache.felix.metatype")) {
            infra.add(ctx.installBundle(jar(name)));
        }
        for (Bundle b : infra) {
            b.start();
        }
        kuraApi().start();
        gateway = ctx.installBundle(bundleJar().toUri().toString());
        gateway.start();
    }

    /** A stand-in for Kura's API bundle: exports org.eclipse.kura.configuration with the marker interface. */
    private static Bundle kuraApi() throws Exception {
        Path jar = Files.createTempFile("kura-api-standin", ".jar");
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        java.util.jar.Attributes a = m.getMainAttributes();
        a.putValue("Manifest-Version", "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.standin.kura.api");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Export-Package", "org.eclipse.kura.configuration;version=\"1.2.0\"");
        String cls = "org/eclipse/kura/configuration/ConfigurableComponent.class";
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), m);
             java.io.InputStream in = OsgiBundleIT.class.getClassLoader().getResourceAsStream(cls)) {
            out.putNextEntry(new java.util.jar.JarEntry(cls));
            in.transferTo(out);
            out.closeEntry();
        }
        return ctx.installBundle(jar.toUri().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
        sim.close();
        brokers.forEach(Server::stopServer);
    }

    private static Object service(String type) throws Exception {
        for (int i = 0; i < 100; i++) {
            // getAll…: the test class path holds its own copy of the service API, which would hide the service
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(type, null);
            if (refs != null && refs.length > 0) {
                return ctx.getService(refs[0]);
            }
            Thread.sleep(100);
        }
        StringBuilder b = new StringBuilder();
        for (Bundle x : ctx.getBundles()) {
            b.append("\n  ").append(x.getSymbolicName()).append(" ").append(x.getVersion()).append(" state ").append(x.getState());
        }
        throw new AssertionError("no " + type + " service; bundles:" + b);
    }

    /** Calls an interface method of a framework service through the service's own class loader (no shared API jar). */
    private static Object call(Object target, String iface, String method, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getClassLoader().loadClass(iface).getMethod(method, types);
        return m.invoke(target, args);
    }

    private static void configure(Map<String, Object> values) throws Exception {
        Object admin = service("org.osgi.service.cm.ConfigurationAdmin");
        Object config = call(admin, "org.osgi.service.cm.ConfigurationAdmin", "getConfiguration",
                new Class<?>[] {String.class, String.class}, GatewayComponent.PID, "?");
        Dictionary<String, Object> d = new Hashtable<>(values);
        call(config, "org.osgi.service.cm.Configuration", "update", new Class<?>[] {Dictionary.class}, d);
    }

    @Test
    void theBundleResolvesIsConfiguredThroughConfigAdminSendsReadingsAndSwitchesBrokerLive() throws Exception {
        assertEquals(Bundle.ACTIVE, gateway.getState(), "the bundle resolved and started in a plain framework");
        org.lintel.edge.sparkplug.TestHostAccess first = new org.lintel.edge.sparkplug.TestHostAccess("tcp://127.0.0.1:" + site.port(37883));
        Map<String, Object> values = new HashMap<>();
        values.put("siteFile", site.file().toString());
        values.put("gatewayId", "gw-b1");
        values.put("dataDir", Files.createTempDirectory("osgi-edge").toString());
        configure(values);
        first.awaitData(Duration.ofSeconds(60));

        // Metatype describes the configuration, as Kura's web UI reads it.
        Object metatype = service("org.osgi.service.metatype.MetaTypeService");
        Object info = call(metatype, "org.osgi.service.metatype.MetaTypeService", "getMetaTypeInformation", new Class<?>[] {Bundle.class}, gateway);
        Object ocd = call(info, "org.osgi.service.metatype.MetaTypeInformation", "getObjectClassDefinition",
                new Class<?>[] {String.class, String.class}, GatewayComponent.PID, null);
        Object[] attrs = (Object[]) call(ocd, "org.osgi.service.metatype.ObjectClassDefinition", "getAttributeDefinitions",
                new Class<?>[] {int.class}, -1);
        List<String> ids = new ArrayList<>();
        for (Object a : attrs) {
            ids.add((String) call(a, "org.osgi.service.metatype.AttributeDefinition", "getID", new Class<?>[0]));
        }
        assertTrue(ids.containsAll(List.of("siteFile", "gatewayId", "broker", "password", "primaryHost", "bufferMegabytes")), ids.toString());

        // Where Kura's API is present, the gateway is announced as a Kura configurable component under its pid.
        ServiceReference<?>[] kura = ctx.getAllServiceReferences("org.eclipse.kura.configuration.ConfigurableComponent", null);
        assertTrue(kura != null && kura.length == 1, "registered with the (stand-in) Kura configuration API");
        assertEquals(GatewayComponent.PID, kura[0].getProperty("service.pid"));

        // Live reconfiguration: point the gateway at another broker; the bundle keeps running.
        long bundleId = gateway.getBundleId();
        int secondPort = org.lintel.edge.TestSites.freePort();
        broker(secondPort);
        org.lintel.edge.sparkplug.TestHostAccess second = new org.lintel.edge.sparkplug.TestHostAccess("tcp://127.0.0.1:" + secondPort);
        values.put("broker", "tcp://127.0.0.1:" + secondPort);
        configure(values);
        second.awaitData(Duration.ofSeconds(60));
        assertEquals(Bundle.ACTIVE, gateway.getState());
        assertEquals(bundleId, ctx.getBundle(bundleId).getBundleId());
        first.close();
        second.close();
    }
}
