package org.lintel.hub.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lintel.hub.Await;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.site.Device;
import org.lintel.site.PropertyUnit;
import org.lintel.site.Site;

/**
 * The rollups against the simulators' ground truth: a day and a half of five-minute readings of energy-day.yaml's
 * meters, worked out by the simulators' meter models (flats, lifts, incomers over them with their wiring losses, a
 * leaking flat), sent over Sparkplug like a gateway's. Half-way the hub stops with readings stored but not yet rolled
 * up, and starts again; a flat's meter is silent for two and a half hours; a reading arrives late. Every unit's,
 * floor's, building's, category's and the site's use of the day equals what the meters really counted, hour by hour.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnergyRollupTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String SITE = EnergyDayMeters.SITE;
    /** The day compared: two days ago, so that its readings are recent history to the hub. */
    static final LocalDate DAY = LocalDate.now(SHANGHAI).minusDays(2);
    static final Instant FIRST = DAY.minusDays(1).atTime(4, 0).atZone(SHANGHAI).toInstant();
    static final Instant LAST = DAY.plusDays(1).atTime(0, 30).atZone(SHANGHAI).toInstant();
    static final Instant RESTART = DAY.atTime(8, 0).atZone(SHANGHAI).toInstant();
    /** b1-0101-em says nothing in between: hours 10 to 12 are estimated. */
    static final Instant SILENT_FROM = DAY.atTime(10, 2).atZone(SHANGHAI).toInstant();
    static final Instant SILENT_TO = DAY.atTime(12, 38).atZone(SHANGHAI).toInstant();
    static final String LEAKING = EnergyDayMeters.LEAKING;

    static EnergyDayMeters meters;
    static Site site;
    static Path data;
    static String db;
    static Hub hub;

    @BeforeAll
    static void start() throws Exception {
        meters = EnergyDayMeters.since(FIRST.minus(Duration.ofDays(2)));
        site = meters.site;
        data = TestFolders.passable("hub-energy-day");
        db = TestPostgres.newDatabaseUrl();
        hub = startHub();
        HttpResponse<String> r = send("POST", "/api/v1/sites?name=energy-day.yaml", Files.readString(TestFolders.site("energy-day.yaml")));
        assertEquals(201, r.statusCode(), r.body());
    }

    static Hub startHub() {
        return Hub.start(HubConfig.embedded(data, 0, 0, 0).withPostgres(db, TestPostgres.USER, TestPostgres.password())
                .withAdminToken("energy-day-admin").withAdminPassword("Energy-day-pass1"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer energy-day-admin")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static BigDecimal counted(String device, Instant from, Instant to) {
        return meters.counted(device, from, to);
    }

    static BigDecimal counted(Predicate<Device> which, Instant from, Instant to) {
        return meters.counted(which, from, to);
    }

    static boolean water(Device d) {
        return EnergyDayMeters.water(d);
    }

    /** Five-minute readings of every meter in [from, to); b1-0101-em silent for a while. */
    static void readings(Instant from, Instant to) throws Exception {
        meters.send(hub, from, to, Duration.ofMinutes(5), (device, t) -> device.equals("b1-0101-em") && t.isAfter(SILENT_FROM) && t.isBefore(SILENT_TO));
    }

    /** Waits until every meter's rollup over [FIRST, to) is what it counted from its first to its last reading before {@code to}. */
    static void awaitRolledUp(Instant to) {
        long steps = (Duration.between(FIRST, to).toMillis() - 1) / Duration.ofMinutes(5).toMillis();
        Instant lastReading = FIRST.plus(Duration.ofMinutes(5).multipliedBy(steps));
        Await.until("every meter's rollup up to " + lastReading, Duration.ofSeconds(60), () -> {
            try {
                for (String medium : List.of("electricity", "water")) {
                    JsonNode use = get("/api/v1/sites/" + SITE + "/energy/use?medium=" + medium + "&by=meter&interval=hour&from=" + FIRST + "&to=" + LAST);
                    for (JsonNode s : use.get("series")) {
                        if (new BigDecimal(s.get("total").asText()).compareTo(counted(s.get("key").asText(), FIRST, lastReading)) != 0) {
                            return false;
                        }
                    }
                }
                return true;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(1)
    void readingsStoredBeforeAStopAreRolledUpAfterTheStart() throws Exception {
        readings(FIRST, RESTART);
        // stopped at once: what was stored but not yet rolled up is read from the time series at the next start
        hub.close();
        hub = startHub();
        awaitRolledUp(RESTART);
        readings(RESTART, LAST);
        awaitRolledUp(LAST);
    }

    static JsonNode use(String medium, String by, String interval) throws Exception {
        return get("/api/v1/sites/" + SITE + "/energy/use?medium=" + medium + "&by=" + by + "&interval=" + interval + "&from=" + DAY + "&to=" + DAY.plusDays(1));
    }

    static Map<String, JsonNode> byKey(JsonNode answer) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        answer.get("series").forEach(s -> out.put(s.get("key").asText(), s));
        return out;
    }

    static Instant dayStart() {
        return DAY.atStartOfDay(SHANGHAI).toInstant();
    }

    static Instant dayEnd() {
        return DAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
    }

    @Test
    @Order(2)
    void everyUnitsFloorsBuildingsAndTheSitesUseOfTheDayIsWhatTheMetersCounted() throws Exception {
        for (String medium : List.of("electricity", "water")) {
            Predicate<Device> ofMedium = d -> water(d) == medium.equals("water");
            Map<String, JsonNode> units = byKey(use(medium, "unit", "day"));
            assertEquals(8, units.size(), medium + ": " + units.keySet());
            for (PropertyUnit u : site.units().toList()) {
                BigDecimal truth = counted(d -> ofMedium.test(d) && u.id().equals(d.serves().unit()), dayStart(), dayEnd());
                JsonNode s = units.get(u.id());
                assertEquals(0, new BigDecimal(s.get("total").asText()).compareTo(truth), medium + " " + u.id() + ": " + s + ", the meters counted " + truth);
                assertTrue(truth.signum() > 0, u.id() + " used " + medium + " in a day");
                assertEquals(1, s.get("buckets").size());
                assertEquals(DAY.toString(), s.get("buckets").get(0).get("start").asText());
                assertEquals(0, new BigDecimal(s.get("perSquareMetre").asText())
                        .compareTo(truth.divide(u.area(), 3, RoundingMode.HALF_UP)), u.id() + " per m²: " + s);
            }
            Map<String, JsonNode> floors = byKey(use(medium, "floor", "day"));
            assertEquals(List.of("b1/1", "b1/2", "b2/1", "b2/2"), List.copyOf(floors.keySet()));
            for (Map.Entry<String, JsonNode> f : floors.entrySet()) {
                String b = f.getKey().substring(0, 2);
                int level = Integer.parseInt(f.getKey().substring(3));
                BigDecimal truth = counted(d -> ofMedium.test(d) && d.serves().unit() != null && d.location().building().equals(b)
                        && d.location().floor() == level, dayStart(), dayEnd());
                assertEquals(0, new BigDecimal(f.getValue().get("total").asText()).compareTo(truth), medium + " floor " + f.getKey() + ": " + f.getValue());
            }
            Map<String, JsonNode> buildings = byKey(use(medium, "building", "day"));
            for (String b : List.of("b1", "b2")) {
                // electricity: the incomer, which also measured the lifts and its wiring losses; water: the flats' meters
                BigDecimal truth = medium.equals("electricity") ? counted(b + "-main-em", dayStart(), dayEnd())
                        : counted(d -> water(d) && d.location().building().equals(b), dayStart(), dayEnd());
                assertEquals(0, new BigDecimal(buildings.get(b).get("total").asText()).compareTo(truth), medium + " " + b + ": " + buildings.get(b));
            }
            JsonNode wholeSite = byKey(use(medium, "site", "day")).get(SITE);
            BigDecimal truth = medium.equals("electricity")
                    ? counted("b1-main-em", dayStart(), dayEnd()).add(counted("b2-main-em", dayStart(), dayEnd())).add(counted("pump-room-em", dayStart(), dayEnd()))
                    : counted(EnergyRollupTest::water, dayStart(), dayEnd());
            assertEquals(0, new BigDecimal(wholeSite.get("total").asText()).compareTo(truth), medium + " site: " + wholeSite);
        }
    }

    @Test
    @Order(2)
    void everyUnitsDayDownloadsAsAWorkbookWithTheSameFigures() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/" + SITE
                + "/energy/use?medium=water&by=unit&interval=day&format=xlsx&from=" + DAY + "&to=" + DAY.plusDays(1)))
                .header("Authorization", "Bearer energy-day-admin").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-disposition").orElse("").contains("energy-water-energy-day-by-unit-"), r.headers().toString());
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
            assertEquals(DAY + " (m³)", sheet.getRow(0).getCell(4).getStringCellValue());
            // largest first: the leaking flat used the most water
            assertEquals(LEAKING.replace("-wm", ""), sheet.getRow(1).getCell(0).getStringCellValue());
            for (int i = 1; i <= 8; i++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(i);
                String unit = row.getCell(0).getStringCellValue();
                BigDecimal truth = counted(d -> water(d) && unit.equals(d.serves().unit()), dayStart(), dayEnd());
                assertEquals(truth.doubleValue(), row.getCell(4).getNumericCellValue(), 1e-9, unit);
                assertEquals(truth.doubleValue(), row.getCell(5).getNumericCellValue(), 1e-9, unit + " total");
            }
        }
    }

    @Test
    @Order(3)
    void aVirtualMetersHoursAreItsMembersAddedAndSubtractedHourByHour() throws Exception {
        Map<String, JsonNode> meters = byKey(use("electricity", "meter", "hour"));
        JsonNode common = meters.get("b1-common-em");
        assertEquals("1号楼公共用电及损耗", common.get("virtual").get("name").get("zh").asText());
        assertEquals("[\"b1-main-em\"]", common.get("virtual").get("plus").toString());
        assertEquals("[\"b1-0101-em\",\"b1-0102-em\",\"b1-0201-em\",\"b1-0202-em\",\"b1-lifts-em\"]", common.get("virtual").get("minus").toString());
        assertEquals("b1", common.get("building").asText());
        BigDecimal day = counted("b1-common-em", DAY.atStartOfDay(SHANGHAI).toInstant(), DAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
        assertEquals(0, new BigDecimal(common.get("total").asText()).compareTo(day), "the day: " + common.get("total") + " against " + day);
        for (JsonNode b : common.get("buckets")) {
            if (b.get("estimated").asBoolean()) {
                continue; // b1-0101-em's silent hours are interpolated, so they differ from the hour it really drew; the day does not
            }
            Instant from = Instant.parse(b.get("start").asText());
            BigDecimal truth = counted("b1-main-em", from, from.plus(Duration.ofHours(1)));
            for (String sub : List.of("b1-0101-em", "b1-0102-em", "b1-0201-em", "b1-0202-em", "b1-lifts-em")) {
                truth = truth.subtract(counted(sub, from, from.plus(Duration.ofHours(1))));
            }
            assertEquals(0, new BigDecimal(b.get("usage").asText()).compareTo(truth), "hour " + from + ": " + b);
        }
        assertTrue(new BigDecimal(common.get("total").asText()).signum() > 0, "the wiring's losses at least: " + common);
        assertFalse(meters.get("b1-main-em").has("virtual"), "a meter read is not virtual");
        // water's virtual meter answers only for water, and within its building
        assertTrue(byKey(use("water", "meter", "day")).containsKey("b2-flats-wm"));
        assertFalse(meters.containsKey("b2-flats-wm"));
        JsonNode b1Water = get("/api/v1/sites/" + SITE + "/energy/use?medium=water&by=meter&interval=total&building=b1&from=" + DAY + "&to=" + DAY.plusDays(1));
        assertFalse(byKey(b1Water).containsKey("b2-flats-wm"), b1Water.toString());
    }

    @Test
    @Order(3)
    void aFlatsHoursAreWhatItsMeterCountedHourByHour() throws Exception {
        JsonNode hours = byKey(use("electricity", "unit", "hour")).get("b1-0201");
        assertEquals(24, hours.get("buckets").size(), hours.toString());
        for (int h = 0; h < 24; h++) {
            JsonNode b = hours.get("buckets").get(h);
            Instant from = DAY.atTime(h, 0).atZone(SHANGHAI).toInstant();
            assertEquals(from.toString(), b.get("start").asText());
            assertEquals(0, new BigDecimal(b.get("usage").asText()).compareTo(counted("b1-0201-em", from, from.plus(Duration.ofHours(1)))), "hour " + h + ": " + b);
            assertFalse(b.get("estimated").asBoolean(), "measured at both ends: " + b);
        }
        assertFalse(hours.get("estimated").asBoolean());
    }

    @Test
    @Order(4)
    void hoursOfASilentMeterAreEstimatedAndItsDayStillAddsUp() throws Exception {
        JsonNode s = byKey(use("electricity", "meter", "hour")).get("b1-0101-em");
        for (JsonNode b : s.get("buckets")) {
            int hour = Instant.parse(b.get("start").asText()).atZone(SHANGHAI).getHour();
            assertEquals(hour >= 10 && hour <= 12, b.get("estimated").asBoolean(), "hour " + hour + ": " + b);
        }
        assertEquals(0, new BigDecimal(s.get("total").asText()).compareTo(counted("b1-0101-em", dayStart(), dayEnd())), s.toString());
        JsonNode day = byKey(use("electricity", "unit", "day")).get("b1-0101");
        assertTrue(day.get("estimated").asBoolean(), "a day with estimated hours says so: " + day);
    }

    @Test
    @Order(5)
    void categoriesCountTheBottomMetersAndTheRestOfTheIncomersIsUnmetered() throws Exception {
        Map<String, JsonNode> c = byKey(use("electricity", "category", "day"));
        Instant f = dayStart();
        Instant t = dayEnd();
        BigDecimal flatsB1 = counted(d -> !water(d) && d.serves().unit() != null && d.location().building().equals("b1"), f, t);
        BigDecimal flatsB2 = counted(d -> !water(d) && d.serves().unit() != null && d.location().building().equals("b2"), f, t);
        BigDecimal power = counted("b1-lifts-em", f, t).add(counted("b2-lifts-em", f, t)).add(counted("pump-room-em", f, t));
        BigDecimal unmetered = counted("b1-main-em", f, t).add(counted("b2-main-em", f, t)).subtract(flatsB1).subtract(flatsB2)
                .subtract(counted("b1-lifts-em", f, t)).subtract(counted("b2-lifts-em", f, t));
        assertEquals(0, new BigDecimal(c.get("lighting-sockets").get("total").asText()).compareTo(flatsB1), c.toString());
        assertEquals(0, new BigDecimal(c.get("uncategorised").get("total").asText()).compareTo(flatsB2), c.toString());
        assertEquals(0, new BigDecimal(c.get("power").get("total").asText()).compareTo(power), c.toString());
        assertEquals(0, new BigDecimal(c.get("unmetered").get("total").asText()).compareTo(unmetered), c.toString());
        assertTrue(unmetered.signum() > 0, "the incomers' wiring losses: " + unmetered);
    }

    @Test
    @Order(6)
    void theDaysCo2IsTheSitesElectricityTimesItsGridsFactorNamedWithItsYear() throws Exception {
        JsonNode c = get("/api/v1/sites/" + SITE + "/energy/carbon?from=" + DAY + "&to=" + DAY.plusDays(1));
        BigDecimal kwh = counted("b1-main-em", dayStart(), dayEnd()).add(counted("b2-main-em", dayStart(), dayEnd())).add(counted("pump-room-em", dayStart(), dayEnd()));
        assertEquals(0, new BigDecimal(c.get("kwh").asText()).compareTo(kwh), c.toString());
        // energy-day.yaml: gridRegion east; the latest factor published is 2023's, 0.5500 kgCO₂/kWh
        JsonNode part = c.get("parts").get(0);
        assertEquals(DAY.getYear(), part.get("year").asInt());
        assertEquals(2023, part.get("factorYear").asInt());
        assertEquals("0.5500", part.get("kgPerKwh").asText());
        assertEquals("华东电网", c.get("regionName").get("zh").asText());
        assertEquals(kwh.multiply(new BigDecimal("0.5500")).setScale(3, RoundingMode.HALF_UP).toPlainString(), c.get("kgCo2").asText());
    }

    @Test
    @Order(6)
    void theLeakingFlatRanksFirstInTheNightFlowList() throws Exception {
        JsonNode night = get("/api/v1/sites/" + SITE + "/energy/night-flow?night=" + DAY);
        JsonNode first = night.get("meters").get(0);
        assertEquals(LEAKING, first.get("meter").asText(), night.toString());
        assertTrue(first.get("suspected").asBoolean());
        assertTrue(first.get("continuousNightFlow").asBoolean());
        assertTrue(first.get("noZeroHourIn24h").asBoolean());
        // 30 L/h on a register of 1 L steps: each hour 29 to 31 L, plus what the flat drew
        assertTrue(first.get("minimumLitresPerHour").asInt() >= 29, first.toString());
        assertEquals(5, first.get("nightHours").asInt());
        assertEquals(8, night.get("meters").size());
        assertEquals(8, night.get("waterMeters").asInt());
        assertEquals(1, night.get("suspected").asInt());
        for (int i = 1; i < 8; i++) {
            JsonNode m = night.get("meters").get(i);
            assertFalse(m.get("suspected").asBoolean(), "a flat drawing water now and then: " + m);
            assertTrue(m.get("zeroHoursIn24h").asInt() > 0, m.toString());
        }
    }

    @Test
    @Order(6)
    void theMorningsVerdictRaisesALeakAlarmOnTheLeakingFlatsMeterAndNoOther() throws Exception {
        assertEquals(8, hub.nightWatch().judge(SITE, DAY, SHANGHAI), "every water meter had its 24 hours");
        hub.alarms().drain();
        List<JsonNode> leaks = new java.util.ArrayList<>();
        for (JsonNode a : get("/api/v1/sites/" + SITE + "/alarms")) {
            if (a.get("type").asText().equals("leak-suspected")) {
                leaks.add(a);
            }
        }
        assertEquals(1, leaks.size(), leaks.toString());
        JsonNode leak = leaks.get(0);
        assertEquals(LEAKING, leak.get("device").asText());
        assertEquals("minor", leak.get("priority").asText());
        assertEquals("疑似漏水（夜间流量排查）", leak.get("labelZh").asText());
        assertTrue(leak.get("conditionActive").asBoolean());
        assertTrue(leak.get("lastValue").asText().startsWith(DAY + ": flow in every night hour, zero-flow hours in 24 h 0"), leak.toString());
        // the same night judged again (a restart of the hub) opens nothing more
        hub.nightWatch().judge(SITE, DAY, SHANGHAI);
        hub.alarms().drain();
        int again = 0;
        for (JsonNode a : get("/api/v1/sites/" + SITE + "/alarms")) {
            again += a.get("type").asText().equals("leak-suspected") ? 1 : 0;
        }
        assertEquals(1, again);
    }

    @Test
    @Order(6)
    void theNightFlowListDownloadsAsAWorkbookInTheSameOrderWithTheSameFigures() throws Exception {
        JsonNode night = get("/api/v1/sites/" + SITE + "/energy/night-flow?night=" + DAY);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/" + SITE
                + "/energy/night-flow?format=xlsx&night=" + DAY)).header("Authorization", "Bearer energy-day-admin").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-disposition").orElse("").contains("night-flow-energy-day-" + DAY + ".xlsx"), r.headers().toString());
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
            assertEquals("夜间最小小时流量 minimum night flow (L/h)", sheet.getRow(0).getCell(3).getStringCellValue());
            assertEquals(9, sheet.getPhysicalNumberOfRows(), "a header and the eight water meters");
            for (int i = 0; i < 8; i++) {
                JsonNode m = night.get("meters").get(i);
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(i + 1);
                assertEquals(m.get("meter").asText(), row.getCell(0).getStringCellValue());
                assertEquals(m.get("minimumLitresPerHour").asDouble(), row.getCell(3).getNumericCellValue(), 1e-9);
                assertEquals(m.get("nightLitres").asDouble(), row.getCell(4).getNumericCellValue(), 1e-9);
                assertEquals(m.get("zeroHoursIn24h").asInt(), (int) row.getCell(7).getNumericCellValue());
            }
            assertEquals(LEAKING, sheet.getRow(1).getCell(0).getStringCellValue());
        }
    }

    @Test
    @Order(7)
    void aLateReadingAndARebuildFromTheTimeSeriesChangeNothingThatWasRight() throws Exception {
        JsonNode before = use("electricity", "meter", "hour");
        // a reading between two already taken in (a gateway's late replay): the meter's hours are worked out again
        Instant late = DAY.atTime(3, 2, 30).atZone(SHANGHAI).toInstant();
        meters.sendOne(hub, "b1-0202-em", late);
        Await.until("the late reading stored", Duration.ofSeconds(20), () -> hub.store()
                .history(SITE, "b1-0202-em", meters.counter("b1-0202-em").name(), late, late.plusMillis(1), 1).size() == 1);
        HttpResponse<String> r = send("POST", "/api/v1/sites/" + SITE + "/energy/rollups/rebuild", "{\"from\":\"" + DAY.minusDays(1) + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode rebuilt = JSON.readTree(r.body());
        assertEquals(21, rebuilt.get("meters").asInt(), "13 electricity and 8 water meters: " + rebuilt);
        assertTrue(rebuilt.get("readings").asLong() > 21 * 12 * 24, rebuilt.toString());
        assertEquals(before, use("electricity", "meter", "hour"), "rebuilt from the time series, the hours are the same");
        everyUnitsFloorsBuildingsAndTheSitesUseOfTheDayIsWhatTheMetersCounted();
    }

    @Test
    @Order(8)
    void aMeterReadingEnteredByHandIntoTheSilentHoursMakesTheirHourMeasured() throws Exception {
        Instant eleven = DAY.atTime(11, 0).atZone(SHANGHAI).toInstant();
        String csv = "device,point,time,value\nb1-0101-em,energy.import.total," + eleven + "," + meters.register("b1-0101-em", eleven).toPlainString() + "\n";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/" + SITE + "/meter-readings?name=round.csv"))
                .header("Authorization", "Bearer energy-day-admin").header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String ten = DAY.atTime(10, 0).atZone(SHANGHAI).toInstant().toString();
        // worked out again from the time series: 10:00 to 11:00 now lies between two readings on the hour
        Await.until("hour 10 of b1-0101-em measured", Duration.ofSeconds(30), () -> {
            try {
                for (JsonNode h : byKey(use("electricity", "meter", "hour")).get("b1-0101-em").get("buckets")) {
                    if (h.get("start").asText().equals(ten)) {
                        return !h.get("estimated").asBoolean();
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode s = byKey(use("electricity", "meter", "hour")).get("b1-0101-em");
        for (JsonNode h : s.get("buckets")) {
            int hour = Instant.parse(h.get("start").asText()).atZone(SHANGHAI).getHour();
            assertEquals(hour == 11 || hour == 12, h.get("estimated").asBoolean(), "hour " + hour + ": " + h);
            if (hour == 10) {
                assertEquals(0, new BigDecimal(h.get("usage").asText()).compareTo(counted("b1-0101-em", Instant.parse(ten), eleven)), h.toString());
            }
        }
        assertEquals(0, new BigDecimal(s.get("total").asText()).compareTo(counted("b1-0101-em", dayStart(), dayEnd())), s.toString());
    }

    @Test
    @Order(9)
    void aRequestThatCannotBeAnsweredIsRefusedNamingTheParameter() throws Exception {
        String base = "/api/v1/sites/" + SITE + "/energy/use?";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(base + "by=room&from=2026-11-01&to=2026-12-01", "'by': 'room' is not one of meter, unit, floor, building, category, site");
        bad.put(base + "medium=steam&from=2026-11-01&to=2026-12-01", "'medium'");
        bad.put(base + "from=2026-11-01T03:00:00Z&to=2026-12-01", "not a local midnight");
        bad.put(base + "interval=hour&from=2026-01-01&to=2026-12-01", "at most 92 days hour by hour");
        bad.put(base + "building=b9&from=2026-11-01&to=2026-12-01", "'b9' is not a building of energy-day");
        bad.put(base + "from=2026-12-01&to=2026-11-01", "from");
        bad.put("/api/v1/sites/" + SITE + "/energy/night-flow?night=yesterday", "'night': 'yesterday' is not a date");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            HttpResponse<String> r = send("GET", b.getKey(), null);
            assertEquals(400, r.statusCode(), b.getKey() + ": " + r.body());
            assertTrue(r.body().contains(b.getValue()), b.getKey() + ": " + r.body());
        }
    }
}
