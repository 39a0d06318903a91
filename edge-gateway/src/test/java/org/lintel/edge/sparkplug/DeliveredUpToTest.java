package org.lintel.edge.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeliveredUpToTest {

    @Test
    void everythingSentIsDeliveredWhenNothingIsInFlight() {
        assertEquals(41, SparkplugUplink.deliveredUpTo(new ConcurrentSkipListSet<>(), 41));
    }

    @Test
    void deliveryStopsJustBelowTheOldestRecordInFlight() {
        ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>(List.of(12L, 15L, 20L));
        assertEquals(11, SparkplugUplink.deliveredUpTo(inFlight, 20));
    }

    @Test
    void aSetEmptiedByTheCallbackThreadMeanwhileNeverThrows() throws Exception {
        ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread acks = new Thread(() -> {
            for (long s = 1; s <= 200_000; s++) {
                inFlight.add(s);
                inFlight.remove(s);
            }
        });
        acks.start();
        long calls = 0;
        while (acks.isAlive() && calls < 5_000_000) {
            try {
                long done = SparkplugUplink.deliveredUpTo(inFlight, 200_000);
                assertTrue(done >= 0 && done <= 200_000, "delivered up to " + done);
            } catch (Throwable e) {
                failure.set(e);
                break;
            }
            calls++;
        }
        acks.join();
        assertNull(failure.get());
        assertEquals(200_000, SparkplugUplink.deliveredUpTo(inFlight, 200_000));
    }
}
