package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;
import org.lintel.profile.Point;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.reading.Value;
import org.lintel.sim.behaviour.ElectricityMeter;
import org.lintel.sim.behaviour.Lift;
import org.lintel.sim.behaviour.WaterMeter;

/** Values follow physics and daily life, deterministically: same seed, same history, whoever asks when. */
class BehaviourTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z"); // 08:00 local
    private static final ProfileLibrary LIBRARY = ProfileLibrary.builtIn(new Problems());

    private static Point point(String profile, String name) {
        return LIBRARY.find(profile).orElseThrow().point(name).orElseThrow();
    }

    @Test
    void energyNeverDecreasesAndEveningUseExceedsNightUse() {
        ElectricityMeter m = new ElectricityMeter(42, "b1-0101-em", SHANGHAI, START, false);
        Point e = point("eastron-sdm120", "energy.import.total");
        BigDecimal previous = BigDecimal.ZERO;
        for (int minute = 0; minute < 3 * 24 * 60; minute += 7) {
            BigDecimal now = m.trueTotal(e, START.plusSeconds(minute * 60L)).orElseThrow();
            assertTrue(now.compareTo(previous) >= 0, "energy decreased at minute " + minute);
            previous = now;
        }
        Instant evening = Instant.parse("2026-11-02T11:00:00Z"); // 19:00–22:00 local
        Instant night = Instant.parse("2026-11-02T18:00:00Z");   // 02:00–05:00 local
        BigDecimal eveningUse = m.trueTotal(e, evening.plus(Duration.ofHours(3))).orElseThrow().subtract(m.trueTotal(e, evening).orElseThrow());
        BigDecimal nightUse = m.trueTotal(e, night.plus(Duration.ofHours(3))).orElseThrow().subtract(m.trueTotal(e, night).orElseThrow());
        assertTrue(eveningUse.compareTo(nightUse.multiply(BigDecimal.valueOf(3))) > 0, "evening " + eveningUse + " kWh vs night " + nightUse + " kWh");
    }

    @Test
    void theSameSeedGivesTheSameTotalsWhateverTheOrderOfQuestions() {
        Point e = point("eastron-sdm120", "energy.import.total");
        ElectricityMeter a = new ElectricityMeter(7, "b1-0101-em", SHANGHAI, START, false);
        ElectricityMeter b = new ElectricityMeter(7, "b1-0101-em", SHANGHAI, START, false);
        Instant month = START.plus(Duration.ofDays(30));
        for (int day = 1; day <= 30; day++) {
            a.trueTotal(e, START.plus(Duration.ofDays(day)));   // a is polled daily, b only at the end
        }
        assertEquals(a.trueTotal(e, month), b.trueTotal(e, month));
        ElectricityMeter other = new ElectricityMeter(8, "b1-0101-em", SHANGHAI, START, false);
        assertTrue(!other.trueTotal(e, month).equals(b.trueTotal(e, month)), "another seed, another history");
    }

    @Test
    void aMonthOfHouseholdElectricityIsPlausible() {
        ElectricityMeter m = new ElectricityMeter(42, "b1-0101-em", SHANGHAI, START, false);
        Point e = point("eastron-sdm120", "energy.import.total");
        BigDecimal month = m.trueTotal(e, START.plus(Duration.ofDays(30))).orElseThrow().subtract(m.trueTotal(e, START).orElseThrow());
        assertTrue(month.compareTo(BigDecimal.valueOf(100)) > 0 && month.compareTo(BigDecimal.valueOf(800)) < 0,
                "a Chinese household uses roughly 100–800 kWh a month; simulated " + month);
    }

    @Test
    void waterIsNearlyUnusedAtNightUnlessALeakRuns() {
        WaterMeter w = new WaterMeter(42, "b1-0101-wm", SHANGHAI, START);
        Point v = point("xintai-water-meter", "volume.forward.total");
        Instant night = Instant.parse("2026-11-01T18:00:00Z"); // 02:00 local
        BigDecimal quiet = w.trueTotal(v, night.plus(Duration.ofHours(3))).orElseThrow().subtract(w.trueTotal(v, night).orElseThrow());
        assertTrue(quiet.compareTo(new BigDecimal("0.060")) < 0, "three night hours without a leak use little water: " + quiet);
        WaterMeter leaking = new WaterMeter(42, "b1-0101-wm", SHANGHAI, START);
        leaking.startLeak(night, 20);
        BigDecimal leak = leaking.trueTotal(v, night.plus(Duration.ofHours(3))).orElseThrow().subtract(leaking.trueTotal(v, night).orElseThrow());
        assertEquals(new BigDecimal("0.060"), leak.subtract(quiet), "a 20 L/h leak adds exactly 60 L in three hours");
    }

    @Test
    void aLiftTravelsCountsTripsAndDoorCyclesAndAccumulatesRunHours() {
        Lift lift = new Lift(42, "b1-lift-1", SHANGHAI, START, 20);
        Point trips = point("lintel-lift-monitor-opcua", "trip.count");
        Point doors = point("lintel-lift-monitor-opcua", "door.cycles");
        Point hours = point("lintel-lift-monitor-opcua", "run.hours");
        Point floor = point("lintel-lift-monitor-opcua", "car.position");
        BigDecimal t0 = lift.trueTotal(trips, START).orElseThrow();
        BigDecimal d0 = lift.trueTotal(doors, START).orElseThrow();
        BigDecimal h0 = lift.trueTotal(hours, START).orElseThrow();
        java.util.Set<Double> floorsSeen = new java.util.HashSet<>();
        for (int s = 1; s <= 3600; s++) {
            floorsSeen.add(((Value.Numeric) lift.value(floor, START.plusSeconds(s)).orElseThrow()).value());
        }
        Instant hour = START.plusSeconds(3600);
        long newTrips = lift.trueTotal(trips, hour).orElseThrow().subtract(t0).longValue();
        assertTrue(newTrips >= 3, "a lift at 08:00–09:00 makes several trips, made " + newTrips);
        assertTrue(lift.trueTotal(doors, hour).orElseThrow().subtract(d0).longValue() >= newTrips - 1, "doors cycle at every stop");
        assertTrue(lift.trueTotal(hours, hour).orElseThrow().compareTo(h0) > 0);
        assertTrue(floorsSeen.size() >= 3, "the car visited several floors: " + floorsSeen);
    }

    @Test
    void aLiftsGroundTruthOfAnEarlierInstantIsWhatItsCountersWereThenNotWhatTheyAreNow() {
        Lift lift = new Lift(42, "b1-lift-1", SHANGHAI, START, 20);
        Point trips = point("lintel-lift-monitor-opcua", "trip.count");
        Point energy = point("lintel-lift-monitor-opcua", "energy.import.total");
        java.util.Map<Instant, BigDecimal> seen = new java.util.LinkedHashMap<>();
        java.util.Map<Instant, BigDecimal> seenEnergy = new java.util.LinkedHashMap<>();
        for (int s = 0; s <= 7200; s += 60) { // polled every minute for two hours
            seen.put(START.plusSeconds(s), lift.trueTotal(trips, START.plusSeconds(s)).orElseThrow());
            seenEnergy.put(START.plusSeconds(s), lift.trueTotal(energy, START.plusSeconds(s)).orElseThrow());
        }
        lift.trueTotal(trips, START.plus(Duration.ofDays(2))); // a fast-forward of two days
        seen.forEach((at, count) -> assertEquals(count, lift.trueTotal(trips, at).orElseThrow(), "trips at " + at));
        seenEnergy.forEach((at, kwh) -> assertEquals(kwh, lift.trueTotal(energy, at).orElseThrow(), "energy at " + at));
        assertTrue(seen.get(START.plusSeconds(7200)).compareTo(seen.get(START)) > 0, "it travelled meanwhile");
        assertEquals(seen.get(START), lift.trueTotal(trips, START.minusSeconds(3600)).orElseThrow(), "before the start: the counts it began with");
    }
}
