package org.lintel.hub.telemetry.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.site.Gateway;
import org.lintel.site.Site;

/**
 * The ACL file an external mosquitto needs so that it enforces what the hub's own endpoint enforces: each gateway
 * publishes only its own node and device topics (its will, its NDEATH, among them) and reads only its own commands
 * and host STATE; the hub's users read and write all Sparkplug topics.
 */
public final class MosquittoAcl {

    /** One gateway's MQTT login. */
    private record Login(String site, String gateway, String username) {
    }

    private MosquittoAcl() {
    }

    /** The ACL for these site files; gateways without an MQTT user in their site file get no access. */
    public static String of(List<Site> sites, String hubUser, int consumers) {
        List<Login> logins = new ArrayList<>();
        for (Site site : sites) {
            for (Gateway g : site.gateways()) {
                if (g.uplink() != null && g.uplink().username() != null) {
                    logins.add(new Login(site.id(), g.id(), g.uplink().username()));
                }
            }
        }
        return text(logins, hubUser, consumers, "the site files given");
    }

    /** The ACL for every gateway in the registry, as the hub has it now. */
    public static String of(SiteDirectory registry, String hubUser, int consumers) {
        List<Login> logins = new ArrayList<>();
        registry.sites().values().stream().sorted(Comparator.comparing(SiteDirectory.SiteEntry::id)).forEach(site ->
                site.gateways().values().stream().sorted(Comparator.comparing(SiteDirectory.GatewayEntry::id))
                        .filter(g -> g.username() != null)
                        .forEach(g -> logins.add(new Login(site.id(), g.id(), g.username()))));
        return text(logins, hubUser, consumers, "the hub's registry");
    }

    /**
     * The hub's {@code consumers} connections log in as {@link #consumerUser} each, so that mosquitto can bind every
     * client id to its user ({@code use_username_as_clientid true}) without the hub's connections replacing each other.
     */
    private static String text(List<Login> logins, String hubUser, int consumers, String from) {
        if (!hubUser.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("the hub's MQTT user must be 1 to 64 letters, digits, '.', '_' or '-', found '" + hubUser + "'");
        }
        StringBuilder acl = new StringBuilder("# written by lintel-hub from " + from + "; regenerate after an import\n");
        for (int i = 0; i < consumers; i++) {
            acl.append("\nuser ").append(consumerUser(hubUser, i)).append("\ntopic readwrite spBv1.0/#\n");
        }
        // integrators who watch the traffic, read only (give the user a password in mosquitto's password file to use it)
        acl.append("\nuser observer\ntopic read spBv1.0/#\n");
        for (Login l : logins) {
            if (l.username().chars().anyMatch(Character::isISOControl) || l.username().isBlank()) {
                // a line break in a user name would add ACL lines of its own
                acl.append("\n# site ").append(l.site()).append(", gateway ").append(l.gateway()).append(": left out, its MQTT user has control characters\n");
                continue;
            }
            String node = "spBv1.0/" + l.site() + "/";
            acl.append("\n# site ").append(l.site()).append(", gateway ").append(l.gateway()).append('\n');
            acl.append("user ").append(l.username()).append('\n');
            for (String type : List.of("NBIRTH", "NDEATH", "NDATA")) {
                acl.append("topic write ").append(node).append(type).append('/').append(l.gateway()).append('\n');
            }
            for (String type : List.of("DBIRTH", "DDEATH", "DDATA")) {
                acl.append("topic write ").append(node).append(type).append('/').append(l.gateway()).append("/+\n");
            }
            acl.append("topic read ").append(node).append("NCMD/").append(l.gateway()).append('\n');
            acl.append("topic read ").append(node).append("DCMD/").append(l.gateway()).append("/+\n");
            // Eclipse Tahu's edge nodes subscribe with '#' below their own command topics
            acl.append("topic read ").append(node).append("NCMD/").append(l.gateway()).append("/#\n");
            acl.append("topic read ").append(node).append("DCMD/").append(l.gateway()).append("/#\n");
            acl.append("topic read spBv1.0/STATE/+\n");
        }
        return acl.toString();
    }

    /** The MQTT user of the hub's consumer connection {@code index}: the hub's user, then {@code <user>-1}, {@code <user>-2}… */
    public static String consumerUser(String hubUser, int index) {
        return index == 0 ? hubUser : hubUser + "-" + index;
    }
}
