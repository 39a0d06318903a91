package org.lintel.hub.telemetry.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderAcksTest {

    private final List<Integer> sent = new CopyOnWriteArrayList<>();
    private final InOrderAcks acks = new InOrderAcks((id, qos) -> sent.add(id));

    @Test
    void messagesStoredInAnotherOrderAreAcknowledgedInTheOrderTheyArrived() {
        Runnable first = acks.arrived(11, 1);
        Runnable second = acks.arrived(12, 1);
        Runnable third = acks.arrived(13, 1);
        third.run();
        second.run();
        assertEquals(List.of(), sent, "nothing may overtake the first message");
        first.run();
        assertEquals(List.of(11, 12, 13), sent);
        assertEquals(0, acks.waiting());
    }

    @Test
    void aMessageStillBeingStoredHoldsBackOnlyThoseAfterIt() {
        Runnable first = acks.arrived(1, 1);
        Runnable second = acks.arrived(2, 1);
        Runnable third = acks.arrived(3, 1);
        first.run();
        third.run();
        assertEquals(List.of(1), sent);
        assertEquals(2, acks.waiting());
        second.run();
        assertEquals(List.of(1, 2, 3), sent);
    }

    @Test
    void anAcknowledgementRunTwiceIsSentOnce() {
        Runnable only = acks.arrived(7, 1);
        only.run();
        only.run();
        Runnable next = acks.arrived(8, 1);
        only.run();
        assertEquals(List.of(7), sent);
        next.run();
        assertEquals(List.of(7, 8), sent);
    }

    @Test
    void whatArrivedOnALostConnectionIsNeverAcknowledgedOnTheNextOne() {
        Runnable before = acks.arrived(5, 1);
        Runnable stuck = acks.arrived(6, 1);
        acks.connectionLost();
        // the broker delivers 5 and 6 again, and may have given their ids to other messages
        Runnable again = acks.arrived(5, 1);
        before.run();
        stuck.run();
        assertEquals(List.of(), sent, "an acknowledgement from the lost connection");
        again.run();
        assertEquals(List.of(5), sent);
    }

    @Test
    void qosZeroMessagesNeedNoAcknowledgementAndHoldNothingBack() {
        Runnable qos0 = acks.arrived(0, 0);
        Runnable qos1 = acks.arrived(9, 1);
        qos1.run();
        qos0.run();
        assertEquals(List.of(9), sent);
    }

    @Test
    void writersFinishingAtOnceOnManyThreadsStillSendEveryAcknowledgementInArrivalOrder() throws Exception {
        int n = 20_000;
        List<Runnable> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            done.add(acks.arrived(i % 65_535 + 1, 1));
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, new java.util.Random(42));
        ExecutorService writers = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < 4; w++) {
            List<Integer> share = order.subList(w * n / 4, (w + 1) * n / 4);
            writers.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                share.forEach(i -> done.get(i).run());
            });
        }
        go.countDown();
        writers.shutdown();
        writers.awaitTermination(30, TimeUnit.SECONDS);
        assertEquals(IntStream.range(0, n).mapToObj(i -> i % 65_535 + 1).toList(), sent);
    }
}
