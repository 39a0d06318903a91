package org.lintel.hub.telemetry.endpoint;

import org.lintel.hub.core.GatewayKey;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.registry.PasswordHash;
import org.lintel.hub.registry.SiteDirectory;

/**
 * Who may connect to the gateway endpoint and what each may publish and subscribe to. Each gateway logs in with the
 * credentials its site file gives and may publish only under its own Sparkplug group (the site) and edge node id (the
 * gateway), and subscribe only to its own commands and to host STATE. Its will must be its own NDEATH.
 */
public final class GatewayAccess {

    private static final String NS = "spBv1.0/";

    /** The MQTT user name of integrators who watch the gateways' traffic; their password is an API token. */
    public static final String OBSERVER_USER = "observer";

    private final Supplier<SiteDirectory> directory;
    private final HubMetrics metrics;
    private final Function<String, Optional<String>> observerTokens;

    /** A gateway that has logged in: its site (the Sparkplug group) and its id (the edge node id). */
    public record Login(String site, String gateway, String user) {
        public GatewayKey key() {
            return new GatewayKey(site, gateway);
        }
    }

    public GatewayAccess(Supplier<SiteDirectory> directory, HubMetrics metrics) {
        this(directory, metrics, token -> Optional.empty());
    }

    /** @param observerTokens an API token → the name of its owner, when the token may watch the gateways' traffic */
    public GatewayAccess(Supplier<SiteDirectory> directory, HubMetrics metrics, Function<String, Optional<String>> observerTokens) {
        this.directory = directory;
        this.metrics = metrics;
        this.observerTokens = observerTokens;
    }

    /**
     * An integrator watching traffic (read only): user {@value #OBSERVER_USER} with an API token as the password; the
     * token's owner, or empty (counted) when the token is not one that may watch.
     */
    public Optional<String> observer(String clientId, byte[] password) {
        Optional<String> who = password == null ? Optional.empty() : observerTokens.apply(new String(password, StandardCharsets.UTF_8));
        if (who.isEmpty()) {
            metrics.rejected("bad-credentials", "user " + OBSERVER_USER + " client " + clientId, "not an API token that may watch (engineer or read-only)");
        }
        return who;
    }

    /** Whether an observer may subscribe to this filter: anything of Sparkplug B, nothing else. */
    public static boolean observerMaySubscribe(String filter) {
        return filter.equals("#") || filter.startsWith(NS) || filter.equals("spBv1.0/#");
    }

    /** The gateway these credentials belong to, or empty (counted) when they belong to none. Slow by design (PBKDF2). */
    public Optional<Login> login(String clientId, String username, byte[] password) {
        String pw = password == null ? null : new String(password, StandardCharsets.UTF_8);
        Optional<Map.Entry<String, SiteDirectory.GatewayEntry>> g = directory.get().gatewayByUser(username);
        boolean ok = g.isPresent() && pw != null && PasswordHash.matches(pw, g.get().getValue().passwordHash());
        if (!ok) {
            metrics.rejected("bad-credentials", "user " + username + " client " + clientId,
                    g.isPresent() ? "wrong password" : "no gateway in the registry has this MQTT user");
            return Optional.empty();
        }
        return Optional.of(new Login(g.get().getKey(), g.get().getValue().id(), username));
    }

    /** Whether the gateway may publish to this topic: its own node and device messages only. */
    public boolean mayPublish(Login login, String topic) {
        String[] p = topic.split("/", -1);
        if (p.length < 4 || !(p[0] + "/").equals(NS) || !p[1].equals(login.site()) || !p[3].equals(login.gateway())) {
            return false;
        }
        return switch (p[2]) {
            case "NBIRTH", "NDEATH", "NDATA" -> p.length == 4;
            case "DBIRTH", "DDEATH", "DDATA" -> p.length == 5 && !p[4].isEmpty();
            default -> false;
        };
    }

    /** Whether the gateway may leave this will: its own NDEATH, nothing else (not a host's STATE, not another node's death). */
    public boolean mayLeaveWill(Login login, String topic) {
        return topic.equals(NS + login.site() + "/NDEATH/" + login.gateway());
    }

    /**
     * Whether the gateway may subscribe to this filter: host STATE, and filters that can match only its own commands.
     * Eclipse Tahu's edge nodes subscribe to {@code NCMD/<node>/#} and {@code DCMD/<node>/#} (in MQTT a trailing
     * {@code #} also matches the parent), Lintel's gateway to {@code NCMD/<node>} and {@code DCMD/<node>/+}.
     */
    public boolean maySubscribe(Login login, String filter) {
        if (filter.startsWith(NS + "STATE/")) {
            return true; // the hosts' STATE is public: every gateway must see whether its host is online
        }
        String node = NS + login.site() + "/";
        return ownCommands(filter, node + "NCMD/" + login.gateway()) || ownCommands(filter, node + "DCMD/" + login.gateway());
    }

    /** The commands topic itself, or below it one level ({@code +} or a device id) or every level ({@code #}). */
    private static boolean ownCommands(String filter, String topic) {
        if (filter.equals(topic)) {
            return true;
        }
        if (!filter.startsWith(topic + "/")) {
            return false;
        }
        String rest = filter.substring(topic.length() + 1);
        return rest.equals("#") || rest.equals("+") || !rest.isEmpty() && !rest.contains("/") && !rest.contains("+") && !rest.contains("#");
    }
}
