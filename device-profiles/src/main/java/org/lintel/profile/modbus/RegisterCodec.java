package org.lintel.profile.modbus;

import org.lintel.profile.ByteOrder;
import org.lintel.profile.WordOrder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;
import org.lintel.reading.RawValue;

/**
 * Decodes a point's registers, as received from the device, into a raw value (and encodes the other way for the
 * simulators). Registers are 16-bit words given as ints 0..65535, in the order the device sent them.
 */
public final class RegisterCodec {

    private RegisterCodec() {
    }

    /**
     * The registers in wire order → bytes in big-endian significance order (most significant byte first), undoing
     * the point's word and byte order.
     */
    static byte[] toBigEndian(int[] registers, ByteOrder byteOrder, WordOrder wordOrder) {
        int n = registers.length;
        byte[] out = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            int word = registers[wordOrder == WordOrder.BIG ? i : n - 1 - i] & 0xFFFF;
            byte hi = (byte) (word >>> 8);
            byte lo = (byte) word;
            out[2 * i] = byteOrder == ByteOrder.BIG ? hi : lo;
            out[2 * i + 1] = byteOrder == ByteOrder.BIG ? lo : hi;
        }
        return out;
    }

    static int[] fromBigEndian(byte[] bytes, ByteOrder byteOrder, WordOrder wordOrder) {
        int n = bytes.length / 2;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int hi = bytes[2 * i] & 0xFF;
            int lo = bytes[2 * i + 1] & 0xFF;
            int word = byteOrder == ByteOrder.BIG ? (hi << 8) | lo : (lo << 8) | hi;
            out[wordOrder == WordOrder.BIG ? i : n - 1 - i] = word;
        }
        return out;
    }

    /** Decodes a register-table point. Throws IllegalArgumentException when the register count does not fit. */
    public static RawValue decode(Point point, int[] registers) {
        ModbusAddress a = (ModbusAddress) point.address();
        if (registers.length != a.count()) {
            throw new IllegalArgumentException("point " + point.name() + " needs " + a.count() + " registers, got " + registers.length);
        }
        byte[] b = toBigEndian(registers, a.byteOrder(), a.wordOrder());
        DataType type = point.type();
        switch (type) {
            case BOOL:
                return new RawValue.Bool(new BigInteger(1, b).signum() != 0);
            case BITFIELD:
                return new RawValue.Bool(new BigInteger(1, b).testBit(point.bit()));
            case STRING:
                return new RawValue.Text(text(b));
            case FLOAT32:
                return new RawValue.Floating(Float.intBitsToFloat(new BigInteger(1, b).intValue()));
            case FLOAT64:
                return new RawValue.Floating(Double.longBitsToDouble(new BigInteger(1, b).longValue()));
            case INT16:
            case INT32:
            case INT64:
                return new RawValue.Integer(new BigDecimal(new BigInteger(b)));
            default:
                return new RawValue.Integer(new BigDecimal(new BigInteger(1, b)));
        }
    }

    private static String text(byte[] b) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.US_ASCII);
    }

    /**
     * Encodes a canonical value of a numeric point into the registers the device would hold, applying the inverse of
     * scale, offset and unit conversion. Integer types round half-up to the nearest raw step.
     */
    public static int[] encodeCanonical(Point point, double canonical) {
        double raw = point.toRaw(canonical);
        return encodeRaw(point, raw);
    }

    /** Encodes a raw number (before scale) into registers. */
    public static int[] encodeRaw(Point point, double raw) {
        ModbusAddress a = (ModbusAddress) point.address();
        int bytes = a.count() * 2;
        BigInteger bits;
        switch (point.type()) {
            case FLOAT32:
                bits = BigInteger.valueOf(Float.floatToIntBits((float) raw) & 0xFFFFFFFFL);
                break;
            case FLOAT64:
                bits = new BigInteger(1, java.nio.ByteBuffer.allocate(8).putDouble(raw).array());
                break;
            case BOOL:
                bits = raw != 0 ? BigInteger.ONE : BigInteger.ZERO;
                break;
            default:
                bits = BigDecimal.valueOf(raw).setScale(0, java.math.RoundingMode.HALF_UP).toBigInteger();
                if (bits.signum() < 0) {
                    bits = bits.add(BigInteger.ONE.shiftLeft(bytes * 8));
                }
        }
        return fromBigEndian(fixed(bits, bytes), a.byteOrder(), a.wordOrder());
    }

    /** Encodes text into the point's registers, padded with NULs. */
    public static int[] encodeText(Point point, String value) {
        ModbusAddress a = (ModbusAddress) point.address();
        byte[] b = new byte[a.count() * 2];
        byte[] t = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, b.length));
        return fromBigEndian(b, a.byteOrder(), a.wordOrder());
    }

    /** Sets or clears a bitfield point's bit in the registers that hold it. */
    public static int[] withBit(Point point, int[] registers, boolean on) {
        ModbusAddress a = (ModbusAddress) point.address();
        BigInteger v = new BigInteger(1, toBigEndian(registers, a.byteOrder(), a.wordOrder()));
        v = on ? v.setBit(point.bit()) : v.clearBit(point.bit());
        return fromBigEndian(fixed(v, registers.length * 2), a.byteOrder(), a.wordOrder());
    }

    private static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
