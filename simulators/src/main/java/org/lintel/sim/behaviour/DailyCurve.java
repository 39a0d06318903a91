package org.lintel.sim.behaviour;

/** Typical daily shapes of household demand, by local hour of day (0–24). */
final class DailyCurve {

    private DailyCurve() {
    }

    /** The local hour of day (0–24, fractional) of an epoch second in {@code zone}. */
    static double hourOf(long epochSecond, java.time.ZoneId zone) {
        java.time.ZonedDateTime z = java.time.Instant.ofEpochSecond(epochSecond).atZone(zone);
        return z.getHour() + z.getMinute() / 60.0;
    }

    private static double bump(double h, double centre, double width) {
        double x = (h - centre) / width;
        return Math.exp(-x * x);
    }

    /** Household electricity in kW: low at night, a morning peak around 07:30 and a larger evening peak around 20:00. */
    static double electricityKw(double hour) {
        return 0.12 + 0.65 * bump(hour, 7.5, 1.0) + 0.25 * bump(hour, 13.0, 3.0) + 1.10 * bump(hour, 20.0, 1.8);
    }

    /** Probability that water is drawn in a given minute: near zero at night, peaks morning and evening. */
    static double waterDrawProbability(double hour) {
        return 0.004 + 0.22 * bump(hour, 7.3, 0.9) + 0.05 * bump(hour, 12.5, 1.5) + 0.18 * bump(hour, 20.5, 1.6);
    }

    /** Lift calls per hour. */
    static double liftCallsPerHour(double hour) {
        return 2 + 40 * bump(hour, 8.0, 1.2) + 15 * bump(hour, 12.5, 1.5) + 35 * bump(hour, 18.5, 1.5);
    }
}
