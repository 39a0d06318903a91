package org.lintel.hub.scaleout;

import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * One node of a two-node ActiveMQ Artemis cluster speaking MQTT, in a process of its own so that a test can kill it
 * with SIGKILL and start it again on its journal: {@code ArtemisNode name mqttPort clusterPort otherClusterPort dataDir}.
 * The nodes form a symmetric cluster over static connectors; messages go to the node where a subscriber is
 * (ON_DEMAND) and a queue left without consumers hands its messages over (redistribution delay 0). Topic levels are
 * split at '/' only, so that Sparkplug's "spBv1.0" stays one level.
 */
public final class ArtemisNode {

    private ArtemisNode() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int mqtt = Integer.parseInt(args[1]);
        int cluster = Integer.parseInt(args[2]);
        int other = Integer.parseInt(args[3]);
        Path data = Path.of(args[4]);
        // "forward": messages go to the node where a subscriber is (ON_DEMAND), as a symmetric cluster does; "off": each
        // node keeps what is published to it, for subscribers connected to it (Lintel's hubs connect to every node)
        boolean forward = args.length < 6 || args[5].equals("forward");
        Configuration c = new ConfigurationImpl().setName(name).setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString()).setBindingsDirectory(data.resolve("bindings").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString()).setPagingDirectory(data.resolve("paging").toString())
                .setJournalSyncTransactional(true).setJournalSyncNonTransactional(true)
                // by default Artemis blocks every producer once the disk holding its journal is 90 % used, whatever
                // fills it: on a full CI machine the whole test stalled (AMQ229119); the test is about clustering
                .setMaxDiskUsage(100)
                .setClusterUser("lintel-cluster").setClusterPassword("lintel-cluster-secret")
                .setWildCardConfiguration(new WildcardConfiguration().setDelimiter('/').setAnyWords('#').setSingleWord('+'));
        c.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + mqtt + "?protocols=MQTT");
        c.addAcceptorConfiguration("cluster", "tcp://127.0.0.1:" + cluster + "?protocols=CORE");
        c.addConnectorConfiguration("self", "tcp://127.0.0.1:" + cluster);
        c.addConnectorConfiguration("other", "tcp://127.0.0.1:" + other);
        c.addClusterConfiguration(new ClusterConnectionConfiguration().setName("lintel").setAddress("").setConnectorName("self")
                .setStaticConnectors(List.of("other")).setMessageLoadBalancingType(forward ? MessageLoadBalancingType.ON_DEMAND : MessageLoadBalancingType.OFF)
                .setRetryInterval(500).setReconnectAttempts(-1).setMaxHops(1));
        c.addAddressSetting("#", new AddressSettings().setRedistributionDelay(0));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(c);
        server.start();
        System.out.println("event=artemis-started node=" + name + " mqtt=" + mqtt + " cluster=" + cluster);
        Thread.currentThread().join();
    }
}
