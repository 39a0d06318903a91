package org.lintel.hub.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {

    sealed interface Telemetry permits Stored, Died {
    }

    record Stored(int n) implements Telemetry {
    }

    record Died(String device) implements Telemetry {
    }

    record SitesChanged() {
    }

    @Test
    void aSubscriberHearsItsTypeAndItsSubtypesAndNothingElse() {
        EventBus bus = new EventBus();
        List<Object> telemetry = new ArrayList<>();
        List<Object> stored = new ArrayList<>();
        bus.subscribe(Telemetry.class, "status", telemetry::add);
        bus.subscribe(Stored.class, "usage", stored::add);
        bus.publish(new Stored(1));
        bus.publish(new Died("m1"));
        bus.publish(new SitesChanged());
        assertEquals(List.of(new Stored(1), new Died("m1")), telemetry);
        assertEquals(List.of(new Stored(1)), stored);
    }

    @Test
    void subscribersAreToldInTheOrderTheySubscribed() {
        EventBus bus = new EventBus();
        List<String> told = new ArrayList<>();
        bus.subscribe(Stored.class, "status", e -> told.add("status"));
        bus.subscribe(Telemetry.class, "alarms", e -> told.add("alarms"));
        bus.subscribe(Stored.class, "energy", e -> told.add("energy"));
        bus.publish(new Stored(1));
        assertEquals(List.of("status", "alarms", "energy"), told);
    }

    @Test
    void aSubscriberThatThrowsDoesNotKeepTheEventFromTheOthersNorFromTheNextEvent() {
        EventBus bus = new EventBus();
        List<Integer> heard = new ArrayList<>();
        bus.subscribe(Stored.class, "broken", e -> {
            throw new IllegalStateException("a bug in one domain");
        });
        bus.subscribe(Stored.class, "alarms", e -> heard.add(e.n()));
        bus.publish(new Stored(1));
        bus.publish(new Stored(2));
        assertEquals(List.of(1, 2), heard);
    }

    @Test
    void aSubscriptionAddedAfterEventsOfItsTypeWerePublishedHearsTheNextOnes() {
        EventBus bus = new EventBus();
        List<Integer> early = new ArrayList<>();
        List<Integer> late = new ArrayList<>();
        bus.subscribe(Stored.class, "early", e -> early.add(e.n()));
        bus.publish(new Stored(1));
        bus.subscribe(Stored.class, "late", e -> late.add(e.n()));
        bus.publish(new Stored(2));
        assertEquals(List.of(1, 2), early);
        assertEquals(List.of(2), late);
    }

    @Test
    void onePublishersEventsArriveInTheOrderPublishedWhileOthersSubscribeConcurrently() throws Exception {
        EventBus bus = new EventBus();
        List<Integer> heard = Collections.synchronizedList(new ArrayList<>());
        bus.subscribe(Stored.class, "alarms", e -> heard.add(e.n()));
        Thread subscribing = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                bus.subscribe(Died.class, "noise-" + i, e -> { });
            }
        });
        subscribing.start();
        for (int i = 0; i < 10_000; i++) {
            bus.publish(new Stored(i));
        }
        subscribing.join();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            expected.add(i);
        }
        assertEquals(expected, heard);
    }
}
