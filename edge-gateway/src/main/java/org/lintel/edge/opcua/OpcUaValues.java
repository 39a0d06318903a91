package org.lintel.edge.opcua;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.reading.RawValue;

/** OPC UA data values → raw values and qualities. */
final class OpcUaValues {

    private OpcUaValues() {
    }

    static RawValue raw(Object v) {
        if (v instanceof Boolean b) {
            return new RawValue.Bool(b);
        }
        if (v instanceof Float || v instanceof Double) {
            return new RawValue.Floating(((Number) v).doubleValue());
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return RawValue.of(((Number) v).longValue());
        }
        if (v instanceof UByte || v instanceof UShort || v instanceof UInteger) {
            return RawValue.of(((Number) v).longValue());
        }
        if (v instanceof ULong u) {
            return new RawValue.Integer(new BigDecimal(new BigInteger(u.toString())));
        }
        return v == null ? null : new RawValue.Text(v.toString());
    }

    /** The quality a data value carries, or null for good. */
    static Quality quality(DataValue dv) {
        StatusCode s = dv.getStatusCode();
        if (s == null || s.isGood()) {
            return dv.getValue().getValue() == null ? Quality.bad(QualityReason.DECODE_ERROR, "no value") : null;
        }
        String name = org.eclipse.milo.opcua.stack.core.StatusCodes.lookup(s.getValue()).map(a -> a[0]).orElse(s.toString());
        return s.isUncertain() ? Quality.uncertain(QualityReason.DEVICE_FAILURE, name) : Quality.bad(QualityReason.DEVICE_FAILURE, name);
    }
}
