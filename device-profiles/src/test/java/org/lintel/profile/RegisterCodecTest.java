package org.lintel.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.i18n.Label;
import org.lintel.profile.modbus.ModbusAddress;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.profile.modbus.RegisterTable;
import org.lintel.reading.RawValue;
import org.lintel.unit.Unit;

/** The four byte/word orders, signedness, strings and the encode/decode round trip the simulators rely on. */
class RegisterCodecTest {

    private static Point point(DataType type, int count, ByteOrder bo, WordOrder wo, String scale, Unit unit) {
        return new Point("p", Label.NONE, PointKind.GAUGE, type, unit, new BigDecimal(scale), BigDecimal.ZERO, Access.READ, "g",
                Deadband.NONE, null, null, Map.of(), null, null, new ModbusAddress(RegisterTable.HOLDING_REGISTER, 0, 0, count, bo, wo), null);
    }

    @Test
    void theSameUint32DecodesInAllFourOrders() {
        // 0x12345678 as ABCD, CDAB, BADC, DCBA
        assertEquals(RawValue.of(0x12345678L), RegisterCodec.decode(point(DataType.UINT32, 2, ByteOrder.BIG, WordOrder.BIG, "1", Unit.COUNT), new int[] {0x1234, 0x5678}));
        assertEquals(RawValue.of(0x12345678L), RegisterCodec.decode(point(DataType.UINT32, 2, ByteOrder.BIG, WordOrder.LITTLE, "1", Unit.COUNT), new int[] {0x5678, 0x1234}));
        assertEquals(RawValue.of(0x12345678L), RegisterCodec.decode(point(DataType.UINT32, 2, ByteOrder.LITTLE, WordOrder.BIG, "1", Unit.COUNT), new int[] {0x3412, 0x7856}));
        assertEquals(RawValue.of(0x12345678L), RegisterCodec.decode(point(DataType.UINT32, 2, ByteOrder.LITTLE, WordOrder.LITTLE, "1", Unit.COUNT), new int[] {0x7856, 0x3412}));
    }

    @Test
    void signedTypesAreTwosComplementAndUnsignedOnesAreNot() {
        assertEquals(RawValue.of(-2), RegisterCodec.decode(point(DataType.INT16, 1, ByteOrder.BIG, WordOrder.BIG, "1", Unit.COUNT), new int[] {0xFFFE}));
        assertEquals(RawValue.of(65534), RegisterCodec.decode(point(DataType.UINT16, 1, ByteOrder.BIG, WordOrder.BIG, "1", Unit.COUNT), new int[] {0xFFFE}));
        assertEquals(new RawValue.Integer(new BigDecimal("18446744073709551615")),
                RegisterCodec.decode(point(DataType.UINT64, 4, ByteOrder.BIG, WordOrder.BIG, "1", Unit.COUNT), new int[] {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}));
    }

    @Test
    void anIntegerCounterScaledByOneHundredthConvertsWithoutBinaryRounding() {
        Point wh = point(DataType.UINT32, 2, ByteOrder.BIG, WordOrder.BIG, "0.01", Unit.KWH);
        RawValue raw = RegisterCodec.decode(wh, new int[] {0x00BC, 0x614E}); // 12345678 → 123456.78 kWh
        assertEquals(new BigDecimal("123456.78"), wh.toCanonical(((RawValue.Integer) raw).value()));
    }

    @Test
    void encodingThenDecodingGivesTheValueBackInEveryOrder() {
        for (ByteOrder bo : ByteOrder.values()) {
            for (WordOrder wo : WordOrder.values()) {
                Point f = point(DataType.FLOAT32, 2, bo, wo, "1", Unit.V);
                assertEquals(new RawValue.Floating(231.5), RegisterCodec.decode(f, RegisterCodec.encodeCanonical(f, 231.5)));
                Point i = point(DataType.INT32, 2, bo, wo, "0.1", Unit.DEG_C);
                assertEquals(RawValue.of(-125), RegisterCodec.decode(i, RegisterCodec.encodeCanonical(i, -12.5)));
                Point d = point(DataType.FLOAT64, 4, bo, wo, "1", Unit.H);
                assertEquals(new RawValue.Floating(8760.25), RegisterCodec.decode(d, RegisterCodec.encodeCanonical(d, 8760.25)));
            }
        }
    }

    @Test
    void wattHourRegistersAreEncodedFromKilowattHours() {
        Point wh = point(DataType.UINT32, 2, ByteOrder.BIG, WordOrder.BIG, "1", Unit.WH);
        assertArrayEquals(new int[] {0x0001, 0xE240}, RegisterCodec.encodeCanonical(wh, 123.456)); // 123456 Wh
    }

    @Test
    void stringsAreAsciiWithTrailingNulsRemoved() {
        Point s = point(DataType.STRING, 4, ByteOrder.BIG, WordOrder.BIG, "1", null);
        assertEquals(new RawValue.Text("SDM630"), RegisterCodec.decode(s, RegisterCodec.encodeText(s, "SDM630")));
    }

    @Test
    void theWrongNumberOfRegistersIsRefused() {
        Point f = point(DataType.FLOAT32, 2, ByteOrder.BIG, WordOrder.BIG, "1", Unit.V);
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.decode(f, new int[] {0x4366}));
    }
}
