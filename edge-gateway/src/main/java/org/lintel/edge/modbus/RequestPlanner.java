package org.lintel.edge.modbus;

import org.lintel.edge.normalize.ReadBlock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.ModbusAddress;
import org.lintel.profile.ModbusSettings;
import org.lintel.profile.modbus.RegisterTable;

/**
 * Merges the points of a poll group into the fewest read requests: contiguous and overlapping points share a request,
 * a gap is bridged when reading it is cheaper than another request, and no request exceeds the protocol maximum
 * (125 registers, 2000 bits) or the device's own limit. Devices that reject reads across unmapped registers get
 * gaps bridged never.
 *
 * <p>Greedy from the lowest address is optimal here: every block starts at a point, and extending a block as far as
 * the limits allow never makes a later block necessary that a different choice would have avoided.
 */
public final class RequestPlanner {

    /**
     * @param maxGapRegisters the widest gap of registers to read through: a request costs about 12 bytes of framing
     *                        each way plus a turnaround, so a gap of up to ~8 registers (16 bytes) is cheaper to read
     * @param maxGapBits      the same for coils and discrete inputs (bits are packed 8 per byte)
     */
    public record Options(int maxGapRegisters, int maxGapBits) {
        public static final Options DEFAULT = new Options(8, 64);
    }

    private RequestPlanner() {
    }

    public static List<ReadBlock> plan(List<Point> points, ModbusSettings settings, Options options) {
        Map<RegisterTable, List<Point>> byTable = new EnumMap<>(RegisterTable.class);
        for (Point p : points) {
            if (p.address() instanceof ModbusAddress a && p.access().canRead()) {
                byTable.computeIfAbsent(a.table(), t -> new ArrayList<>()).add(p);
            }
        }
        List<ReadBlock> blocks = new ArrayList<>();
        for (Map.Entry<RegisterTable, List<Point>> e : byTable.entrySet()) {
            RegisterTable table = e.getKey();
            List<Point> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingInt((Point p) -> ((ModbusAddress) p.address()).address())
                    .thenComparingInt(p -> ((ModbusAddress) p.address()).count()));
            int limit = Math.min(table.maxPerRead(), table.isBits() ? settings.maxBitsPerRead() : settings.maxRegistersPerRead());
            int maxGap = !settings.readAcrossGaps() ? 0 : table.isBits() ? options.maxGapBits() : options.maxGapRegisters();
            int start = -1;
            int end = -1;
            List<Point> current = new ArrayList<>();
            for (Point p : sorted) {
                ModbusAddress a = (ModbusAddress) p.address();
                boolean fits = start >= 0
                        && a.address() - end <= maxGap
                        && Math.max(end, a.end()) - start <= limit;
                if (!fits) {
                    if (start >= 0) {
                        blocks.add(new ReadBlock(table, start, end - start, current));
                    }
                    start = a.address();
                    end = a.end();
                    current = new ArrayList<>();
                } else {
                    end = Math.max(end, a.end());
                }
                current.add(p);
            }
            if (start >= 0) {
                blocks.add(new ReadBlock(table, start, end - start, current));
            }
        }
        return blocks;
    }
}
