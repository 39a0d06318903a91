package org.lintel.sim.scenario;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every scenario started and ended, one JSON line each ({@code scenarios.jsonl} in the data folder), so that a
 * restarted simulation resumes its time line with them: a leak's litres stay on the meter, a replaced meter stays
 * replaced, a fire still burns. Written before the scenario is answered (a failed write is logged, the scenario runs);
 * a half-written last line (a crash) is skipped.
 */
public final class ScenarioJournal {

    public static final String NAME = "scenarios.jsonl";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScenarioJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: a start (with type, device and parameters) or a stop, at a simulated instant. */
    public record Entry(String op, String id, String type, String device, Map<String, String> params, Instant at) {
    }

    private final Path file;

    private ScenarioJournal(Path file) {
        this.file = file;
    }

    /** The journal in {@code dir}; none is written when {@code dir} is null. */
    public static ScenarioJournal in(Path dir) {
        return new ScenarioJournal(dir == null ? null : dir.resolve(NAME));
    }

    /** Forgets every scenario: a new simulated time line starts without them. */
    public void clear() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** What the journal holds, oldest first. */
    public List<Entry> read() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (file == null || !Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> m = JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
                @SuppressWarnings("unchecked")
                Map<String, String> params = m.get("params") == null ? Map.of() : (Map<String, String>) m.get("params");
                out.add(new Entry((String) m.get("op"), (String) m.get("id"), (String) m.get("type"), (String) m.get("device"), params,
                        Instant.parse((String) m.get("at"))));
            } catch (IOException | RuntimeException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + " line " + (i + 1) + " is damaged (" + e.getMessage() + "); delete the file to forget every scenario", e);
                }
                // the last line half written by a crash: that scenario was never answered
            }
        }
        return out;
    }

    void started(Scenario s) {
        append(new Entry("start", s.id(), s.type(), s.device(), s.params(), s.started()));
    }

    void stopped(Scenario s) {
        append(new Entry("stop", s.id(), null, null, null, s.ended()));
    }

    private void append(Entry e) {
        if (file == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", e.op());
        m.put("id", e.id());
        if (e.type() != null) {
            m.put("type", e.type());
            m.put("device", e.device());
            m.put("params", e.params());
        }
        m.put("at", e.at().toString());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException ex) {
            // the scenario is applied and runs; only a restart would not bring it back: said, not thrown at the caller
            LOG.warn("event=scenario-journal-write-failed file={} scenario={} reason=\"{}\"", file, e.id(), ex.getMessage());
        }
    }
}
