package org.lintel.sim.modbus;

import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.lintel.site.Bus;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.Faults;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.stats.RequestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one simulated bus on one TCP port, framed as Modbus TCP (MBAP header) or as Modbus RTU over TCP (RTU
 * frames with CRC, answered no faster than the bus's baud rate allows). Faults come from the addressed device.
 */
public final class ModbusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusServer.class);
    /** Modbus exception 0x0B: gateway target device failed to respond (a converter's answer for an absent unit). */
    private static final int GATEWAY_TARGET_FAILED = 0x0B;

    private final SimBus bus;
    private final SimClock clock;
    private final RequestStats stats;
    private final boolean rtu;
    private final String protocol;
    private final ServerSocket server;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public ModbusServer(SimBus bus, InetAddress bind, int port, SimClock clock, RequestStats stats) throws IOException {
        this.bus = bus;
        this.clock = clock;
        this.stats = stats;
        this.rtu = bus.bus().transport() instanceof Bus.RtuOverTcp;
        this.protocol = rtu ? "modbus-rtu-over-tcp" : "modbus-tcp";
        this.server = new ServerSocket(port, 50, bind);
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "modbus-" + bus.bus().id());
            t.setDaemon(true);
            return t;
        });
        connections.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                connections.submit(() -> serve(s));
            } catch (IOException e) {
                if (running) {
                    LOG.warn("event=accept-failed bus={} reason=\"{}\"", bus.bus().id(), e.getMessage());
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (running) {
                if (rtu) {
                    rtuRequest(in, out);
                } else {
                    tcpRequest(new DataInputStream(in), out);
                }
            }
        } catch (EOFException | SocketException e) {
            // client closed the connection: normal
        } catch (IOException e) {
            LOG.info("event=connection-ended bus={} peer={} reason=\"{}\"", bus.bus().id(), s.getRemoteSocketAddress(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("event=request-failed bus={} reason=\"{}\"", bus.bus().id(), e.toString());
        } finally {
            open.remove(s);
        }
    }

    private void tcpRequest(DataInputStream in, OutputStream out) throws IOException {
        int tid = in.readUnsignedShort();
        int pid = in.readUnsignedShort();
        int len = in.readUnsignedShort();
        int unit = in.readUnsignedByte();
        if (len < 2 || len > 254) {
            throw new IOException("bad MBAP length " + len);
        }
        byte[] pdu = new byte[len - 1];
        in.readFully(pdu);
        byte[] answer;
        bus.line().lock();
        try {
            long t0 = System.nanoTime();
            SimDevice device = bus.device(unit);
            if (device == null) {
                answer = PduHandler.exception(pdu[0] & 0xFF, GATEWAY_TARGET_FAILED);
                stats.failed(protocol);
            } else {
                Faults f = device.faults();
                if (f.silent()) {
                    stats.unanswered(protocol);
                    return;
                }
                answer = respond(device, unit, pdu, f);
                record(answer, t0);
                pause(f.delayMillis());
            }
        } finally {
            bus.line().unlock();
        }
        byte[] frame = new byte[7 + answer.length];
        frame[0] = (byte) (tid >> 8);
        frame[1] = (byte) tid;
        frame[2] = (byte) (pid >> 8);
        frame[3] = (byte) pid;
        frame[4] = (byte) ((answer.length + 1) >> 8);
        frame[5] = (byte) (answer.length + 1);
        frame[6] = (byte) unit;
        System.arraycopy(answer, 0, frame, 7, answer.length);
        out.write(frame);
        out.flush();
    }

    private byte[] respond(SimDevice device, int unit, byte[] pdu, Faults f) throws IOException {
        if (f.exceptionCode() != 0) {
            return PduHandler.exception(pdu[0] & 0xFF, f.exceptionCode());
        }
        return PduHandler.answer(device, bus.tables(unit), pdu, clock.now());
    }

    private void record(byte[] answer, long t0) {
        if ((answer[0] & 0x80) != 0) {
            stats.failed(protocol);
        } else {
            stats.answered(protocol, System.nanoTime() - t0);
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads one RTU frame: its length follows from the function code (the stream has no inter-frame silence). */
    private static byte[] readRtuFrame(InputStream in) throws IOException {
        int unit = in.read();
        int fc = in.read();
        if (unit < 0 || fc < 0) {
            throw new EOFException();
        }
        int rest;
        byte[] head;
        if (fc >= 1 && fc <= 6) {
            rest = 4 + 2;
            head = new byte[0];
        } else if (fc == 15 || fc == 16) {
            head = in.readNBytes(5);
            if (head.length < 5) {
                throw new EOFException();
            }
            rest = (head[4] & 0xFF) + 2;
        } else {
            // Unknown function: take what has arrived (no length rule); the CRC check decides.
            head = new byte[0];
            rest = Math.max(2, in.available());
        }
        byte[] tail = in.readNBytes(rest);
        if (tail.length < rest) {
            throw new EOFException();
        }
        byte[] frame = new byte[2 + head.length + tail.length];
        frame[0] = (byte) unit;
        frame[1] = (byte) fc;
        System.arraycopy(head, 0, frame, 2, head.length);
        System.arraycopy(tail, 0, frame, 2 + head.length, tail.length);
        return frame;
    }

    static boolean crcOk(byte[] frame) {
        int[] crc = ModbusUtil.calculateCRC(frame, 0, frame.length - 2);
        return (frame[frame.length - 2] & 0xFF) == crc[0] && (frame[frame.length - 1] & 0xFF) == crc[1];
    }

    private void rtuRequest(InputStream in, OutputStream out) throws IOException {
        byte[] frame = readRtuFrame(in);
        long received = System.nanoTime();
        Bus.RtuOverTcp line = (Bus.RtuOverTcp) bus.bus().transport();
        double charNanos = 1e9 * (line.parity() == Bus.Parity.NONE ? 10 : 11) / line.baud();
        if (!crcOk(frame)) {
            stats.unanswered(protocol); // a real slave discards a frame with a bad CRC
            return;
        }
        int unit = frame[0] & 0xFF;
        SimDevice device = bus.device(unit);
        if (unit == 0 || device == null) {
            stats.unanswered(protocol); // broadcast, or nobody at that address on the line
            return;
        }
        byte[] pdu = new byte[frame.length - 3];
        System.arraycopy(frame, 1, pdu, 0, pdu.length);
        byte[] reply;
        bus.line().lock();
        try {
            long t0 = System.nanoTime();
            Faults f = device.faults();
            if (f.silent()) {
                stats.unanswered(protocol);
                return;
            }
            byte[] answer = respond(device, unit, pdu, f);
            record(answer, t0);
            reply = new byte[answer.length + 3];
            reply[0] = (byte) unit;
            System.arraycopy(answer, 0, reply, 1, answer.length);
            int[] crc = ModbusUtil.calculateCRC(reply, 0, reply.length - 2);
            reply[reply.length - 2] = (byte) crc[0];
            reply[reply.length - 1] = (byte) (f.corruptCrc() ? crc[1] ^ 0x5A : crc[1]);
            // The line carries the request, a 3.5-character silence, the reply and another silence: no faster.
            long wire = (long) ((frame.length + reply.length + 7) * charNanos);
            long wait = wire - (System.nanoTime() - received);
            if (wait > 0) {
                pause(wait / 1_000_000);
                long rem = (wait % 1_000_000);
                if (rem > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(rem);
                }
            }
            pause(f.delayMillis());
        } finally {
            bus.line().unlock();
        }
        out.write(reply);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdownNow();
    }
}
