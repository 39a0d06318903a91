package org.lintel.edge.osgi;

import java.nio.file.Path;
import java.time.Duration;
import org.lintel.edge.GatewayRunner;
import org.lintel.site.SiteLoader;
import org.lintel.yaml.Durations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge gateway as a Declarative Services component: configured through ConfigAdmin (pid
 * {@value #PID}), described by Metatype, reconfigured live — a modified configuration restarts the gateway inside
 * the running bundle, keeping its store-and-forward buffer.
 */
@Component(configurationPid = GatewayComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = GatewayComponent.class)
@Designate(ocd = GatewayConfiguration.class)
public final class GatewayComponent {

    public static final String PID = "org.lintel.edge.gateway";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayComponent.class);

    private GatewayRunner runner;

    @Activate
    void activate(GatewayConfiguration config) throws Exception {
        start(config);
    }

    @Modified
    void modified(GatewayConfiguration config) throws Exception {
        LOG.info("event=configuration-changed gateway={} action=restart-in-place", config.gatewayId());
        stop();
        start(config);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private synchronized void start(GatewayConfiguration c) throws Exception {
        // Libraries embedded in this bundle (Camel, Milo, Californium) look resources up through the context class loader.
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(GatewayComponent.class.getClassLoader());
        try {
            Path site = Path.of(c.siteFile());
            SiteLoader.Loaded loaded = SiteLoader.load(site);
            Duration maxSilent = c.maxSilent() == null || c.maxSilent().isBlank() ? null : Durations.parse(c.maxSilent())
                    .orElseThrow(() -> new IllegalArgumentException("maxSilent: expected " + Durations.FORMS + ", found '" + c.maxSilent() + "'"));
            runner = GatewayRunner.start(loaded.orThrow(), loaded.profiles(), site, c.gatewayId(),
                    new GatewayRunner.Overrides(c.broker(), c.username(), c.password(), c.primaryHost(), c.bufferMegabytes()),
                    Path.of(c.dataDir()), maxSilent, null);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private synchronized void stop() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    /** The running gateway, for health reporting. */
    public synchronized GatewayRunner runner() {
        return runner;
    }
}
