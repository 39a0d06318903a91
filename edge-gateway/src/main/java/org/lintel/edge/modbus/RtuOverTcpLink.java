package org.lintel.edge.modbus;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Modbus RTU frames over a TCP connection (a transparent serial server), with the answer's CRC verified. j2mod 3.2.1's
 * RTU-over-TCP master does not check the CRC of answers, which would let a corrupted frame through as good data, so
 * this one frame is read and checked here. Any timeout or bad frame closes the connection, so that a late or partial
 * answer can never be taken for the next one.
 */
final class RtuOverTcpLink implements AutoCloseable {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    RtuOverTcpLink(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    private void connect() throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            socket = s;
            in = new DataInputStream(s.getInputStream());
            out = s.getOutputStream();
        }
    }

    /** Sends a read request (functions 1–4) and returns the answer's data bytes after the byte count. */
    byte[] read(int unit, int function, int start, int count) throws Exception {
        byte[] req = {(byte) unit, (byte) function, (byte) (start >> 8), (byte) start, (byte) (count >> 8), (byte) count, 0, 0};
        int[] crc = ModbusUtil.calculateCRC(req, 0, 6);
        req[6] = (byte) crc[0];
        req[7] = (byte) crc[1];
        try {
            connect();
            out.write(req);
            out.flush();
            int u = in.readUnsignedByte();
            int fc = in.readUnsignedByte();
            if ((fc & 0x80) != 0) {
                int code = in.readUnsignedByte();
                check(new byte[] {(byte) u, (byte) fc, (byte) code});
                throw new ModbusSlaveException(code);
            }
            int n = in.readUnsignedByte();
            byte[] frame = new byte[3 + n];
            frame[0] = (byte) u;
            frame[1] = (byte) fc;
            frame[2] = (byte) n;
            in.readFully(frame, 3, n);
            check(frame);
            if (u != unit || fc != function) {
                close();
                throw new ModbusIOException("answer from unit " + u + " function " + fc + " to a request to unit " + unit + " function " + function);
            }
            byte[] data = new byte[n];
            System.arraycopy(frame, 3, data, 0, n);
            return data;
        } catch (ModbusSlaveException e) {
            throw e;
        } catch (EOFException e) {
            close();
            throw new ModbusIOException("connection closed by the serial server");
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Reads the two CRC bytes that follow {@code frame} and compares them with the frame's CRC. */
    private void check(byte[] frame) throws IOException, ModbusIOException {
        int lo = in.readUnsignedByte();
        int hi = in.readUnsignedByte();
        int[] crc = ModbusUtil.calculateCRC(frame, 0, frame.length);
        if (lo != crc[0] || hi != crc[1]) {
            close();
            throw new ModbusIOException(String.format("CRC error in the answer: got %02X %02X, expected %02X %02X", lo, hi, crc[0], crc[1]));
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
