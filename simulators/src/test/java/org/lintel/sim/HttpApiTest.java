package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API: device listing, clock, ground truth, scenarios, and errors that name the request field. */
class HttpApiTest {

    private static SimHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = SimHarness.start(1e-6);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void devicesListsEveryDeviceWithItsEndpoint() throws Exception {
        JsonNode devices = h.get("/devices");
        assertEquals(12, devices.size());
        JsonNode meter = devices.get(0);
        assertEquals("b1-0101-em", meter.get("id").asText());
        assertEquals("modbus-tcp", meter.get("endpoint").get("transport").asText());
        assertEquals(15021 + h.offset, meter.get("endpoint").get("port").asInt());
        assertEquals(1, meter.get("endpoint").get("unitId").asInt());
        JsonNode lift = h.get("/devices").findParents("id").stream().filter(n -> n.get("id").asText().equals("b1-lift-1")).findFirst().orElseThrow();
        assertTrue(lift.get("endpoint").get("nodeIds").toString().contains("nsu=urn:lintel:lift;s=B1-L1.CarPosition"));
        JsonNode smoke = h.get("/devices").findParents("id").stream().filter(n -> n.get("id").asText().equals("b1-0101-smoke")).findFirst().orElseThrow();
        assertTrue(smoke.get("endpoint").get("dtls").asBoolean());
        assertTrue(smoke.get("endpoint").get("resources").toString().contains("/detectors/b1-0101/alarm"));
    }

    @Test
    void fastForwardingAMonthGivesAMonthOfUsageThatAddsUp() throws Exception {
        String from = h.get("/clock").get("now").asText();
        h.post("/clock", "{\"advance\":\"30d\"}");
        String to = Instant.parse(from).plusSeconds(30L * 86400).toString();
        JsonNode usage = h.get("/truth/b1-0201-em/usage?from=" + from + "&to=" + to + "&step=1d");
        assertEquals(30, usage.get("intervals").size());
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode i : usage.get("intervals")) {
            sum = sum.add(new BigDecimal(i.get("usage").asText()));
        }
        assertEquals(new BigDecimal(usage.get("total").asText()), sum);
        BigDecimal atFrom = new BigDecimal(h.get("/truth/b1-0201-em?at=" + from).get("counters").get(0).get("trueTotal").asText());
        BigDecimal atTo = new BigDecimal(h.get("/truth/b1-0201-em?at=" + to).get("counters").get(0).get("trueTotal").asText());
        assertEquals(atTo.subtract(atFrom), sum, "interval usages reconcile exactly with the counter totals");
        assertTrue(Instant.parse(to).isAfter(Instant.parse(from).plusSeconds(30L * 86400 - 1)));
    }

    @Test
    void aReadingRoundListsEveryBilledRegisterAtEachLocalMidnightThatHasPassed() throws Exception {
        h.post("/clock", "{\"advance\":\"3d\"}");
        java.time.Instant now = java.time.Instant.parse(h.get("/clock").get("now").asText());
        java.time.LocalDate today = now.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        HttpResponse<String> r = h.raw("GET", "/readings?from=" + today.minusDays(2) + "&to=" + today.plusDays(1), null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        java.util.List<String> lines = r.body().lines().toList();
        assertEquals("device,point,time,value", lines.get(0));
        java.util.List<String> meter = lines.stream().filter(l -> l.startsWith("b1-0101-em,energy.import.total,")).toList();
        assertEquals(3, meter.size(), "the days before today and today's midnight, not tomorrow's: " + meter);
        String[] last = meter.get(2).split(",");
        assertEquals(today.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString().replace("+08:00", "") + ":00+08:00",
                last[2]);
        JsonNode truth = h.get("/truth/b1-0101-em?at=" + today.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
        assertEquals(new BigDecimal(truth.get("counters").get(0).get("register").asText()), new BigDecimal(last[3]), "the register, as the display shows it");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("b1-0101-wm,volume.forward.total,")), "water meters too");
        assertEquals(400, h.raw("GET", "/readings?from=2026-11-01", null).statusCode());
        String banded = h.raw("GET", "/readings?from=" + today.minusDays(1) + "&to=" + today.minusDays(1) + "&times=07:00,00:00,23:00", null).body();
        assertEquals(List.of("T00:00:00+08:00", "T07:00:00+08:00", "T23:00:00+08:00"), banded.lines().filter(l -> l.startsWith("b1-0101-em,"))
                .map(l -> l.split(",")[2].substring(10)).toList(), "a time-of-use round: each band boundary of the day, in order");
        assertEquals(400, h.raw("GET", "/readings?from=2026-11-01&to=2026-11-02&times=7am", null).statusCode());
    }

    @Test
    void errorsNameTheFieldAndWhatWouldBeRight() throws Exception {
        HttpResponse<String> r = h.raw("POST", "/scenarios", "{\"type\":\"fire\"}");
        assertEquals(400, r.statusCode());
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("device", body.get("field").asText());
        r = h.raw("POST", "/scenarios", "{\"type\":\"earthquake\",\"device\":\"b1-f01-smoke\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("unknown scenario type 'earthquake'"), r.body());
        r = h.raw("POST", "/scenarios", "{\"type\":\"fire\",\"device\":\"b1-0101-em\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("needs point alarm.state, which profile eastron-sdm120 of device b1-0101-em does not have"), r.body());
        r = h.raw("POST", "/clock", "{\"advance\":\"soon\"}");
        assertEquals("advance", new ObjectMapper().readTree(r.body()).get("field").asText());
        r = h.raw("GET", "/truth/b1-0101-em/usage?from=yesterday", null);
        assertEquals("from", new ObjectMapper().readTree(r.body()).get("field").asText());
        assertEquals(404, h.raw("GET", "/devices/nope", null).statusCode());
        r = h.raw("POST", "/scenarios", "{\"type\":\"water-leak\",\"device\":\"b1-0101-wm\",\"params\":{\"litresPerHour\":\"lots\"}}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("parameter 'litresPerHour': expected a number, found 'lots'"), r.body());
    }

    @Test
    void scenariosAreListedWithTheirTimesAndEnd() throws Exception {
        String id = h.scenario("low-battery", "b1-f02-smoke", null);
        JsonNode s = h.get("/scenarios/" + id);
        assertEquals("low-battery", s.get("type").asText());
        assertTrue(s.get("ended").isNull());
        assertEquals(true, h.get("/devices/b1-f02-smoke").get("values").get("battery.low").get("value").asBoolean());
        JsonNode ended = h.delete("/scenarios/" + id);
        assertTrue(!ended.get("ended").isNull());
        assertTrue(h.get("/scenarios").get("types").has("passenger-trapped"));
    }
}
