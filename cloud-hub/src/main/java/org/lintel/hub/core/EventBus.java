package org.lintel.hub.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    /** Subscribes {@code handler} to events of {@code type} (and its subtypes); {@code subscriber} names it in logs. */
    public <E> void subscribe(Class<E> type, String subscriber, Consumer<? super E> handler) {
        subscriptions.add(new Subscription<>(type, subscriber, handler));
    }

    public void publish(Object event) {
        for (Subscription<?> s : subscriptions) {
            deliver(s, event);
        }
    }

    private static <E> void deliver(Subscription<E> s, Object event) {
        if (!s.type().isInstance(event)) {
            return;
        }
        try {
            s.handler().accept(s.type().cast(event));
        } catch (RuntimeException e) {
            LOG.error("event=subscriber-failed subscriber={} type={} reason=\"{}\"", s.subscriber(), event.getClass().getSimpleName(), e.toString(), e);
        }
    }
}
