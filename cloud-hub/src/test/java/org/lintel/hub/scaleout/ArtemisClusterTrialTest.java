package org.lintel.hub.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;

/**
 * What Lintel needs of a clustered broker, tried on a two-node ActiveMQ Artemis cluster (docs/operations.md records
 * the side-by-side trial with RabbitMQ): a retained STATE seen on the other node, QoS 1 across nodes in publishing
 * order, a persistent session that keeps what arrived while its host was away, and a node killed with SIGKILL that
 * gives back what it had accepted once it is started again.
 */
class ArtemisClusterTrialTest {

    static ArtemisCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ArtemisCluster();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static MqttClient client(String url, String id, boolean clean) throws Exception {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setMaxInflight(1000);
        c.connect(o);
        return c;
    }

    /**
     * Artemis keeps a retained message on the node it was published to: a gateway that subscribes on the other node
     * later never hears of its host's STATE. This is why a hub given several broker nodes announces its STATE on each
     * of them (PrimaryHost); a live STATE message does cross to subscribers already there.
     */
    /** Connects again with a persistent session: what waited in it arrives, counted into {@code got}, before any subscribe. */
    private static MqttClient resume(String url, String id, List<Integer> got) throws Exception {
        MqttClient back = new MqttClient(url, id, new MemoryPersistence());
        back.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            public void connectionLost(Throwable cause) {
            }

            public void messageArrived(String topic, MqttMessage m) {
                got.add(Integer.parseInt(new String(m.getPayload(), StandardCharsets.UTF_8)));
            }

            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        back.connect(o);
        return back;
    }

    @Test
    void aRetainedStateIsKeptOnlyOnTheNodeItWasPublishedOnWhileLiveMessagesCross() throws Exception {
        List<String> early = new CopyOnWriteArrayList<>();
        MqttClient watcher = client(cluster.url(1), "trial-early-gateway", true);
        watcher.subscribe("spBv1.0/STATE/trial-host", 1, (t, m) -> early.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        Thread.sleep(1000);
        MqttClient host = client(cluster.url(0), "trial-host", true);
        host.publish("spBv1.0/STATE/trial-host", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), 1, true);
        Await.until("the live STATE on the other node", Duration.ofSeconds(10), () -> !early.isEmpty());
        List<String> sameNode = new CopyOnWriteArrayList<>();
        List<String> otherNode = new CopyOnWriteArrayList<>();
        MqttClient near = client(cluster.url(0), "trial-near-gateway", true);
        near.subscribe("spBv1.0/STATE/trial-host", 1, (t, m) -> sameNode.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        MqttClient far = client(cluster.url(1), "trial-far-gateway", true);
        far.subscribe("spBv1.0/STATE/trial-host", 1, (t, m) -> otherNode.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        Await.until("the retained STATE on its own node", Duration.ofSeconds(10), () -> !sameNode.isEmpty());
        Thread.sleep(2000);
        assertEquals(List.of(), otherNode, "a retained message does not cross to a later subscriber on the other node");
        for (MqttClient c : List.of(host, watcher, near, far)) {
            c.disconnect();
        }
    }

    @Test
    void qosOneMessagesCrossNodesInPublishingOrderAndWaitInAPersistentSessionForTheirHost() throws Exception {
        List<Integer> got = new CopyOnWriteArrayList<>();
        MqttClient host = client(cluster.url(0), "trial-order-host", false);
        host.subscribe("spBv1.0/site-a/#", 1, (t, m) -> got.add(Integer.parseInt(new String(m.getPayload(), StandardCharsets.UTF_8))));
        Thread.sleep(1000); // the subscription becomes known on the other node
        MqttClient edge = client(cluster.url(1), "trial-order-edge", true);
        for (int i = 0; i < 500; i++) {
            edge.publish("spBv1.0/site-a/DDATA/gw-a1/m1", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        Await.until("500 messages on the host's node", Duration.ofSeconds(20), () -> got.size() >= 500);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(i);
        }
        assertEquals(expected, got, "in the order published");
        host.disconnect();
        host.close();
        for (int i = 500; i < 600; i++) {
            edge.publish("spBv1.0/site-a/DDATA/gw-a1/m1", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        got.clear();
        MqttClient back = resume(cluster.url(0), "trial-order-host", got);
        Await.until("the 100 published while the host was away", Duration.ofSeconds(20), () -> got.size() >= 100);
        assertEquals(500, got.get(0));
        assertEquals(599, got.get(got.size() - 1));
        back.disconnect();
        edge.disconnect();
    }

    @Test
    void aNodeKilledWithItsQueueGivesBackEveryAcceptedMessageOnceStartedAgain() throws Exception {
        MqttClient host = client(cluster.url(0), "trial-kill-host", false);
        host.subscribe("spBv1.0/site-k/#", 1);
        host.disconnect();
        host.close();
        MqttClient edge = client(cluster.url(0), "trial-kill-edge", true);
        for (int i = 0; i < 200; i++) {
            edge.publish("spBv1.0/site-k/DDATA/gw/m", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        edge.disconnect(1000);
        edge.close();
        cluster.kill(0);
        cluster.start(0);
        List<Integer> got = new CopyOnWriteArrayList<>();
        MqttClient back = resume(cluster.url(0), "trial-kill-host", got);
        Await.until("all 200 accepted before the kill", Duration.ofSeconds(20), () -> got.size() >= 200);
        assertEquals(200, got.stream().distinct().count());
        assertTrue(got.size() == 200, "no message twice: " + got.size());
        back.disconnect();
    }

    @Test
    void aSessionQueueLeftOnOneNodeIsHandedToTheSameClientSubscribedOnTheOther() throws Exception {
        MqttClient host = client(cluster.url(0), "trial-moving-host", false);
        host.subscribe("spBv1.0/site-m/#", 1);
        Thread.sleep(1000);
        host.disconnect();
        host.close();
        MqttClient edge = client(cluster.url(1), "trial-moving-edge", true);
        for (int i = 0; i < 100; i++) {
            edge.publish("spBv1.0/site-m/DDATA/gw/m", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        List<Integer> got = new CopyOnWriteArrayList<>();
        MqttClient moved = client(cluster.url(1), "trial-moving-host", false);
        moved.subscribe("spBv1.0/site-m/#", 1, (t, m) -> got.add(Integer.parseInt(new String(m.getPayload(), StandardCharsets.UTF_8))));
        for (int i = 100; i < 120; i++) {
            edge.publish("spBv1.0/site-m/DDATA/gw/m", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        Thread.sleep(5000);
        assertEquals(120, got.stream().distinct().count(), "the 100 queued on the node it left, handed over, and the 20 after");
        moved.disconnect();
        edge.disconnect();
    }
}
