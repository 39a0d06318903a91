package org.lintel.sim.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.RegisterTable;
import org.lintel.sim.device.SimDevice;

/**
 * Answers one Modbus PDU for one device with j2mod's request and response classes, so that the protocol details
 * (function codes, byte counts, limits, exception responses) are j2mod's, not ours.
 */
final class PduHandler {

    /** j2mod's request classes look the process image up through a listener; this one just hands it over. */
    private static final class ImageListener extends AbstractModbusListener {
        private final ProcessImage image;

        ImageListener(ProcessImage image) {
            this.image = image;
        }

        @Override
        public ProcessImage getProcessImage(int unitId) {
            return image;
        }

        @Override
        public void run() {
        }

        @Override
        public void stop() {
        }
    }

    private PduHandler() {
    }

    /** The exception PDU for {@code functionCode}. */
    static byte[] exception(int functionCode, int code) {
        return new byte[] {(byte) (functionCode | 0x80), (byte) code};
    }

    /**
     * The response PDU (function code and data) to {@code pdu}. Writes answer exception 1 (illegal function): no
     * profile in the library has writable points yet, and silently ignoring a write would mislead.
     */
    static byte[] answer(SimDevice device, Map<RegisterTable, List<Point>> tables, byte[] pdu, Instant at) throws IOException {
        int fc = pdu[0] & 0xFF;
        if (fc == 5 || fc == 6 || fc == 15 || fc == 16) {
            return exception(fc, Modbus.ILLEGAL_FUNCTION_EXCEPTION);
        }
        ModbusRequest request = ModbusRequest.createModbusRequest(fc);
        request.setHeadless();
        request.readData(new DataInputStream(new ByteArrayInputStream(pdu, 1, pdu.length - 1)));
        ModbusResponse response = request.createResponse(new ImageListener(new DeviceImage(device, at, tables)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(response.getFunctionCode());
        response.writeData(out);
        return bytes.toByteArray();
    }
}
