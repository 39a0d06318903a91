package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.clock.Noise;

/**
 * A lift car: answers calls that come more often at rush hours, travels between floors, opens and closes its doors,
 * and counts trips, door cycles, run hours and energy. Stepped in one-second ticks; a long fast-forward (over ten
 * minutes) advances the counters by the expected amounts and parks the car, instead of stepping every second. The
 * counters are kept at every second they changed, so that ground truth of an earlier instant is what they were then.
 */
public final class Lift implements Behaviour {

    private static final double SECONDS_PER_FLOOR = 1.5;
    private static final int DOOR_MOVE_S = 3;
    private static final int DOOR_OPEN_S = 5;

    enum Phase { IDLE, OPENING, OPEN, CLOSING, MOVING }

    private final long seed;
    private final long device;
    private final ZoneId zone;
    private final int floors;

    private long tick;            // epoch second the state describes
    private Phase phase = Phase.IDLE;
    private int position = 1;
    private int target = 1;
    private long phaseEnds;       // epoch second the current phase ends
    private double moveProgress;  // seconds travelled toward the next floor
    private long trips;
    private long doorCycles;
    private long runSeconds;
    private double energyKwh;
    private final CounterHistory history = new CounterHistory(4);

    public Lift(long seed, String deviceId, ZoneId zone, Instant start, int floors) {
        this.seed = seed;
        this.device = Noise.of(deviceId);
        this.zone = zone;
        this.floors = Math.max(2, floors);
        this.tick = start.getEpochSecond();
        this.trips = (long) Noise.between(seed, device, 2, 20_000, 200_000);
        this.doorCycles = trips * 2;
        this.runSeconds = trips * 25;
        this.energyKwh = trips * 0.05;
        this.phaseEnds = tick + nextCallDelay(tick);
        remember();
    }

    /** Energy is kept in micro-kWh in the history: exact, and the register is floored to 0.01 kWh from it. */
    private void remember() {
        history.record(tick, trips, doorCycles, runSeconds, Math.round(energyKwh * 1e6));
    }

    private long nextCallDelay(long at) {
        double perHour = DailyCurve.liftCallsPerHour(DailyCurve.hourOf(at, zone));
        double u = Math.max(1e-6, Noise.unit(seed, device, at));
        return Math.max(1, Math.round(-Math.log(u) * 3600 / perHour));
    }

    private synchronized void advanceTo(Instant t) {
        long target = t.getEpochSecond();
        if (target - tick > 600) {
            fastForward(target);
            return;
        }
        while (tick < target) {
            step();
            tick++;
            remember();
        }
    }

    /** Expected counts over a long gap, deterministic in the gap's bounds. */
    private void fastForward(long to) {
        long from = tick;
        double calls = 0;
        for (long h = from; h < to; h += 3600) {
            calls += DailyCurve.liftCallsPerHour(DailyCurve.hourOf(h, zone)) * Math.min(3600, to - h) / 3600.0;
        }
        long n = Math.round(calls);
        trips += n;
        doorCycles += 2 * n;
        runSeconds += n * 25;
        energyKwh += n * 0.05;
        position = 1 + (int) (Noise.unit(seed, device, to) * floors);
        phase = Phase.IDLE;
        tick = to;
        phaseEnds = to + nextCallDelay(to);
        remember();
    }

    private void step() {
        if (phase == Phase.MOVING) {
            runSeconds++;
            energyKwh += 0.002;
            moveProgress += 1;
            if (moveProgress >= SECONDS_PER_FLOOR) {
                moveProgress = 0;
                position += Integer.signum(target - position);
            }
            if (position == target) {
                trips++;
                phase = Phase.OPENING;
                phaseEnds = tick + DOOR_MOVE_S;
            }
            return;
        }
        if (tick < phaseEnds) {
            return;
        }
        switch (phase) {
            case IDLE -> {
                int dest = 1 + (int) (Noise.unit(seed, device ^ 0x77L, tick) * floors);
                target = dest == position ? (position == 1 ? floors : 1) : dest;
                phase = Phase.MOVING;
                moveProgress = 0;
            }
            case OPENING -> {
                phase = Phase.OPEN;
                phaseEnds = tick + DOOR_OPEN_S;
            }
            case OPEN -> {
                phase = Phase.CLOSING;
                phaseEnds = tick + DOOR_MOVE_S;
            }
            case CLOSING -> {
                doorCycles++;
                phase = Phase.IDLE;
                phaseEnds = tick + nextCallDelay(tick);
            }
            default -> {
            }
        }
    }

    @Override
    public synchronized Optional<BigDecimal> trueTotal(Point point, Instant t) {
        long[] counts;
        if (t.getEpochSecond() >= history.newest()) {
            advanceTo(t);
            counts = new long[] {trips, doorCycles, runSeconds, Math.round(energyKwh * 1e6)};
        } else {
            // the past: what the counters were then, not what they are now
            counts = history.at(t.getEpochSecond()).orElseThrow(() -> new IllegalArgumentException("ground truth of " + t
                    + " is no longer kept for this lift (the last " + CounterHistory.MAX_ENTRIES / 2 + " changes are)"));
        }
        switch (point.name()) {
            case "trip.count":
                return Optional.of(BigDecimal.valueOf(counts[0]));
            case "door.cycles":
                return Optional.of(BigDecimal.valueOf(counts[1]));
            case "run.hours":
                return Optional.of(BigDecimal.valueOf(counts[2]).divide(BigDecimal.valueOf(3600), 3, RoundingMode.FLOOR));
            case "energy.import.total":
                return Optional.of(BigDecimal.valueOf(counts[3]).movePointLeft(6).setScale(2, RoundingMode.FLOOR));
            default:
                return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<Value> value(Point point, Instant t) {
        Optional<BigDecimal> total = trueTotal(point, t);
        if (total.isPresent()) {
            return Optional.of(new Value.Numeric(total.get().doubleValue()));
        }
        switch (point.name()) {
            case "car.position":
                return Optional.of(new Value.Numeric(position));
            case "car.direction":
                return Optional.of(new Value.State(phase == Phase.MOVING ? (target > position ? "up" : "down") : "stopped", null));
            case "door.state":
                return Optional.of(new Value.State(switch (phase) {
                    case OPENING -> "opening";
                    case OPEN -> "opened";
                    case CLOSING -> "closing";
                    default -> "closed";
                }, null));
            case "car.mode":
                return Optional.of(new Value.State("normal", null));
            case "maintenance.mode":
            case "fault.active":
            case "passenger.trapped":
                return Optional.of(new Value.Flag(false));
            case "fault.code":
                return Optional.of(new Value.State("none", null));
            case "car.load":
                return Optional.of(new Value.Numeric(phase == Phase.MOVING ? Math.round(Noise.between(seed, device, trips, 5, 60)) : 0));
            default:
                return Optional.empty();
        }
    }
}
