package org.lintel.profile.modbus;

import org.lintel.profile.ByteOrder;
import org.lintel.profile.ModbusSettings;
import org.lintel.profile.WordOrder;

import java.util.Map;
import java.util.Optional;
import org.lintel.profile.DataType;
import org.lintel.profile.Words;
import org.lintel.yaml.YamlMap;

/** Reads the Modbus parts of a profile: the device-wide {@code modbus:} settings and each point's address. */
public final class ModbusReader {

    private static final Map<String, ByteOrder> BYTE_ORDERS = Words.of(ByteOrder.class);
    private static final Map<String, WordOrder> WORD_ORDERS = Words.of(WordOrder.class);

    private ModbusReader() {
    }

    /** Reads the profile's {@code modbus:} section; the address base is required, because guessing it is the classic off-by-one. */
    public static ModbusSettings settings(YamlMap m) {
        int base = (int) m.requiredWhole("addressBase", 0, 1).orElse(0);
        ByteOrder bo = m.choice("byteOrder", BYTE_ORDERS).orElse(ByteOrder.BIG);
        WordOrder wo = m.choice("wordOrder", WORD_ORDERS).orElse(WordOrder.BIG);
        int maxRegisters = (int) m.whole("maxRegistersPerRead", 1, 125).orElse(125);
        int maxBits = (int) m.whole("maxBitsPerRead", 1, 2000).orElse(2000);
        boolean acrossGaps = m.flag("readAcrossGaps").orElse(true);
        m.rejectUnknownKeys();
        return new ModbusSettings(base, bo, wo, maxRegisters, maxBits, acrossGaps);
    }

    /**
     * Reads a point's {@code modbus:} address and checks it against the point's data type.
     *
     * @param bit the point's bit for bitfields, or null
     */
    public static Optional<ModbusAddress> address(YamlMap m, ModbusSettings settings, DataType type, Integer bit) {
        Optional<RegisterTable> table = m.requiredChoice("table", RegisterTable.words());
        var written = m.requiredWhole("address", 0, 65536);
        if (written.isPresent()) {
            long w = written.getAsLong();
            if (settings.addressBase() == 1 && w == 0) {
                m.error("address", "0 does not exist with addressBase 1 (registers are numbered from 1); use 1, or set addressBase: 0");
                written = java.util.OptionalLong.empty();
            } else if (settings.addressBase() == 0 && w == 65536) {
                m.error("address", "the last Modbus address is 65535 with addressBase 0");
                written = java.util.OptionalLong.empty();
            }
        }
        var countValue = m.whole("count", 1, 125);
        ByteOrder bo = m.choice("byteOrder", BYTE_ORDERS).orElse(settings.byteOrder());
        WordOrder wo = m.choice("wordOrder", WORD_ORDERS).orElse(settings.wordOrder());
        m.rejectUnknownKeys();
        if (table.isEmpty() || written.isEmpty() || type == null) {
            return Optional.empty();
        }
        RegisterTable t = table.get();
        int count;
        if (t.isBits()) {
            if (type != DataType.BOOL) {
                m.error("table", t.word() + " holds single bits; the point's type must be bool, not " + Words.word(type)
                        + " (or read it from a register table)");
                return Optional.empty();
            }
            if (countValue.isPresent() && countValue.getAsLong() != 1) {
                m.error("count", "a " + t.word() + " point occupies 1 bit, count is " + countValue.getAsLong());
                return Optional.empty();
            }
            count = 1;
        } else if (type == DataType.STRING) {
            if (countValue.isEmpty()) {
                m.missing("count", "the number of registers the string occupies (2 characters each)");
                return Optional.empty();
            }
            count = (int) countValue.getAsLong();
        } else if (type == DataType.BITFIELD) {
            count = (int) countValue.orElse(1);
            if (count > 4) {
                m.error("count", "a bitfield can span at most 4 registers (64 bits), count is " + count);
                return Optional.empty();
            }
            if (bit != null && bit >= count * 16) {
                m.error("count", "bit " + bit + " does not fit in " + count + " register(s) (bits 0.." + (count * 16 - 1) + ")");
                return Optional.empty();
            }
        } else {
            int needed = type.registers();
            if (countValue.isPresent() && countValue.getAsLong() != needed) {
                m.error("count", Words.word(type) + " needs " + needed + " register" + (needed == 1 ? "" : "s")
                        + ", count is " + countValue.getAsLong());
                return Optional.empty();
            }
            count = needed;
        }
        int address = (int) (written.getAsLong() - settings.addressBase());
        if (address + count - 1 > 65535) {
            m.error("address", "the point runs past the last Modbus address 65535 (address " + written.getAsLong() + ", count " + count + ")");
            return Optional.empty();
        }
        int deviceMax = t.isBits() ? settings.maxBitsPerRead() : settings.maxRegistersPerRead();
        if (count > deviceMax) {
            m.error("count", count + " registers cannot be read in one request; the device reads at most " + deviceMax);
            return Optional.empty();
        }
        return Optional.of(new ModbusAddress(t, address, (int) written.getAsLong(), count, bo, wo));
    }
}
