package org.lintel.hub.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * Losses (线损) below a building's incomer over the API, from the site file's meter tree and counter readings sent
 * over Sparkplug like a gateway's, worked by hand.
 */
class EnergyLossesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Hub hub;
    static String base;
    static String manager;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-energy"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken("energy-admin")
                .withAdminPassword("Energy-root-pass1"));
        base = "http://127.0.0.1:" + hub.apiPort();
        HttpResponse<String> site = send("POST", "/api/v1/sites?name=energy-test.yaml", "energy-admin", Files.readString(TestFolders.site("energy-test.yaml")));
        assertEquals(201, site.statusCode(), site.body());
        manager = JSON.readTree(send("POST", "/api/v1/tokens", "energy-admin", "{\"name\":\"物业经理 孙丽\",\"role\":\"manager\"}").body())
                .get("token").asText();
        NovemberReadings.send(hub, "energy-admin");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIncomersLossIsWhatItMeasuredMinusWhatItsSubMetersMeasured() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/sites/energy-test/energy/losses?from=2026-11-01&to=2026-12-01", manager, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode losses = JSON.readTree(r.body()).get("losses");
        assertEquals(2, losses.size(), "only the two incomers have sub-meters; the pump room is on its own: " + losses);
        JsonNode b1 = losses.get(0);
        assertEquals("b1-main-em", b1.get("meter").asText());
        assertEquals("kWh", b1.get("unit").asText());
        // 2030.50 − 1000.00
        assertEquals("1030.500", b1.get("upstream").asText());
        // 350.00 + 150.00 + 200.25 + 280.00
        assertEquals("980.250", b1.get("subMeters").asText());
        assertEquals("50.250", b1.get("loss").asText());
        // 50.25 ÷ 1030.50 × 100 = 4.876…
        assertEquals("4.9", b1.get("percent").asText());
        assertEquals(false, b1.get("estimated").asBoolean());
        assertEquals("[\"b1-0101-em\",\"b1-0102-em\",\"b1-0103-em\",\"b1-lifts-em\"]", b1.get("subMeterIds").toString());
        assertEquals(0, b1.get("unread").size());
    }

    @Test
    void theLossesDownloadAsAWorkbookWithTheSameFiguresAndTheUnreadMeterNamed() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sites/energy-test/energy/losses?from=2026-11-01&to=2026-12-01&format=xlsx"))
                .header("Authorization", "Bearer " + manager).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-disposition").orElse("").contains("losses-energy-test-2026-11-01-2026-12-01.xlsx"), r.headers().toString());
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
            org.apache.poi.ss.usermodel.Row b1 = sheet.getRow(1);
            assertEquals("b1-main-em", b1.getCell(0).getStringCellValue());
            assertEquals(1030.5, b1.getCell(2).getNumericCellValue(), 1e-9);
            assertEquals(980.25, b1.getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(50.25, b1.getCell(4).getNumericCellValue(), 1e-9);
            assertEquals(4.9, b1.getCell(5).getNumericCellValue(), 1e-9);
            org.apache.poi.ss.usermodel.Row b2 = sheet.getRow(2);
            assertEquals("b2-main-em", b2.getCell(0).getStringCellValue());
            assertTrue(b2.getCell(4) == null || b2.getCell(4).getCellType() == org.apache.poi.ss.usermodel.CellType.BLANK, "no loss without b2-0101-em");
            assertTrue(b2.getCell(8).getStringCellValue().startsWith("b2-0101-em: "), b2.getCell(8).getStringCellValue());
        }
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/sites/energy-test/energy/losses?from=2026-12-01&to=2026-11-01", manager, null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("from"), r.body());
    }

    @Test
    void aSubMeterWithoutReadingsIsNamedAndItsBuildingsLossIsLeftOpenRatherThanWrong() throws Exception {
        JsonNode b2 = JSON.readTree(send("GET", "/api/v1/sites/energy-test/energy/losses?from=2026-11-01&to=2026-12-01", manager, null).body())
                .get("losses").get(1);
        assertEquals("b2-main-em", b2.get("meter").asText());
        assertEquals("120.000", b2.get("upstream").asText());
        assertTrue(!b2.hasNonNull("loss"), "120 kWh minus an unknown is not a loss: " + b2);
        assertTrue(!b2.hasNonNull("percent"));
        assertEquals(1, b2.get("unread").size());
        assertEquals("b2-0101-em", b2.get("unread").get(0).get("meter").asText());
        assertTrue(b2.get("unread").get(0).get("reason").asText().contains("b2-0101-em"), b2.toString());
    }
}
