package org.lintel.hub.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's in-process events: a publisher hands a typed event to every subscriber of its type, in the order they
 * subscribed, on the publisher's own thread. Ingest publishes from one thread per kind of event, so subscribers see
 * a device's events in arrival order; a subscriber that needs time hands the event to its own executor. A subscriber
 * that throws is logged and the others still get the event.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Subscription<E>(Class<E> type, String subscriber, Consumer<? super E> handler) {
    }

    /**
     * The subscriptions, and per event class those that take it, worked out on the first event of that class: ingest
     * publishes an event per stored batch, and matching every subscription's type each time would grow with the
     * domains. A subscription replaces the whole index, so a publish never sees a half-updated one.
     */
    private record Index(List<Subscription<?>> all, Map<Class<?>, List<Subscription<?>>> byClass) {
        List<Subscription<?>> takers(Class<?> c) {
            return byClass.computeIfAbsent(c, k -> all.stream().filter(s -> s.type().isAssignableFrom(k)).toList());
        }
    }

    private volatile Index index = new Index(List.of(), new ConcurrentHashMap<>());

    /** Subscribes {@code handler} to events of {@code type} (and its subtypes); {@code subscriber} names it in logs. */
    public synchronized <E> void subscribe(Class<E> type, String subscriber, Consumer<? super E> handler) {
        List<Subscription<?>> all = new ArrayList<>(index.all());
        all.add(new Subscription<>(type, subscriber, handler));
        index = new Index(List.copyOf(all), new ConcurrentHashMap<>());
    }

    public void publish(Object event) {
        for (Subscription<?> s : index.takers(event.getClass())) {
            deliver(s, event);
        }
    }

    private static <E> void deliver(Subscription<E> s, Object event) {
        try {
            s.handler().accept(s.type().cast(event));
        } catch (RuntimeException e) {
            LOG.error("event=subscriber-failed subscriber={} type={} reason=\"{}\"", s.subscriber(), event.getClass().getSimpleName(), e.toString(), e);
        }
    }
}
