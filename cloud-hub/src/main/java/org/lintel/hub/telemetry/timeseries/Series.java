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
}
