package org.lintel.edge.normalize;

import java.util.List;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.ModbusAddress;
import org.lintel.profile.modbus.RegisterTable;

/**
 * One read request of a poll cycle: a run of registers (or bits) of one table, and the points it carries.
 *
 * @param start protocol address of the first register or bit
 * @param count registers or bits to read
 */
public record ReadBlock(RegisterTable table, int start, int count, List<Point> points) {

    public ReadBlock {
        points = List.copyOf(points);
    }

    /** The registers of one point within the block's answer. */
    public int[] slice(Point p, int[] words) {
        ModbusAddress a = (ModbusAddress) p.address();
        int[] out = new int[a.count()];
        System.arraycopy(words, a.address() - start, out, 0, a.count());
        return out;
    }

    /** Registers (or bits) read that no point asked for: bridged gaps. */
    public int wasted() {
        boolean[] used = new boolean[count];
        for (Point p : points) {
            ModbusAddress a = (ModbusAddress) p.address();
            for (int i = a.address(); i < a.end(); i++) {
                used[i - start] = true;
            }
        }
        int w = 0;
        for (boolean u : used) {
            if (!u) {
                w++;
            }
        }
        return w;
    }
}
