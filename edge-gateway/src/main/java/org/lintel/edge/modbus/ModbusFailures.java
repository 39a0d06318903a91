package org.lintel.edge.modbus;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;

/** Maps what went wrong on a Modbus request to the quality its readings carry. */
final class ModbusFailures {

    private ModbusFailures() {
    }

    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "slave device failure";
            case 5 -> "acknowledge";
            case 6 -> "slave device busy";
            case 8 -> "memory parity error";
            case 0x0A -> "gateway path unavailable";
            case 0x0B -> "gateway target device failed to respond";
            default -> "unknown exception";
        };
    }

    static Quality of(Throwable e) {
        if (e instanceof ModbusSlaveException s) {
            int code = s.getType();
            String detail = String.format("exception 0x%02X %s", code, exceptionName(code));
            // A converter saying the device behind it did not answer is a timeout of that device.
            return Quality.bad(code == 0x0B ? QualityReason.TIMEOUT : QualityReason.EXCEPTION_CODE, detail);
        }
        String msg = String.valueOf(e.getMessage());
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return Quality.bad(QualityReason.TIMEOUT, "no answer within the bus timeout");
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException) {
                return Quality.bad(QualityReason.COMMUNICATION_FAILURE, "cannot connect: " + c.getMessage());
            }
            String m = String.valueOf(c.getMessage()).toLowerCase();
            if (m.contains("crc")) {
                return Quality.bad(QualityReason.DECODE_ERROR, "bad CRC in the answer");
            }
            if (m.contains("timeout") || m.contains("timed out")) {
                return Quality.bad(QualityReason.TIMEOUT, "no answer within the bus timeout");
            }
        }
        return Quality.bad(QualityReason.COMMUNICATION_FAILURE, msg);
    }
}
