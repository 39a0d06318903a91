import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lintel.check.Problems;
import org.lintel.edge.forward.ReadingLog;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.sparkplug.SparkplugUplink;
import org.lintel.edge.sparkplug.UplinkSettings;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.reading.Quality;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;
import org.lintel.site.Connection;
import org.lintel.site.Device;

/**
 * Store-and-forward benchmark:
 * 1. write cost: writer threads (as bus threads do) append batches of readings for a while; cost per reading;
 * 2. backlog: the buffer is filled with {@code hours} of readings at {@code pps} points per second;
 * 3. replay: a Sparkplug uplink opens that buffer and publishes it to the broker; rate until the backlog is empty.
 *
 * usage: java -cp lintel-edge.jar UplinkReplay <broker> <hours> <points-per-second> <writer-threads> <dir>
 */
public class UplinkReplay {

    static final int BATCH = 10;

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        double hours = Double.parseDouble(args[1]);
        int pps = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        Path dir = Path.of(args[4]);
        DeviceProfile sdm120 = ProfileLibrary.builtIn(new Problems()).find("eastron-sdm120").orElseThrow();
        List<Point> points = sdm120.points().subList(0, BATCH);
        int devices = 100;
        List<DeviceContext> contexts = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            Device d = new Device("m" + i, null, "eastron-sdm120", "gw-bench", new Connection.Modbus("em", i + 1), null, null, null,
                    java.util.Map.of(), null);
            contexts.add(new DeviceContext("bench", "gw-bench", d, sdm120, "b1", null, null, null));
        }
        boolean[] precious = new boolean[BATCH];
        for (int i = 0; i < BATCH; i++) {
            precious[i] = points.get(i).kind() != org.lintel.profile.PointKind.GAUGE;
        }
        long totalReadings = (long) (hours * 3600 * pps);
        long totalRecords = totalReadings / BATCH;
        Instant start = Instant.parse("2026-11-21T00:00:00Z");
        ReadingLog log = ReadingLog.open(dir, 64L << 30, 64L << 20);
        AtomicLong next = new AtomicLong();

        // 1 + 2: write cost while filling the backlog
        long t0 = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                long r;
                while ((r = next.getAndIncrement()) < totalRecords) {
                    Instant at = start.plusNanos(r * 1_000_000_000L * BATCH / pps);
                    List<Reading> batch = new ArrayList<>(BATCH);
                    String device = "m" + (r % devices);
                    for (int i = 0; i < BATCH; i++) {
                        batch.add(new Reading(device, points.get(i).name(), new Value.Numeric(230.0 + (r % 97) * 0.01 + i), "V", Quality.GOOD, at, at));
                    }
                    log.append(device, true, batch, precious);
                }
            });
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
        double fill = (System.nanoTime() - t0) / 1e9;
        System.out.printf("backlog: %.1f h at %d points/s = %,d readings in %,d records, written by %d threads in %.1f s "
                        + "(%.0f readings/s, %.2f us per reading incl. fsync group commit); %.2f GiB on disk%n",
                hours, pps, totalReadings, totalRecords, threads, fill, totalReadings / fill, fill * 1e6 / totalReadings, log.size() / (double) (1L << 30));
        log.close();

        // 3: replay through the real uplink
        SparkplugUplink uplink = new SparkplugUplink(new UplinkSettings(broker, null, null, "bench", "gw-bench", null, dir, 64L << 30,
                Duration.ofSeconds(30), null), "bench", contexts);
        long backlog = uplink.buffer().backlog();
        long r0 = System.nanoTime();
        uplink.start();
        while (uplink.buffer().backlog() > 0) {
            Thread.sleep(500);
        }
        double replay = (System.nanoTime() - r0) / 1e9;
        System.out.printf("replay: %,d records (%,d readings) published at QoS 1 and acknowledged in %.1f s: %.0f records/s, "
                        + "%.0f readings/s; a %.1f h backlog at %d points/s drains %.0fx faster than it built up%n",
                backlog, backlog * BATCH, replay, backlog / replay, backlog * BATCH / replay, hours, pps, hours * 3600 / replay);
        uplink.close();
        System.exit(0);
    }
}
