package org.lintel.edge.forward;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** Compact binary form of a buffered batch (no reflection, no schema lookups: this is on every reading's path). */
final class RecordCodec {

    private static final int VERSION = 1;

    private RecordCodec() {
    }

    /**
     * @param precious per reading: true for counters and state changes, which the drop policy keeps longest; null
     *                 means all are precious
     */
    static byte[] encode(String deviceId, boolean historical, List<Reading> readings, boolean[] precious) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + readings.size() * 48);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(deviceId);
            out.writeBoolean(historical);
            out.writeShort(readings.size());
            for (int i = 0; i < readings.size(); i++) {
                Reading r = readings.get(i);
                out.writeBoolean(precious == null || precious[i]);
                out.writeUTF(r.point());
                Value v = r.value();
                if (v == null) {
                    out.writeByte(0);
                } else if (v instanceof Value.Numeric n) {
                    out.writeByte(1);
                    out.writeDouble(n.value());
                } else if (v instanceof Value.Flag f) {
                    out.writeByte(2);
                    out.writeBoolean(f.value());
                } else if (v instanceof Value.State s) {
                    out.writeByte(3);
                    out.writeUTF(s.name());
                    out.writeUTF(s.raw() == null ? "" : s.raw());
                } else {
                    out.writeByte(4);
                    out.writeUTF(((Value.Text) v).value());
                }
                out.writeUTF(r.unit() == null ? "" : r.unit());
                out.writeByte(r.quality().level().ordinal());
                out.writeByte(r.quality().reason().ordinal());
                out.writeUTF(r.quality().detail() == null ? "" : r.quality().detail());
                writeInstant(out, r.sourceTime());
                writeInstant(out, r.gatewayTime());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    static BufferedBatch decode(long sequence, byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("unknown record version " + version);
        }
        String device = in.readUTF();
        boolean historical = in.readBoolean();
        int n = in.readUnsignedShort();
        List<Reading> readings = new ArrayList<>(n);
        boolean[] precious = new boolean[n];
        for (int i = 0; i < n; i++) {
            precious[i] = in.readBoolean();
            String point = in.readUTF();
            int kind = in.readUnsignedByte();
            Value v = switch (kind) {
                case 0 -> null;
                case 1 -> new Value.Numeric(in.readDouble());
                case 2 -> new Value.Flag(in.readBoolean());
                case 3 -> {
                    String name = in.readUTF();
                    String raw = in.readUTF();
                    yield new Value.State(name, raw.isEmpty() ? null : raw);
                }
                default -> new Value.Text(in.readUTF());
            };
            String unit = in.readUTF();
            QualityLevel level = QualityLevel.values()[in.readUnsignedByte()];
            QualityReason reason = QualityReason.values()[in.readUnsignedByte()];
            String detail = in.readUTF();
            Instant source = readInstant(in);
            Instant gateway = readInstant(in);
            readings.add(new Reading(device, point, v, unit.isEmpty() ? null : unit,
                    new Quality(level, reason, detail.isEmpty() ? null : detail), source, gateway));
        }
        return new BufferedBatch(sequence, device, historical, readings, precious);
    }
}
