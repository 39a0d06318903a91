package org.lintel.edge.modbus;

import org.lintel.edge.normalize.ReadBlock;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.net.InetAddress;
import org.lintel.site.Bus;

/**
 * The gateway's end of one Modbus bus: Modbus TCP or a serial port through j2mod's transactions, or RTU frames over TCP
 * through {@link RtuOverTcpLink} (which checks the CRC j2mod would not). One request at a time; retries are the
 * poller's business, so j2mod's own are off, and after a timeout the connection is dropped, so that a late answer can
 * never be taken for the next one's.
 */
final class ModbusLink implements AutoCloseable {

    private final Bus bus;
    private TCPMasterConnection tcp;
    private SerialConnection serial;
    private final RtuOverTcpLink rtuOverTcp;

    ModbusLink(Bus bus) {
        this.bus = bus;
        this.rtuOverTcp = bus.transport() instanceof Bus.RtuOverTcp r
                ? new RtuOverTcpLink(r.host(), r.port(), (int) bus.timeout().toMillis()) : null;
    }

    private int timeoutMillis() {
        return (int) bus.timeout().toMillis();
    }

    private ModbusTransaction transaction() throws Exception {
        if (bus.transport() instanceof Bus.RtuSerial s) {
            if (serial == null || !serial.isOpen()) {
                SerialParameters p = new SerialParameters(s.port(), s.baud(), 0, 0, s.dataBits(), s.stopBits(),
                        s.parity().ordinal(), false);
                p.setEncoding("rtu");
                serial = new SerialConnection(p);
                serial.setTimeout(timeoutMillis());
                serial.open();
            }
            ModbusSerialTransaction t = new ModbusSerialTransaction(serial);
            t.setRetries(0);
            return t;
        }
        if (tcp == null || !tcp.isConnected()) {
            String host = bus.transport() instanceof Bus.ModbusTcp m ? m.host() : ((Bus.RtuOverTcp) bus.transport()).host();
            int port = bus.transport() instanceof Bus.ModbusTcp m ? m.port() : ((Bus.RtuOverTcp) bus.transport()).port();
            tcp = new TCPMasterConnection(InetAddress.getByName(host));
            tcp.setPort(port);
            tcp.setTimeout(timeoutMillis());
            tcp.connect(false);
        }
        ModbusTCPTransaction t = new ModbusTCPTransaction(tcp);
        t.setRetries(0);
        t.setReconnecting(false);
        return t;
    }

    /** Reads a block: registers as words, or bits. Throws j2mod's exceptions (slave exceptions carry the code). */
    synchronized Object read(int unitId, ReadBlock b) throws Exception {
        if (rtuOverTcp != null) {
            return decode(b, rtuOverTcp.read(unitId, b.table().readFunction(), b.start(), b.count()));
        }
        ModbusRequest req = switch (b.table()) {
            case INPUT_REGISTER -> new ReadInputRegistersRequest(b.start(), b.count());
            case HOLDING_REGISTER -> new ReadMultipleRegistersRequest(b.start(), b.count());
            case COIL -> new ReadCoilsRequest(b.start(), b.count());
            case DISCRETE_INPUT -> new ReadInputDiscretesRequest(b.start(), b.count());
        };
        req.setUnitID(unitId);
        ModbusTransaction t = transaction();
        t.setRequest(req);
        try {
            t.execute();
        } catch (ModbusException e) {
            if (!(e instanceof com.ghgande.j2mod.modbus.ModbusSlaveException)) {
                close(); // timeout or broken frame: start clean, never read a late answer as the next one
            }
            throw e;
        }
        ModbusResponse r = t.getResponse();
        if (r instanceof ReadInputRegistersResponse ir) {
            int[] w = new int[b.count()];
            for (int i = 0; i < w.length; i++) {
                w[i] = ir.getRegisterValue(i);
            }
            return w;
        }
        if (r instanceof ReadMultipleRegistersResponse hr) {
            int[] w = new int[b.count()];
            for (int i = 0; i < w.length; i++) {
                w[i] = hr.getRegisterValue(i);
            }
            return w;
        }
        boolean[] bits = new boolean[b.count()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = r instanceof ReadCoilsResponse c ? c.getCoilStatus(i) : ((ReadInputDiscretesResponse) r).getDiscreteStatus(i);
        }
        return bits;
    }

    /** The data bytes of a read answer as words (big-endian registers) or bits (least significant bit first). */
    private static Object decode(ReadBlock b, byte[] data) throws com.ghgande.j2mod.modbus.ModbusIOException {
        if (b.table().isBits()) {
            if (data.length < (b.count() + 7) / 8) {
                throw new com.ghgande.j2mod.modbus.ModbusIOException("answer holds " + data.length + " bytes for " + b.count() + " bits");
            }
            boolean[] bits = new boolean[b.count()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = (data[i / 8] & (1 << (i % 8))) != 0;
            }
            return bits;
        }
        if (data.length != 2 * b.count()) {
            throw new com.ghgande.j2mod.modbus.ModbusIOException("answer holds " + data.length + " bytes for " + b.count() + " registers");
        }
        int[] w = new int[b.count()];
        for (int i = 0; i < w.length; i++) {
            w[i] = ((data[2 * i] & 0xFF) << 8) | (data[2 * i + 1] & 0xFF);
        }
        return w;
    }

    @Override
    public synchronized void close() {
        if (rtuOverTcp != null) {
            rtuOverTcp.close();
        }
        if (tcp != null) {
            tcp.close();
            tcp = null;
        }
        if (serial != null) {
            serial.close();
            serial = null;
        }
    }
}
