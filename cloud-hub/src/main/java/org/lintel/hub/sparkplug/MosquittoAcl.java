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

    /** The ACL text for these sites; gateways without an MQTT user in their site file get no access. */
    public static String of(List<Site> sites, String hubUser) {
        StringBuilder acl = new StringBuilder("# written by lintel-hub --mosquitto-acl from the site files; regenerate after an import\n");
        acl.append("\nuser ").append(hubUser).append("\ntopic readwrite spBv1.0/#\n");
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
}
