package org.lintel.edge.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** The JSON lines the launcher prints: one reading per line, place and measurement unit kept apart. */
class JsonLinesSinkTest {

    @Test
    void aMeterReadingNamesTheUnitItServesAndItsMeasurementUnitSeparately() throws Exception {
        DeviceContext ctx = new DeviceContext("lintel-garden", "gw-b1", null, null, "b1", 11, "b1-1101", null);
        Instant t = Instant.parse("2026-11-22T02:00:00Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLinesSink(new PrintStream(out, true, StandardCharsets.UTF_8)).accept(new ReadingBatch("b1-1101-em", ctx, List.of(
                new Reading("b1-1101-em", "energy.import.total", new Value.Numeric(5416.25), "kWh", Quality.GOOD, t, t),
                Reading.failed("b1-1101-em", "voltage", "V", Quality.bad(QualityReason.TIMEOUT, "no answer within the bus timeout"), t))));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        JsonNode good = new ObjectMapper().readTree(lines[0]);
        assertEquals("b1-1101", good.get("servesUnit").asText());
        assertEquals("kWh", good.get("unit").asText());
        assertEquals(5416.25, good.get("value").asDouble());
        JsonNode bad = new ObjectMapper().readTree(lines[1]);
        assertEquals("bad", bad.get("quality").asText());
        assertEquals("timeout", bad.get("reason").asText());
        assertEquals("no answer within the bus timeout", bad.get("detail").asText());
        assertEquals(true, bad.get("value").isNull());
    }
}
