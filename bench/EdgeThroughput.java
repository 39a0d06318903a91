import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.lintel.edge.EdgeGateway;
import org.lintel.edge.modbus.ModbusBusPoller;
import org.lintel.edge.normalize.ReadBlock;
import org.lintel.edge.modbus.RequestPlanner;
import org.lintel.edge.poll.BusHealth;
import org.lintel.site.Bus;
import org.lintel.site.SiteLoader;

/**
 * Runs one edge gateway in this JVM against simulators in another process and reports, over a measured window after a
 * warm-up: points normalised per second through the whole pipeline (driver → Camel route), readings reported after
 * report by exception, Modbus requests per second, skipped cycles, this process's CPU and resident memory; and for
 * RTU lines the achieved poll cycle against the theoretical minimum for the planned requests at the line's baud rate.
 *
 * usage: java -cp lintel-edge.jar EdgeThroughput.java <site.yaml> <gateway> <warmup-s> <seconds>
 */
public class EdgeThroughput {

    public static void main(String[] args) throws Exception {
        SiteLoader.Loaded loaded = SiteLoader.load(Path.of(args[0]));
        int warmup = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        EdgeGateway gw = new EdgeGateway(loaded.orThrow(), loaded.profiles(), args[1], batch -> { },
                new EdgeGateway.Options(Duration.ofMinutes(15), RequestPlanner.Options.DEFAULT, Duration.ofSeconds(5),
                        Duration.ofSeconds(60), Files.createTempDirectory("edge-bench")));
        gw.start();
        Thread.sleep(warmup * 1000L);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long p0 = gw.normalization().normalizedPoints();
        long r0 = gw.normalization().reportedReadings();
        long q0 = gw.busHealth().values().stream().mapToLong(BusHealth::requests).sum();
        long s0 = gw.busHealth().values().stream().mapToLong(BusHealth::skippedCycles).sum();
        java.util.Map<String, Long> perBus0 = new java.util.HashMap<>();
        gw.busHealth().forEach((id, bh) -> perBus0.put(id, bh.requests()));
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long points = gw.normalization().normalizedPoints() - p0;
        long reported = gw.normalization().reportedReadings() - r0;
        long requests = gw.busHealth().values().stream().mapToLong(BusHealth::requests).sum() - q0;
        long skipped = gw.busHealth().values().stream().mapToLong(BusHealth::skippedCycles).sum() - s0;
        int devices = gw.devices().size();
        int planned = gw.modbusRequestsPerCycle();
        int pointsPerCycle = gw.devices().values().stream().mapToInt(d -> d.profile().points().size()).sum();
        System.out.printf("gateway %s: %d devices, %d points per cycle, %d Modbus requests per cycle (%.1f points per request)%n",
                args[1], devices, pointsPerCycle, planned, pointsPerCycle / (double) Math.max(1, planned));
        System.out.printf("measured %.0f s after %d s warm-up: %.0f points/s normalised, %.0f readings/s reported, %.0f requests/s, %d skipped cycles%n",
                wall, warmup, points / wall, reported / wall, requests / wall, skipped);
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?");
        System.out.printf("gateway process: CPU %.1f %% of one core, %s, heap used %d MiB of max %d MiB%n", 100 * cpu / wall,
                rss.replaceAll("\\s+", " "), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        for (ModbusBusPoller p : gw.modbusBuses()) {
            if (p.bus().transport() instanceof Bus.RtuOverTcp line) {
                long busRequests = gw.busHealth().get(p.bus().id()).requests() - perBus0.get(p.bus().id());
                rtuReport(p, line, busRequests, wall);
            }
        }
        gw.close();
        System.exit(0);
    }

    /** Theoretical minimum cycle on the line: every planned request and answer in characters, plus 3.5-character gaps. */
    static void rtuReport(ModbusBusPoller p, Bus.RtuOverTcp line, long requestsInWindow, double wall) {
        List<ReadBlock> blocks = p.plannedBlocks();
        double charSeconds = (line.parity() == Bus.Parity.NONE ? 10.0 : 11.0) / line.baud();
        double chars = 0;
        double payloadAsked = 0;
        for (ReadBlock b : blocks) {
            int dataBytes = b.table().isBits() ? (b.count() + 7) / 8 : 2 * b.count();
            chars += 8 + (3 + dataBytes + 2) + 7;
            payloadAsked += b.table().isBits() ? (b.count() - b.wasted() + 7) / 8.0 : 2.0 * (b.count() - b.wasted());
        }
        double minCycle = chars * charSeconds;
        double cycles = requestsInWindow / (double) blocks.size();
        double achievedCycle = wall / Math.max(1e-9, cycles);
        System.out.printf("RTU line %s at %d baud: %d requests per cycle; theoretical minimum cycle %.3f s (%.0f characters); "
                        + "achieved cycle %.3f s = %.1f %% of the line's capacity; payload the profiles asked for is %.1f %% of those characters%n",
                p.bus().id(), line.baud(), blocks.size(), minCycle, chars, achievedCycle, 100 * minCycle / achievedCycle, 100 * payloadAsked / chars);
    }
}
