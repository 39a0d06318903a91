package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.reading.RawValue;

/**
 * Modbus RTU over TCP: mbpoll in RTU mode talks to a pseudo-terminal that socat bridges to the simulator's TCP port,
 * so real RTU framing and CRCs cross the wire. The line is never faster than its baud rate allows.
 */
class RtuOverTcpTest {

    private static SimHarness h;
    private static Process socat;
    private static Path tty;

    @BeforeAll
    static void start() throws Exception {
        h = SimHarness.start(1e-6);
        tty = Files.createTempDirectory("lintel-rtu").resolve("tty");
        socat = new ProcessBuilder("socat", "pty,link=" + tty + ",raw,echo=0", "tcp:127.0.0.1:" + (15025 + h.offset))
                .redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !Files.exists(tty); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(tty), "socat created the pseudo-terminal");
    }

    @AfterAll
    static void stop() {
        socat.destroy();
        h.close();
    }

    private static SimHarness.Run rtu(String unit, String... args) throws Exception {
        String[] cmd = new String[12 + args.length];
        String[] head = {"mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-a", unit, "-1", "-o", "1"};
        System.arraycopy(head, 0, cmd, 0, head.length);
        System.arraycopy(args, 0, cmd, head.length, args.length);
        String[] full = java.util.Arrays.copyOf(cmd, cmd.length + 1);
        full[full.length - 1] = tty.toString();
        return SimHarness.run(20, full);
    }

    private static Point point(String device, String name) {
        return h.sim.device(device).orElseThrow().profile().point(name).orElseThrow();
    }

    @Test
    void mbpollInRtuModeReadsTheWaterMetersLittleEndianVolume() throws Exception {
        SimHarness.Run r = rtu("1", "-t", "4:hex", "-r", "2", "-c", "2");
        double volume = ((RawValue.Floating) RegisterCodec.decode(point("b1-0101-wm", "volume.forward.total"), Mbpoll.words(r))).value();
        BigDecimal truth = new BigDecimal(h.get("/truth/b1-0101-wm").get("counters").get(0).get("register").asText());
        assertEquals((float) truth.doubleValue(), (float) volume);
    }

    @Test
    void aLeakShowsAsConstantFlowAtNight() throws Exception {
        String id = h.scenario("water-leak", "b1-0102-wm", "{\"litresPerHour\":\"60\"}");
        // Start is 08:00 in Shanghai; move to 02:00 the next night, when households draw almost nothing.
        h.post("/clock", "{\"advance\":\"18h\"}");
        String from = h.get("/clock").get("now").asText();
        h.post("/clock", "{\"advance\":\"2h\"}");
        String to = h.get("/clock").get("now").asText();
        for (int i = 0; i < 3; i++) {
            SimHarness.Run r = rtu("2", "-t", "4:hex", "-r", "6", "-c", "2");
            double flow = ((RawValue.Floating) RegisterCodec.decode(point("b1-0102-wm", "flow.rate"), Mbpoll.words(r))).value();
            assertTrue(flow >= 0.059, "night flow with a 60 L/h leak is at least 0.060 m³/h, read " + flow);
            h.post("/clock", "{\"advance\":\"7m\"}");
        }
        BigDecimal night = new BigDecimal(h.get("/truth/b1-0102-wm/usage?from=" + from + "&to=" + to + "&step=1h").get("total").asText());
        assertTrue(night.compareTo(new BigDecimal("0.119")) >= 0, "two night hours of a 60 L/h leak use at least 120 L, truth says " + night);
        h.delete("/scenarios/" + id);
    }

    @Test
    void aLowBatterySetsBitThreeOfTheValveStatusWord() throws Exception {
        String id = h.scenario("low-battery", "b1-0101-wm", null);
        try {
            int status = Mbpoll.words(rtu("1", "-t", "4:hex", "-r", "29", "-c", "1"))[0];
            assertEquals(0x0009, status, "valve open (bit 0) and battery low (bit 3)");
        } finally {
            h.delete("/scenarios/" + id);
        }
        assertEquals(0x0001, Mbpoll.words(rtu("1", "-t", "4:hex", "-r", "29", "-c", "1"))[0]);
    }

    @Test
    void aCorruptedCrcIsRejectedByTheClient() throws Exception {
        String id = h.scenario("corrupt-crc", "tank", null);
        try {
            SimHarness.Run r = rtu("9", "-t", "4:hex", "-r", "5", "-c", "1");
            assertNotEquals(0, r.exit());
            assertTrue(r.output().toLowerCase().contains("crc"), r.output());
        } finally {
            h.delete("/scenarios/" + id);
        }
        int level = Mbpoll.words(rtu("9", "-t", "4:hex", "-r", "5", "-c", "1"))[0];
        assertTrue(level > 1000 && level < 5000, "tank level in mm of water column, read " + level);
    }

    @Test
    void theLineIsNeverFasterThanItsBaudRate() throws Exception {
        // read 2 holding registers at 0x0005 from unit 1: request 8 bytes, answer 9 bytes, plus two 3.5-character gaps
        byte[] req = {1, 3, 0, 5, 0, 2, 0, 0};
        int[] crc = ModbusUtil.calculateCRC(req, 0, 6);
        req[6] = (byte) crc[0];
        req[7] = (byte) crc[1];
        long wireNanos = (long) ((8 + 9 + 7) * 10 * 1e9 / 9600);
        try (Socket s = new Socket("127.0.0.1", 15025 + h.offset)) {
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                out.write(req);
                out.flush();
                byte[] answer = new byte[9];
                in.readFully(answer);
                long took = System.nanoTime() - t0;
                assertEquals(3, answer[1]);
                assertTrue(took >= wireNanos, "answered in " + took / 1000 + " µs, faster than 9600 baud allows (" + wireNanos / 1000 + " µs)");
            }
        }
    }
}
