package org.lintel.edge.forward;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.lintel.reading.Quality;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/**
 * Run in a child JVM by the crash test: appends records as fast as it can and prints each sequence number once
 * {@code append} has returned, until it is killed with SIGKILL.
 */
public final class BufferWriterChild {

    private BufferWriterChild() {
    }

    /** The reading the crash test expects for a sequence number. */
    static Reading expected(long seq) {
        Instant t = Instant.ofEpochSecond(1_790_000_000L + seq);
        return new Reading("m" + (seq % 7), "energy.import.total", new Value.Numeric(seq * 0.01), "kWh", Quality.GOOD, t, t);
    }

    public static void main(String[] args) throws Exception {
        ReadingLog log = ReadingLog.open(Path.of(args[0]), 64L << 20, 256 << 10);
        long n = log.lastSequence();
        while (true) {
            n++;
            long seq = log.append("m" + (n % 7), false, List.of(expected(n)), new boolean[] {true});
            if (seq != n) {
                throw new IllegalStateException("sequence " + seq + " where " + n + " was expected");
            }
            System.out.println(seq);
            System.out.flush();
        }
    }
}
