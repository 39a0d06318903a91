package org.lintel.hub.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup holds ({@code manifest.json}): when it was started and finished, which stores it came from, and each
 * file with its size and SHA-256, so that a restore can tell a damaged or incomplete copy before it starts.
 *
 * @param timeSeries {@code embedded} or {@code influxdb}
 * @param postgres   {@code embedded} or {@code external}
 */
public record BackupManifest(int format, String hubVersion, Instant startedAt, Instant finishedAt, String postgres, String timeSeries,
                             long timeSeriesPoints, List<FileEntry> files) {

    public static final int FORMAT = 1;

    /** One file of the backup, its path relative to the backup folder. */
    public record FileEntry(String path, long bytes, String sha256) {
    }
}
