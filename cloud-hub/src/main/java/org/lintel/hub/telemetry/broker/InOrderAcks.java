package org.lintel.hub.telemetry.broker;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The acknowledgements of one broker connection, sent in the order its messages arrived, whatever order they are
 * stored in. MQTT 3.1.1 requires it (a client "MUST send PUBACK packets in the order in which the corresponding
 * PUBLISH packets were received", MQTT-4.6.0-2), and a broker may depend on it: Debian's mosquitto 2.0.11, given
 * acknowledgements out of order while the connection's in-flight window is full, delivered an edge node's later
 * message before its earlier one, and the hub then saw a seq gap (bench/SeqWatch.java, docs/benchmarks.md). The hub's
 * writers store batches in parallel and finish in any order, so each message's acknowledgement waits here until
 * every message received before it on the same connection is acknowledged too.
 */
final class InOrderAcks {

    /** Sends one acknowledgement to the broker. */
    interface Sender {
        void send(int messageId, int qos);
    }

    private final Sender sender;
    private final Deque<Slot> pending = new ArrayDeque<>();

    private static final class Slot {
        final int messageId;
        final int qos;
        boolean done;

        Slot(int messageId, int qos) {
            this.messageId = messageId;
            this.qos = qos;
        }
    }

    InOrderAcks(Sender sender) {
        this.sender = sender;
    }

    /**
     * Takes a message as it arrives (on the connection's one delivering thread, so in arrival order) and returns what
     * acknowledges it; running that more than once, or after {@link #connectionLost()}, sends nothing.
     */
    synchronized Runnable arrived(int messageId, int qos) {
        if (qos == 0) {
            return () -> {
            };
        }
        Slot slot = new Slot(messageId, qos);
        pending.addLast(slot);
        return () -> done(slot);
    }

    private synchronized void done(Slot slot) {
        slot.done = true;
        // sent under the lock: two threads completing at once must not send the head's successors before the head
        while (!pending.isEmpty() && pending.peekFirst().done) {
            Slot head = pending.removeFirst();
            sender.send(head.messageId, head.qos);
        }
    }

    /**
     * The connection is gone: what was not acknowledged on it the broker delivers again on the next connection,
     * possibly under other message ids, so none of it may be acknowledged there.
     */
    synchronized void connectionLost() {
        pending.clear();
    }

    /** Messages received and not yet acknowledged (waiting for their own storage or an earlier message's). */
    synchronized int waiting() {
        return pending.size();
    }
}
