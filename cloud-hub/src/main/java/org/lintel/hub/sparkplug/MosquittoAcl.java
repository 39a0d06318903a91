package org.lintel.hub.sparkplug;

import java.util.List;
import org.lintel.site.Gateway;
import org.lintel.site.Site;

/**
 * The ACL file an external mosquitto needs so that it enforces what the hub's own endpoint enforces: each gateway
 * publishes only its own node and device topics (its will, its NDEATH, among them) and reads only its own commands
 * and host STATE; the hub's user reads and writes all Sparkplug topics.
 */
public final class MosquittoAcl {

    private MosquittoAcl() {
    }

    /**
     * The ACL text for these sites; gateways without an MQTT user in their site file get no access. The hub's
     * {@code consumers} connections log in as {@link #consumerUser} each, so that mosquitto can bind every client id
     * to its user ({@code use_username_as_clientid true}) without the hub's connections replacing each other.
     */
    public static String of(List<Site> sites, String hubUser, int consumers) {
        StringBuilder acl = new StringBuilder("# written by lintel-hub --mosquitto-acl from the site files; regenerate after an import\n");
        for (int i = 0; i < consumers; i++) {
            acl.append("\nuser ").append(consumerUser(hubUser, i)).append("\ntopic readwrite spBv1.0/#\n");
        }
        for (Site site : sites) {
            for (Gateway g : site.gateways()) {
                if (g.uplink() == null || g.uplink().username() == null) {
                    continue;
                }
                String node = "spBv1.0/" + site.id() + "/";
                acl.append("\n# site ").append(site.id()).append(", gateway ").append(g.id()).append('\n');
                acl.append("user ").append(g.uplink().username()).append('\n');
                for (String type : List.of("NBIRTH", "NDEATH", "NDATA")) {
                    acl.append("topic write ").append(node).append(type).append('/').append(g.id()).append('\n');
                }
                for (String type : List.of("DBIRTH", "DDEATH", "DDATA")) {
                    acl.append("topic write ").append(node).append(type).append('/').append(g.id()).append("/+\n");
                }
                acl.append("topic read ").append(node).append("NCMD/").append(g.id()).append('\n');
                acl.append("topic read ").append(node).append("DCMD/").append(g.id()).append("/+\n");
                acl.append("topic read spBv1.0/STATE/+\n");
            }
        }
        return acl.toString();
    }

    /** The MQTT user of the hub's consumer connection {@code index}: the hub's user, then {@code <user>-1}, {@code <user>-2}… */
    public static String consumerUser(String hubUser, int index) {
        return index == 0 ? hubUser : hubUser + "-" + index;
    }
}
