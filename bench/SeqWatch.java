import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * A Sparkplug subscriber that only checks each edge node's seq, to tell a broker that reorders or drops messages from
 * a hub that does: it takes QoS 1 with acknowledgements held back {@code ackDelayMs} (as the hub holds them until its
 * store has the readings), and for every gap it reports whether the missing seq arrives later (overtaken) or never.
 *
 * usage: SeqWatch BROKER FILTER CLIENT-ID ACK-DELAY-MS SECONDS (a negative delay: random, up to its size)
 */
public class SeqWatch {

    record PendingAck(MqttClient client, int id, int qos, long due) implements Delayed {
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        public int compareTo(Delayed o) {
            return Long.compare(due, ((PendingAck) o).due);
        }
    }

    public static void main(String[] a) throws Exception {
        String broker = a[0];
        String filter = a[1];
        long ackDelay = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a[3]));
        int seconds = Integer.parseInt(a[4]);
        MqttClient c = new MqttClient(broker, a[2], new MemoryPersistence());
        c.setManualAcks(true);
        DelayQueue<PendingAck> acks = new DelayQueue<>();
        Map<String, Long> expected = new HashMap<>();
        Map<String, Set<Long>> missing = new HashMap<>();
        AtomicLong received = new AtomicLong();
        AtomicLong gaps = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong redelivered = new AtomicLong();
        SparkplugBPayloadDecoder decoder = new SparkplugBPayloadDecoder();
        c.setCallback(new MqttCallback() {
            public void connectionLost(Throwable cause) {
                System.out.println("connection-lost " + cause);
            }

            public void messageArrived(String topic, MqttMessage m) throws Exception {
                received.incrementAndGet();
                if (m.isDuplicate()) {
                    redelivered.incrementAndGet();
                }
                // a negative delay: anywhere up to that long, so acknowledgements leave out of order (as a hub's parallel writers may)
                long delay = ackDelay >= 0 ? ackDelay : java.util.concurrent.ThreadLocalRandom.current().nextLong(-ackDelay + 1);
                acks.add(new PendingAck(c, m.getId(), m.getQos(), System.nanoTime() + delay));
                String[] t = topic.split("/");
                if (t.length < 4 || t[1].equals("STATE")) {
                    return;
                }
                String node = t[1] + "/" + t[3];
                SparkplugBPayload p = decoder.buildFromByteArray(m.getPayload(), null);
                long seq = p.getSeq();
                if (t[2].equals("NBIRTH")) {
                    expected.put(node, (seq + 1) % 256);
                    return;
                }
                Long want = expected.get(node);
                if (want == null) {
                    return;
                }
                if (seq == want) {
                    expected.put(node, (seq + 1) % 256);
                    return;
                }
                Set<Long> gone = missing.computeIfAbsent(node, k -> new HashSet<>());
                if (gone.remove(seq)) {
                    late.incrementAndGet();
                    System.out.printf("late node=%s seq=%d msgId=%d dup=%s%n", node, seq, m.getId(), m.isDuplicate());
                    return;
                }
                gaps.incrementAndGet();
                System.out.printf("gap node=%s expected=%d got=%d msgId=%d dup=%s topic=%s%n", node, want, seq, m.getId(), m.isDuplicate(), topic);
                for (long s = want; s != seq; s = (s + 1) % 256) {
                    gone.add(s);
                }
                expected.put(node, (seq + 1) % 256);
            }

            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        c.connect(o);
        c.subscribe(filter, 1);
        Thread acker = new Thread(() -> {
            try {
                while (true) {
                    PendingAck p = acks.take();
                    p.client().messageArrivedComplete(p.id(), p.qos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("ack-failed " + e);
            }
        }, "acker");
        acker.setDaemon(true);
        acker.start();
        Thread.sleep(seconds * 1000L);
        System.out.printf("watch=%s ackDelayMs=%s received=%d gaps=%d late=%d redelivered=%d stillMissing=%d%n", a[2], a[3], received.get(),
                gaps.get(), late.get(), redelivered.get(), missing.values().stream().mapToInt(Set::size).sum());
        System.exit(0);
    }
}
