package org.lintel.hub.broker;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.lintel.hub.metrics.HubMetrics;
import org.lintel.hub.registry.PasswordHash;
import org.lintel.hub.registry.SiteDirectory;

/**
 * Who may connect to the embedded broker and what each may publish and subscribe to. Each gateway logs in with the
 * credentials its site file gives and may publish only under its own Sparkplug group (the site) and edge node id (the
 * gateway), and subscribe only to its own commands and to host STATE. The hub's own client may do anything.
 */
public final class GatewayAccess implements IAuthenticator, IAuthorizatorPolicy {

    private static final String NS = "spBv1.0/";

    private final Supplier<SiteDirectory> directory;
    private final String hubUser;
    private final String hubPassword;
    private final HubMetrics metrics;

    public GatewayAccess(Supplier<SiteDirectory> directory, String hubUser, String hubPassword, HubMetrics metrics) {
        this.directory = directory;
        this.hubUser = hubUser;
        this.hubPassword = hubPassword;
        this.metrics = metrics;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        String pw = password == null ? null : new String(password, StandardCharsets.UTF_8);
        if (hubUser.equals(username)) {
            return hubPassword.equals(pw);
        }
        Optional<Map.Entry<String, SiteDirectory.GatewayEntry>> g = directory.get().gatewayByUser(username);
        boolean ok = g.isPresent() && PasswordHash.matches(pw, g.get().getValue().passwordHash());
        if (!ok) {
            metrics.rejected("bad-credentials", "user " + username + " client " + clientId,
                    g.isPresent() ? "wrong password" : "no gateway in the registry has this MQTT user");
        }
        return ok;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        if (hubUser.equals(user)) {
            return true;
        }
        String t = topic.toString();
        boolean ok = gateway(user).map(g -> {
            String[] p = t.split("/");
            if (p.length < 4 || !(p[0] + "/").equals(NS) || !p[1].equals(g.getKey()) || !p[3].equals(g.getValue().id())) {
                return false;
            }
            return switch (p[2]) {
                case "NBIRTH", "NDEATH", "NDATA" -> p.length == 4;
                case "DBIRTH", "DDEATH", "DDATA" -> p.length == 5;
                default -> false;
            };
        }).orElse(false);
        if (!ok) {
            metrics.rejected("unauthorized-topic", "user " + user, "may not publish to " + t);
        }
        return ok;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        if (hubUser.equals(user)) {
            return true;
        }
        String t = topic.toString();
        boolean ok = t.startsWith(NS + "STATE/") || gateway(user).map(g -> {
            String node = NS + g.getKey() + "/";
            String id = g.getValue().id();
            return t.equals(node + "NCMD/" + id) || t.equals(node + "DCMD/" + id + "/+") || t.equals(node + "DCMD/" + id + "/#")
                    || t.startsWith(node + "DCMD/" + id + "/") && !t.substring((node + "DCMD/" + id + "/").length()).contains("/");
        }).orElse(false);
        if (!ok) {
            metrics.rejected("unauthorized-subscription", "user " + user, "may not subscribe to " + t);
        }
        return ok;
    }

    private Optional<Map.Entry<String, SiteDirectory.GatewayEntry>> gateway(String user) {
        return directory.get().gatewayByUser(user);
    }
}
