package org.lintel.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.lintel.edge.modbus.RequestPlanner;
import org.lintel.edge.normalize.ReadingSink;
import org.lintel.edge.sparkplug.SparkplugUplink;
import org.lintel.edge.sparkplug.UplinkSettings;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Gateway;
import org.lintel.site.Secrets;
import org.lintel.site.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway with its uplink: what the standalone launcher and the OSGi component both start, from the site
 * file plus optional overrides (ConfigAdmin), so that both take the same configuration keys.
 */
public final class GatewayRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRunner.class);

    /**
     * Settings that may override the site file's uplink (null or blank fields keep the site file's value).
     *
     * @param bufferMegabytes 0 keeps the site file's value
     */
    public record Overrides(String broker, String username, String password, String primaryHost, long bufferMegabytes) {
        public static final Overrides NONE = new Overrides(null, null, null, null, 0);

        private static String pick(String override, String site) {
            return override == null || override.isBlank() ? site : override;
        }
    }

    private final EdgeGateway gateway;
    private final SparkplugUplink uplink;

    private GatewayRunner(EdgeGateway gateway, SparkplugUplink uplink) {
        this.gateway = gateway;
        this.uplink = uplink;
    }

    /**
     * Starts polling and, when the site file or the overrides name a broker, the Sparkplug uplink.
     *
     * @param siteFile where the site file is (CA files are resolved relative to it)
     * @param maxSilent how often an unchanged value is re-sent; null: the site file's {@code uplink.reportEvery}, which
     *                  the hub also reads to judge when a device is stale (a different value here misleads it)
     * @param extra    a further sink (e.g. printing), called after the uplink has the batch; may be null
     */
    public static GatewayRunner start(Site site, ProfileLibrary profiles, Path siteFile, String gatewayId, Overrides o,
                                      Path dataDir, Duration maxSilent, ReadingSink extra) throws Exception {
        Gateway gw = site.gateway(gatewayId).orElseThrow(() -> new IllegalArgumentException("site " + site.id()
                + " has no gateway '" + gatewayId + "'; it has: " + site.gateways().stream().map(Gateway::id).toList()));
        Gateway.Uplink u = gw.uplink();
        String broker = Overrides.pick(o.broker(), u == null ? null : u.broker());
        SparkplugUplink uplink = null;
        if (broker != null) {
            String user = Overrides.pick(o.username(), u == null ? null : u.username());
            String pwRef = Overrides.pick(o.password(), u == null ? null : u.password());
            String password = pwRef == null ? null : Secrets.fromEnvironment().resolve(pwRef).orElseThrow(() ->
                    new IllegalArgumentException("gateway " + gatewayId + ": uplink password " + pwRef + " is not set in the environment"));
            String host = Overrides.pick(o.primaryHost(), u == null ? null : u.primaryHost());
            long mb = o.bufferMegabytes() > 0 ? o.bufferMegabytes() : u == null ? 512 : u.bufferMegabytes();
            Path ca = u == null || u.caFile() == null ? null : siteFile.toAbsolutePath().getParent().resolve(u.caFile());
            uplink = new SparkplugUplink(new UplinkSettings(broker, user, password, site.id(), gatewayId, host,
                    dataDir.resolve(gatewayId).resolve("buffer"), mb << 20, Duration.ofSeconds(30), ca),
                    site.id(), EdgeGateway.contexts(site, profiles, gatewayId));
            uplink.start();
        }
        SparkplugUplink up = uplink;
        ReadingSink sink = batch -> {
            if (up != null) {
                up.accept(batch);
            }
            if (extra != null) {
                extra.accept(batch);
            }
        };
        Duration reportEvery = maxSilent != null ? maxSilent : u == null ? Gateway.Uplink.DEFAULT_REPORT_EVERY : u.reportEvery();
        if (maxSilent != null && u != null && !maxSilent.equals(u.reportEvery())) {
            LOG.warn("event=report-interval-overridden site={} gateway={} reportEvery={} siteFile={} reason=\"the hub judges staleness by the site file's value\"",
                    site.id(), gatewayId, maxSilent, u.reportEvery());
        }
        EdgeGateway edge = new EdgeGateway(site, profiles, gatewayId, sink, new EdgeGateway.Options(reportEvery,
                RequestPlanner.Options.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(60), dataDir));
        edge.start();
        LOG.info("event=gateway-running site={} gateway={} uplink={}", site.id(), gatewayId, broker == null ? "none" : broker);
        return new GatewayRunner(edge, uplink);
    }

    public EdgeGateway gateway() {
        return gateway;
    }

    /** The uplink, or null when the gateway has none. */
    public SparkplugUplink uplink() {
        return uplink;
    }

    @Override
    public void close() {
        gateway.close();
        if (uplink != null) {
            try {
                uplink.close();
            } catch (IOException e) {
                LOG.warn("event=uplink-close-failed reason=\"{}\"", e.toString());
            }
        }
    }
}
