package org.lintel.hub.oncall;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.Transition;
import org.lintel.hub.notify.AlarmNotifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs escalation: an alarm goes to the first route that matches its site, building and priority; the route's first
 * step hears at once, and while nobody acknowledges, the next steps follow at their delays, then reminders, all on
 * the hub's clock ({@link #tick}). A step names channels, people ({@code person:zhang-wei}) or rosters
 * ({@code roster:b1-duty}, whoever is on call when the step runs). When a roster hands over while an alarm is still
 * unacknowledged, the incoming person is told too. An acknowledgement stops the chain; it, the return to normal and
 * the reset go to everybody already told.
 *
 * <p>In a flood (more than the route's limit of activations within its window) alarms below life-safety are not sent
 * one by one: they are held and sent as one digest to the first step's recipients every {@code digestEvery}.
 * Life-safety alarms are never held.
 */
public final class Escalator {

    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);

    /** Flood control of a route: more than {@code limit} activations within {@code window} is a flood. */
    public record Flood(int limit, Duration window, Duration digestEvery) {
        /** ISA-18.2's flood: more than 10 alarms in 10 minutes; a digest every 5 minutes while it lasts. */
        public static final Flood DEFAULT = new Flood(10, Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    /** Which alarms a route takes (null: any site / building) and how they escalate. */
    public record Route(String name, String site, String building, EscalationPolicy policy, Flood flood) {
        public boolean takes(String alarmSite, String alarmBuilding) {
            return (site == null || site.equals(alarmSite)) && (building == null || building.equals(alarmBuilding));
        }
    }

    /** A person with the channels that reach them (SMS to their phone, e-mail, a webhook). */
    public record Person(String id, String name, List<AlarmNotifier> contacts) {
        public Person {
            contacts = List.copyOf(contacts);
        }
    }

    private static final class Chase {
        final Alarm alarm;
        final Route route;
        final Instant activatedAt;
        /** The activation as the engine reported it (why, value); after a restart, rebuilt from the stored alarm. */
        Transition activation;
        int stepsDone;
        Instant lastReminder;
        boolean chasing = true;
        final Set<String> told = new LinkedHashSet<>();
        final Set<String> rosters = new LinkedHashSet<>();

        Chase(Alarm alarm, Route route, Instant activatedAt) {
            this.alarm = alarm;
            this.route = route;
            this.activatedAt = activatedAt;
        }
    }

    /** A route's recent activations and the alarms it holds back for the next digest. */
    private static final class FloodState {
        final Deque<Instant> recent = new ArrayDeque<>();
        final List<Alarm> held = new ArrayList<>();
        Instant heldSince;
    }

    private final List<Route> routes;
    private final Map<String, AlarmNotifier> channels;
    private final Map<String, Person> people;
    private final Map<String, Roster> rosters;
    private final BiFunction<String, String, String> buildingOf;
    private final EscalationStore store;
    private final Clock clock;
    private final Map<Long, Chase> chases = new ConcurrentHashMap<>();
    private final Map<String, FloodState> floods = new ConcurrentHashMap<>();

    /**
     * @param buildingOf the building of a device (site, device → building or null), for routing
     */
    public Escalator(List<Route> routes, Map<String, AlarmNotifier> channels, Map<String, Person> people, Map<String, Roster> rosters,
                     BiFunction<String, String, String> buildingOf, EscalationStore store, Clock clock) {
        this.routes = List.copyOf(routes);
        this.channels = Map.copyOf(channels);
        this.people = Map.copyOf(people);
        this.rosters = Map.copyOf(rosters);
        this.buildingOf = buildingOf;
        this.store = store;
        this.clock = clock;
        for (Route r : routes) {
            for (EscalationPolicy.Step s : r.policy().steps()) {
                for (String target : s.channels()) {
                    check(r, target);
                }
            }
        }
    }

    /** One route for everything: the policy's steps name channels only. */
    public Escalator(EscalationPolicy policy, Map<String, AlarmNotifier> channels, Clock clock) {
        this(List.of(new Route("default", null, null, policy, Flood.DEFAULT)), channels, Map.of(), Map.of(), (s, d) -> null, EscalationStore.NONE, clock);
    }

    private void check(Route r, String target) {
        boolean known = target.startsWith("person:") ? people.containsKey(target.substring(7))
                : target.startsWith("roster:") ? rosters.containsKey(target.substring(7)) : channels.containsKey(target);
        if (!known) {
            String kind = target.startsWith("person:") ? "person" : target.startsWith("roster:") ? "roster" : "channel";
            throw new IllegalArgumentException("escalation route " + r.name() + " names " + kind + " '" + target.replaceFirst("^(person|roster):", "")
                    + "', which is not defined; channels: " + channels.keySet() + ", people: " + people.keySet() + ", rosters: " + rosters.keySet());
        }
    }

    private Optional<Route> route(Alarm a) {
        String building = buildingOf.apply(a.site(), a.device());
        return routes.stream().filter(r -> r.takes(a.site(), building)).findFirst();
    }

    /** Picks up the escalations of open alarms saved before a restart; {@code find} gives an alarm's present state. */
    public synchronized void restore(LongFunction<Optional<Alarm>> find) {
        int restored = 0;
        for (EscalationStore.Saved s : store.load()) {
            Optional<Alarm> a = find.apply(s.alarm());
            Optional<Route> r = routes.stream().filter(x -> x.name().equals(s.route())).findFirst();
            if (a.isEmpty() || a.get().state().isNormal() || r.isEmpty()) {
                store.remove(s.alarm());
                continue;
            }
            Chase c = new Chase(a.get(), r.get(), s.activatedAt());
            c.stepsDone = s.stepsDone();
            c.lastReminder = s.lastReminder();
            c.told.addAll(s.told());
            c.rosters.addAll(s.rosters());
            c.chasing = s.chasing() && a.get().state() == AlarmState.ACTIVE_UNACKNOWLEDGED;
            chases.put(s.alarm(), c);
            restored++;
        }
        LOG.info("event=escalation-restored alarms={}", restored);
    }

    /**
     * Called by the engine's writer threads, while {@link #tick} runs on the hub's clock: both are synchronized, so a
     * chase is never stepped twice at once. Holding the lock is cheap: every channel sends asynchronously.
     */
    public synchronized void transition(Alarm alarm, Transition t) {
        Instant now = clock.instant();
        if (t.to() == AlarmState.ACTIVE_UNACKNOWLEDGED && t.from() == AlarmState.NORMAL || t.to() == AlarmState.ACTIVE_UNACKNOWLEDGED
                && !chases.containsKey(alarm.id())) {
            Optional<Route> r = route(alarm);
            if (r.isEmpty() || !r.get().policy().covers(alarm.priority())) {
                return;
            }
            Chase c = new Chase(alarm, r.get(), t.at());
            c.activation = t;
            chases.put(alarm.id(), c);
            if (flooded(r.get(), alarm, now)) {
                // the first step's recipients will read it in the digest; later steps still follow if nobody acknowledges
                EscalationPolicy.Step first = r.get().policy().steps().get(0);
                if (first.after().isZero()) {
                    first.channels().forEach(target -> c.told.add(recipient(c, target, now)));
                    c.stepsDone = 1;
                    c.lastReminder = now;
                }
            }
            step(c, now);
            save(c);
            return;
        }
        Chase c = chases.get(alarm.id());
        if (c == null) {
            return;
        }
        if (t.to() == AlarmState.ACTIVE_ACKNOWLEDGED && c.chasing) {
            c.chasing = false;
            LOG.info("event=escalation-stopped site={} device={} alarm={} by={} steps={}", alarm.site(), alarm.device(), alarm.id(), t.by(), c.stepsDone);
        }
        c.told.forEach(key -> send(key, n -> n.notify(alarm, t)));
        if (t.to() == AlarmState.NORMAL) {
            chases.remove(alarm.id());
            store.remove(alarm.id());
        } else {
            save(c);
        }
    }

    /** Counts an activation on its route; true when it is to be held for the digest. */
    private boolean flooded(Route r, Alarm a, Instant now) {
        FloodState f = floods.computeIfAbsent(r.name(), k -> new FloodState());
        synchronized (f) {
            while (!f.recent.isEmpty() && f.recent.peekFirst().isBefore(now.minus(r.flood().window()))) {
                f.recent.removeFirst();
            }
            f.recent.addLast(now);
            if (f.recent.size() <= r.flood().limit() || "life-safety".equals(a.priority())) {
                return false;
            }
            if (f.held.isEmpty()) {
                f.heldSince = now;
                LOG.warn("event=alarm-flood route={} activations={} window={}", r.name(), f.recent.size(), r.flood().window());
            }
            f.held.add(a);
            return true;
        }
    }

    /** Runs due steps, hand-overs, reminders and digests; called every second by the hub (and by tests with their own clock). */
    public synchronized void tick() {
        Instant now = clock.instant();
        chases.values().forEach(c -> {
            if (c.chasing) {
                int before = c.stepsDone;
                Instant reminded = c.lastReminder;
                int told = c.told.size();
                step(c, now);
                handOver(c, now);
                if (c.stepsDone != before || c.lastReminder != reminded || c.told.size() != told) {
                    save(c);
                }
            }
        });
        for (Route r : routes) {
            FloodState f = floods.get(r.name());
            if (f == null) {
                continue;
            }
            List<Alarm> digest;
            Instant since;
            synchronized (f) {
                if (f.held.isEmpty() || now.isBefore(f.heldSince.plus(r.flood().digestEvery()))) {
                    continue;
                }
                digest = List.copyOf(f.held);
                since = f.heldSince;
                f.held.clear();
            }
            Set<String> to = new LinkedHashSet<>();
            r.policy().steps().get(0).channels().forEach(target -> to.add(recipientNow(target, now)));
            to.forEach(key -> send(key, n -> n.digest(digest, since, now)));
            LOG.info("event=alarm-digest route={} alarms={} recipients={}", r.name(), digest.size(), to);
        }
    }

    private void step(Chase c, Instant now) {
        List<EscalationPolicy.Step> steps = c.route.policy().steps();
        while (c.stepsDone < steps.size()) {
            EscalationPolicy.Step s = steps.get(c.stepsDone);
            if (now.isBefore(c.activatedAt.plus(s.after()))) {
                return;
            }
            c.stepsDone++;
            Transition activation = activation(c, null);
            for (String target : s.channels()) {
                String key = recipient(c, target, now);
                if (c.told.add(key)) {
                    send(key, n -> n.notify(c.alarm, activation));
                }
            }
            LOG.info("event=escalation-step site={} device={} alarm={} route={} step={} targets={}", c.alarm.site(), c.alarm.device(), c.alarm.id(),
                    c.route.name(), c.stepsDone, s.channels());
            c.lastReminder = now;
        }
        Duration every = c.route.policy().reminderEvery();
        if (every != null && c.lastReminder != null && !now.isBefore(c.lastReminder.plus(every))) {
            c.lastReminder = now;
            Transition reminder = activation(c, "reminder: still unacknowledged since " + c.activatedAt);
            c.told.forEach(key -> send(key, n -> n.notify(c.alarm, reminder)));
        }
    }

    /** A roster changed hands while the alarm waits: the incoming person is told. */
    private void handOver(Chase c, Instant now) {
        for (String name : c.rosters) {
            String key = "person:" + rosters.get(name).onCall(now);
            if (c.told.add(key)) {
                Transition handed = activation(c, "handed over (roster " + name + "): still unacknowledged since " + c.activatedAt);
                send(key, n -> n.notify(c.alarm, handed));
                LOG.info("event=escalation-handover site={} device={} alarm={} roster={} to={}", c.alarm.site(), c.alarm.device(), c.alarm.id(), name,
                        key.substring(7));
            }
        }
    }

    private static Transition activation(Chase c, String why) {
        if (why == null && c.activation != null) {
            return c.activation;
        }
        return new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, c.activatedAt, "rule", why == null ? c.alarm.lastValue() : why);
    }

    /** The recipient key a step target means now; a roster is remembered for hand-overs. */
    private String recipient(Chase c, String target, Instant now) {
        if (target.startsWith("roster:")) {
            c.rosters.add(target.substring(7));
        }
        return recipientNow(target, now);
    }

    private String recipientNow(String target, Instant now) {
        if (target.startsWith("roster:")) {
            return "person:" + rosters.get(target.substring(7)).onCall(now);
        }
        return target.startsWith("person:") ? target : "channel:" + target;
    }

    private void send(String key, java.util.function.Consumer<AlarmNotifier> how) {
        if (key.startsWith("person:")) {
            Person p = people.get(key.substring(7));
            if (p != null) {
                p.contacts().forEach(how);
            }
        } else {
            AlarmNotifier n = channels.get(key.substring(8));
            if (n != null) {
                how.accept(n);
            }
        }
    }

    private void save(Chase c) {
        store.save(new EscalationStore.Saved(c.alarm.id(), c.route.name(), c.activatedAt, c.stepsDone, c.lastReminder, List.copyOf(c.told),
                List.copyOf(c.rosters), c.chasing));
    }

    /**
     * Tells people about something that is not an alarm (a work order, its SLA) through the route an alarm of this
     * priority on this device would take: the recipients of its steps up to {@code upToStep} (0 is the first step),
     * rosters resolved to whoever is on call now, plus {@code person} (an account name) when the rosters' people
     * include them. Returns whom it told, as {@code person:…} or {@code channel:…}; nobody when no route takes it.
     */
    public synchronized List<String> notice(String site, String device, String priority, int upToStep, String person, String kind, String text,
                                            Map<String, Object> fields) {
        Instant now = clock.instant();
        String building = buildingOf.apply(site, device);
        Optional<Route> r = routes.stream().filter(x -> x.takes(site, building) && x.policy().covers(priority)).findFirst();
        Set<String> to = new LinkedHashSet<>();
        if (person != null && people.containsKey(person)) {
            to.add("person:" + person);
        }
        r.ifPresent(route -> {
            List<EscalationPolicy.Step> steps = route.policy().steps();
            for (int i = 0; i <= Math.min(upToStep, steps.size() - 1); i++) {
                steps.get(i).channels().forEach(target -> to.add(recipientNow(target, now)));
            }
        });
        to.forEach(key -> send(key, n -> n.notice(kind, text, fields)));
        LOG.info("event=notice-sent kind={} site={} device={} route={} recipients={}", kind, site, device, r.map(Route::name).orElse("none"), to);
        return List.copyOf(to);
    }

    /** Alarms being chased now (unacknowledged, with steps or reminders to come). */
    public synchronized int active() {
        return (int) chases.values().stream().filter(c -> c.chasing).count();
    }

    /** Runs {@link #tick} every second on its own thread until the returned handle is closed. */
    public AutoCloseable runClock() {
        java.util.concurrent.ScheduledExecutorService clock = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "escalation-clock");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("event=escalation-tick-failed reason=\"{}\"", e.toString());
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        return clock::shutdownNow;
    }

    /** The routes, in the order they are tried. */
    public List<Route> routes() {
        return routes;
    }
}
