package org.lintel.sim.clock;

/**
 * Deterministic pseudo-randomness: the same seed, device and time slot always give the same number, whatever order
 * the simulator is asked in. This is what makes ground truth reproducible and independent of poll timing.
 */
public final class Noise {

    private Noise() {
    }

    /** A well-mixed 64-bit hash of the inputs (SplitMix64 finaliser). */
    public static long hash(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + 0x27D4EB2F165667C5L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A number in [0, 1). */
    public static double unit(long a, long b, long c) {
        return (hash(a, b, c) >>> 11) * 0x1.0p-53;
    }

    /** A number in [lo, hi). */
    public static double between(long a, long b, long c, double lo, double hi) {
        return lo + (hi - lo) * unit(a, b, c);
    }

    /** A stable 64-bit id for a text such as a device id. */
    public static long of(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return hash(h, text.length(), 0);
    }
}
