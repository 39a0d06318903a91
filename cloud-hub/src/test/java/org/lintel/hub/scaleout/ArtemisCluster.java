package org.lintel.hub.scaleout;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lintel.hub.TestFolders;

/** Two {@link ArtemisNode}s in their own processes, each killable and restartable on its journal. */
public final class ArtemisCluster implements AutoCloseable {

    public final int[] mqtt = new int[2];
    private final int[] cluster = new int[2];
    private final Path data;
    private final Process[] nodes = new Process[2];

    private final boolean forward;

    /** A cluster that forwards messages to the node where their subscriber is. */
    public ArtemisCluster() throws Exception {
        this(true);
    }

    /** {@code forward} false: each node keeps what is published to it (message load balancing OFF). */
    public ArtemisCluster(boolean forward) throws Exception {
        this.forward = forward;
        data = TestFolders.passable("artemis");
        for (int i = 0; i < 2; i++) {
            mqtt[i] = TestFolders.freePort();
            cluster[i] = TestFolders.freePort();
        }
        start(0);
        start(1);
    }

    public String url(int node) {
        return "tcp://127.0.0.1:" + mqtt[node];
    }

    /** Both nodes, the given one first: a client fails over to the next. */
    public String urls(int first) {
        return url(first) + "," + url(1 - first);
    }

    public void start(int node) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        nodes[node] = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), ArtemisNode.class.getName(), "node" + node,
                String.valueOf(mqtt[node]), String.valueOf(cluster[node]), String.valueOf(cluster[1 - node]), data.resolve("node" + node).toString(),
                forward ? "forward" : "off")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("node" + node + ".log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!nodes[node].isAlive()) {
                throw new AssertionError("Artemis node " + node + " exited: " + Files.readString(data.resolve("node" + node + ".log")));
            }
            try (Socket s = new Socket("127.0.0.1", mqtt[node])) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Artemis node " + node + " did not open its MQTT port in 60 s");
    }

    /** SIGKILL: no clean shutdown, the journal as the crash left it. */
    public void kill(int node) throws InterruptedException {
        nodes[node].destroyForcibly();
        nodes[node].waitFor(10, TimeUnit.SECONDS);
    }

    public String log(int node) throws IOException {
        return Files.readString(data.resolve("node" + node + ".log"));
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : nodes) {
            if (p != null) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
