package org.lintel.hub.telemetry.timeseries;

import java.time.Instant;

/** One downsampling interval of a numeric series: the bucket's start and the statistics of its good values. */
public record Bucket(Instant start, double min, double max, double mean, double last, long count) {
}
