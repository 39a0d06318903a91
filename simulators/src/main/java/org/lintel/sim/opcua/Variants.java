package org.lintel.sim.opcua;

import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.device.Encoding;

/** Canonical values → OPC UA variants of the data type the profile declares. */
final class Variants {

    private Variants() {
    }

    static NodeId dataType(DataType t) {
        return switch (t) {
            case BOOL, BITFIELD -> Identifiers.Boolean;
            case INT16 -> Identifiers.Int16;
            case UINT16 -> Identifiers.UInt16;
            case INT32 -> Identifiers.Int32;
            case UINT32 -> Identifiers.UInt32;
            case INT64 -> Identifiers.Int64;
            case UINT64 -> Identifiers.UInt64;
            case FLOAT32 -> Identifiers.Float;
            case FLOAT64 -> Identifiers.Double;
            case STRING -> Identifiers.String;
        };
    }

    static Variant of(Point p, Value v) {
        if (v instanceof Value.Text t) {
            return new Variant(t.value());
        }
        if (p.type() == DataType.BOOL || p.type() == DataType.BITFIELD) {
            return new Variant(v instanceof Value.Flag f ? f.value() : Encoding.rawNumber(p, v) != 0);
        }
        double raw = Encoding.rawNumber(p, v);
        long whole = Math.round(raw);
        return switch (p.type()) {
            case INT16 -> new Variant((short) whole);
            case UINT16 -> new Variant(UShort.valueOf((int) whole));
            case INT32 -> new Variant((int) whole);
            case UINT32 -> new Variant(UInteger.valueOf(whole));
            case INT64 -> new Variant(whole);
            case UINT64 -> new Variant(ULong.valueOf(whole));
            case FLOAT32 -> new Variant((float) raw);
            case STRING -> new Variant(Double.toString(raw));
            default -> new Variant(raw);
        };
    }
}
