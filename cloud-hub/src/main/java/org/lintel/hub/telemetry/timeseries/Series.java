package org.lintel.hub.telemetry.timeseries;

import java.util.Arrays;

/**
 * One series held in column arrays (about 17 bytes a point) sorted by time. Appends are the common case; a point
 * that arrives out of order is inserted in place, and one with an existing timestamp replaces it.
 */
final class Series {

    final String site;
    final String building;
    final String device;
    final String point;
    private long[] times = new long[16];
    private double[] numbers = new double[16];
    private byte[] qualities = new byte[16];
    private String[] texts;
    private String[] reasons;
    private int size;

    Series(String site, String building, String device, String point) {
        this.site = site;
        this.building = building;
        this.device = device;
        this.point = point;
    }

    synchronized void put(long time, Double number, String text, byte quality, String reason) {
        int i = size > 0 && times[size - 1] < time ? -(size + 1) : Arrays.binarySearch(times, 0, size, time);
        if (i < 0) {
            i = -(i + 1);
            grow();
            if (i < size) {
                System.arraycopy(times, i, times, i + 1, size - i);
                System.arraycopy(numbers, i, numbers, i + 1, size - i);
                System.arraycopy(qualities, i, qualities, i + 1, size - i);
                if (texts != null) {
                    System.arraycopy(texts, i, texts, i + 1, size - i);
                }
                if (reasons != null) {
                    System.arraycopy(reasons, i, reasons, i + 1, size - i);
                }
            }
            size++;
        }
        times[i] = time;
        numbers[i] = number == null ? Double.NaN : number;
        qualities[i] = quality;
        if (text != null && texts == null) {
            texts = new String[times.length];
        }
        if (texts != null) {
            texts[i] = text;
        }
        if (reason != null && reasons == null) {
            reasons = new String[times.length];
        }
        if (reasons != null) {
            reasons[i] = reason;
        }
    }

    private void grow() {
        if (size < times.length) {
            return;
        }
        int n = times.length * 2;
        times = Arrays.copyOf(times, n);
        numbers = Arrays.copyOf(numbers, n);
        qualities = Arrays.copyOf(qualities, n);
        if (texts != null) {
            texts = Arrays.copyOf(texts, n);
        }
        if (reasons != null) {
            reasons = Arrays.copyOf(reasons, n);
        }
    }

    synchronized int size() {
        return size;
    }

    /** Index of the first point at or after {@code time}. */
    synchronized int lowerBound(long time) {
        int i = Arrays.binarySearch(times, 0, size, time);
        return i >= 0 ? i : -(i + 1);
    }

    synchronized long time(int i) {
        return times[i];
    }

    synchronized double number(int i) {
        return numbers[i];
    }

    synchronized byte quality(int i) {
        return qualities[i];
    }

    synchronized String text(int i) {
        return texts == null ? null : texts[i];
    }

    synchronized String reason(int i) {
        return reasons == null ? null : reasons[i];
    }

    /**
     * Thins the points before {@code cutoff}: of each local hour's good numeric points only the first, the last, the
     * lowest and the highest stay (a counter's value at every hour boundary, so bills and hourly use come out the
     * same; a peak; a flag raised within the hour); a state, a text or a reading that was not good stays where it
     * differs from the point before it. Returns how many points went.
     */
    synchronized int thin(long cutoff, java.time.ZoneId zone) {
        int end = 0;
        while (end < size && times[end] < cutoff) {
            end++;
        }
        if (end == 0) {
            return 0;
        }
        boolean[] keep = new boolean[end];
        int hourStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || localHour(times[i], zone) != localHour(times[hourStart], zone)) {
                markHour(hourStart, i, keep);
                hourStart = i;
            }
        }
        for (int i = 0; i < end; i++) {
            if (!goodNumber(i) && (i == 0 || qualities[i] != qualities[i - 1] || !java.util.Objects.equals(text(i), text(i - 1))
                    || Double.isNaN(numbers[i]) != Double.isNaN(numbers[i - 1]))) {
                keep[i] = true;
            }
        }
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (r >= end || keep[r]) {
                times[w] = times[r];
                numbers[w] = numbers[r];
                qualities[w] = qualities[r];
                if (texts != null) {
                    texts[w] = texts[r];
                }
                if (reasons != null) {
                    reasons[w] = reasons[r];
                }
                w++;
            }
        }
        int removed = size - w;
        size = w;
        if (texts != null) {
            Arrays.fill(texts, size, texts.length, null);
        }
        if (reasons != null) {
            Arrays.fill(reasons, size, reasons.length, null);
        }
        return removed;
    }

    private boolean goodNumber(int i) {
        return qualities[i] == 0 && !Double.isNaN(numbers[i]) && text(i) == null;
    }

    private void markHour(int from, int to, boolean[] keep) {
        int first = -1;
        int last = -1;
        int low = -1;
        int high = -1;
        for (int i = from; i < to; i++) {
            if (!goodNumber(i)) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            if (low < 0 || numbers[i] < numbers[low]) {
                low = i;
            }
            if (high < 0 || numbers[i] > numbers[high]) {
                high = i;
            }
        }
        for (int i : new int[] {first, last, low, high}) {
            if (i >= 0) {
                keep[i] = true;
            }
        }
    }

    private static long localHour(long epochMilli, java.time.ZoneId zone) {
        long offset = zone.getRules().getOffset(java.time.Instant.ofEpochMilli(epochMilli)).getTotalSeconds() * 1000L;
        return Math.floorDiv(epochMilli + offset, 3_600_000L);
    }

    /** Every point, oldest first, for a rewrite of the log. */
    synchronized void forEach(java.util.function.IntConsumer each) {
        for (int i = 0; i < size; i++) {
            each.accept(i);
        }
    }
}
