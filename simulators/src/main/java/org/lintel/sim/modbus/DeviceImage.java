package org.lintel.sim.modbus;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.ModbusAddress;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.profile.modbus.RegisterTable;
import org.lintel.reading.Value;
import org.lintel.sim.device.Encoding;
import org.lintel.sim.device.SimDevice;

/**
 * A device's Modbus tables at one simulated instant, as a j2mod {@link ProcessImage}: j2mod's request classes read
 * it to build responses. Addresses the profile does not map answer exception 2 (illegal data address), unless the
 * profile says the device allows reads across gaps inside its mapped span.
 */
final class DeviceImage implements ProcessImage {

    private final SimDevice device;
    private final Instant at;
    private final Map<RegisterTable, List<Point>> byTable;
    private final boolean acrossGaps;

    DeviceImage(SimDevice device, Instant at, Map<RegisterTable, List<Point>> byTable) {
        this.device = device;
        this.at = at;
        this.byTable = byTable;
        this.acrossGaps = device.profile().modbus() == null || device.profile().modbus().readAcrossGaps();
    }

    /** Groups a profile's Modbus points by table, non-bitfields first so bitfields can be laid over their word. */
    static Map<RegisterTable, List<Point>> tables(SimDevice device) {
        Map<RegisterTable, List<Point>> m = new EnumMap<>(RegisterTable.class);
        for (Point p : device.profile().points()) {
            if (p.address() instanceof ModbusAddress a && p.access().canRead()) {
                m.computeIfAbsent(a.table(), t -> new java.util.ArrayList<>()).add(p);
            }
        }
        m.values().forEach(l -> l.sort((x, y) -> Boolean.compare(x.type() == DataType.BITFIELD, y.type() == DataType.BITFIELD)));
        return m;
    }

    private void check(RegisterTable table, int ref, int count) throws IllegalAddressException {
        List<Point> points = byTable.getOrDefault(table, List.of());
        if (points.isEmpty()) {
            throw new IllegalAddressException("no " + table.word() + " mapped");
        }
        if (acrossGaps) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (Point p : points) {
                ModbusAddress a = (ModbusAddress) p.address();
                lo = Math.min(lo, a.address());
                hi = Math.max(hi, a.end());
            }
            if (ref < lo || ref + count > hi) {
                throw new IllegalAddressException(table.word() + " " + ref + "+" + count + " outside " + lo + ".." + (hi - 1));
            }
            return;
        }
        for (int addr = ref; addr < ref + count; addr++) {
            boolean mapped = false;
            for (Point p : points) {
                ModbusAddress a = (ModbusAddress) p.address();
                if (addr >= a.address() && addr < a.end()) {
                    mapped = true;
                    break;
                }
            }
            if (!mapped) {
                throw new IllegalAddressException(table.word() + " " + addr + " is not mapped");
            }
        }
    }

    /** The words of [ref, ref+count) in a register table. */
    int[] words(RegisterTable table, int ref, int count) throws IllegalAddressException {
        check(table, ref, count);
        int[] out = new int[count];
        for (Point p : byTable.get(table)) {
            ModbusAddress a = (ModbusAddress) p.address();
            if (a.end() <= ref || a.address() >= ref + count) {
                continue;
            }
            Value v = device.value(p, at);
            int[] regs;
            if (p.type() == DataType.BITFIELD) {
                int[] current = new int[a.count()];
                for (int i = 0; i < a.count(); i++) {
                    int idx = a.address() + i - ref;
                    current[i] = idx >= 0 && idx < count ? out[idx] : 0;
                }
                regs = RegisterCodec.withBit(p, current, v instanceof Value.Flag f && f.value());
            } else if (v instanceof Value.Text t) {
                regs = RegisterCodec.encodeText(p, t.value());
            } else if (p.type() == DataType.BOOL) {
                regs = RegisterCodec.encodeRaw(p, Encoding.rawNumber(p, v));
            } else if (v instanceof Value.Numeric n) {
                regs = RegisterCodec.encodeCanonical(p, n.value());
            } else {
                regs = RegisterCodec.encodeRaw(p, Encoding.rawNumber(p, v));
            }
            for (int i = 0; i < regs.length; i++) {
                int idx = a.address() + i - ref;
                if (idx >= 0 && idx < count) {
                    out[idx] = regs[i];
                }
            }
        }
        return out;
    }

    boolean[] bits(RegisterTable table, int ref, int count) throws IllegalAddressException {
        check(table, ref, count);
        boolean[] out = new boolean[count];
        for (Point p : byTable.get(table)) {
            int idx = ((ModbusAddress) p.address()).address() - ref;
            if (idx >= 0 && idx < count) {
                Value v = device.value(p, at);
                out[idx] = v instanceof Value.Flag f ? f.value() : Encoding.rawNumber(p, v) != 0;
            }
        }
        return out;
    }

    @Override
    public Register[] getRegisterRange(int ref, int count) throws IllegalAddressException {
        int[] w = words(RegisterTable.HOLDING_REGISTER, ref, count);
        Register[] r = new Register[count];
        for (int i = 0; i < count; i++) {
            r[i] = new SimpleRegister(w[i]);
        }
        return r;
    }

    @Override
    public Register getRegister(int ref) throws IllegalAddressException {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return 65536;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int ref, int count) throws IllegalAddressException {
        int[] w = words(RegisterTable.INPUT_REGISTER, ref, count);
        InputRegister[] r = new InputRegister[count];
        for (int i = 0; i < count; i++) {
            r[i] = new SimpleInputRegister(w[i]);
        }
        return r;
    }

    @Override
    public InputRegister getInputRegister(int ref) throws IllegalAddressException {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        return 65536;
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int ref, int count) throws IllegalAddressException {
        boolean[] b = bits(RegisterTable.COIL, ref, count);
        DigitalOut[] r = new DigitalOut[count];
        for (int i = 0; i < count; i++) {
            r[i] = new SimpleDigitalOut(b[i]);
        }
        return r;
    }

    @Override
    public DigitalOut getDigitalOut(int ref) throws IllegalAddressException {
        return getDigitalOutRange(ref, 1)[0];
    }

    @Override
    public int getDigitalOutCount() {
        return 65536;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int ref, int count) throws IllegalAddressException {
        boolean[] b = bits(RegisterTable.DISCRETE_INPUT, ref, count);
        DigitalIn[] r = new DigitalIn[count];
        for (int i = 0; i < count; i++) {
            r[i] = new SimpleDigitalIn(b[i]);
        }
        return r;
    }

    @Override
    public DigitalIn getDigitalIn(int ref) throws IllegalAddressException {
        return getDigitalInRange(ref, 1)[0];
    }

    @Override
    public int getDigitalInCount() {
        return 65536;
    }

    @Override
    public File getFile(int ref) throws IllegalAddressException {
        throw new IllegalAddressException("no files");
    }

    @Override
    public File getFileByNumber(int ref) throws IllegalAddressException {
        throw new IllegalAddressException("no files");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int ref) throws IllegalAddressException {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public FIFO getFIFOByAddress(int ref) throws IllegalAddressException {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }
}
