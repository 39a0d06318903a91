package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * Work orders through the API as the people who use them: a resident's report with a photo taken at the desk, two
 * technicians grabbing it at once, a checklist with limits and a follow-up, sign-off and verification by someone else,
 * the resident's rating; the ledger from a CSV file; a plan's calendar; the KPIs as a workbook read back.
 */
class WorkOrderApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String M = "/api/v1/sites/hub-test/maintenance";
    static Hub hub;
    static String desk;
    static String wang;
    static String zhao;
    static String li;
    static String engineer;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-work-orders"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(TestFolders.site("hub-test.yaml")))
                .withAdminToken("wo-admin"));
        desk = token("desk", "operator");
        wang = token("wang", "technician");
        zhao = token("zhao", "technician");
        li = token("li", "supervisor");
        engineer = token("zhou", "engineer");
        assertEquals(200, call("PUT", M + "/settings", li, Map.of("dispatch", "grab", "buildingTeams", Map.of("b1", "east"),
                "teams", Map.of("east", List.of("wang", "zhao")))).statusCode());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static String token(String name, String role) throws Exception {
        return JSON.readTree(call("POST", "/api/v1/tokens", "wo-admin", Map.of("name", name, "role", role, "sites", "*")).body()).get("token").asText();
    }

    static HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(String method, String path, String token, Object body) throws Exception {
        HttpResponse<String> r = call(method, path, token, body);
        assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static byte[] jpeg() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void aResidentsReportGoesFromTheDeskToARatedClosedOrder() throws Exception {
        byte[] photo = jpeg();
        JsonNode o = ok("POST", M + "/reports", desk, Map.of("description", "1楼走廊灯不亮，开关无反应", "location", "b1 1F corridor", "building", "b1",
                "reporter", "业主 b1-0102", "contact", "13800000002", "photos", List.of("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(photo))));
        long id = o.get("id").asLong();
        String path = M + "/work-orders/" + id;
        assertEquals("resident", o.get("source").asText());
        assertEquals("east", o.get("team").asText(), "the building's team");
        JsonNode detail = ok("GET", path, wang, null);
        assertEquals(1, detail.get("photos").size());
        HttpResponse<byte[]> img = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path + "/photos/"
                + detail.get("photos").get(0).get("id").asLong())).header("Authorization", "Bearer " + wang).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, img.statusCode());
        assertArrayEquals(photo, img.body(), "the photo comes back as it was sent");

        // two technicians of the team grab it at the same moment: one gets it, the other is told who did
        // two threads of their own (the common pool has one thread on two cores), let go at the same moment
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> race = new ArrayList<>();
        for (String t : List.of(wang, zhao)) {
            race.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return call("POST", path + "/grab", t, Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, two));
        }
        go.countDown();
        two.shutdown();
        List<Integer> statuses = race.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertEquals(List.of(200, 409), statuses);
        String winner = ok("GET", path, li, null).get("assignee").asText();
        String winnerToken = winner.equals("wang") ? wang : zhao;
        assertTrue(race.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409).findFirst().orElseThrow().body().contains(winner));

        ok("POST", path + "/start", winnerToken, Map.of());
        ok("POST", path + "/hold", winnerToken, Map.of("reason", "等灯管 waiting for a tube"));
        ok("POST", path + "/resume", winnerToken, Map.of());
        assertEquals(409, call("POST", path + "/verify", li, Map.of("accepted", true)).statusCode(), "not done yet");
        JsonNode done = ok("POST", path + "/done", winnerToken, Map.of("labourMinutes", 25, "parts", List.of(Map.of("name", "LED 灯管 T8", "quantity", 2, "unitPrice", "18.50"))));
        assertEquals("37.00", done.get("cost").asText());
        assertEquals(409, call("POST", path + "/verify", token(winner, "supervisor"), Map.of("accepted", true)).statusCode(),
                "whoever signed it off does not verify it");
        JsonNode back = ok("POST", path + "/verify", li, Map.of("accepted", false, "note", "另一根也闪"));
        assertEquals("in-progress", back.get("state").asText());
        ok("POST", path + "/done", winnerToken, Map.of("labourMinutes", 35));
        assertEquals("closed", ok("POST", path + "/verify", li, Map.of("accepted", true)).get("state").asText());
        JsonNode rated = ok("POST", path + "/rating", desk, Map.of("rating", 5, "returnVisit", "回访：业主满意"));
        assertEquals(5, rated.get("rating").asInt());
        assertEquals(400, call("POST", path + "/rating", desk, Map.of("rating", 6)).statusCode());
        List<String> states = new ArrayList<>();
        ok("GET", path, li, null).get("events").forEach(e -> states.add(e.path("to").asText("")));
        assertEquals(List.of("open", "", "assigned", "in-progress", "on-hold", "in-progress", "done", "in-progress", "done", "closed", ""), states,
                "the order's history: the photo taken at the desk, then each step, the rating last");
    }

    @Test
    void aFailedChecklistItemOpensItsOwnFollowUpAndNumbersAreCheckedAgainstTheirLimits() throws Exception {
        ok("PUT", M + "/equipment/b1-pump-1", engineer, Map.of("kind", "pump", "nameZh", "1号楼生活水泵", "nameEn", "B1 domestic pump", "building", "b1",
                "installedOn", "2019-05-01", "commissionedOn", "2019-06-01", "manufacturer", "格兰富 Grundfos",
                "documents", List.of("https://docs.example.com/cr15-manual.pdf", "水泵保养合同2026.pdf")));
        ok("PUT", M + "/plans/pump-monthly", engineer, Map.of("equipment", "b1-pump-1", "template", "water-supply",
                "calendar", Map.of("mode", "fixed", "firstDue", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()), "horizonDays", 2));
        ok("POST", M + "/plans/run", engineer, Map.of());
        JsonNode visit = ok("GET", M + "/work-orders?plan=pump-monthly", wang, null).get(0);
        String path = M + "/work-orders/" + visit.get("id").asLong();
        JsonNode items = visit.get("checklist");
        assertEquals("W-M1", items.get(0).get("code").asText());
        ok("POST", path + "/grab", wang, Map.of());
        assertEquals(409, call("POST", path + "/answers", wang, Map.of("item", 0, "answer", "pass")).statusCode(), "not started");
        ok("POST", path + "/start", wang, Map.of());
        assertEquals(400, call("POST", path + "/answers", wang, Map.of("item", 1, "answer", "hot")).statusCode());
        JsonNode hot = ok("POST", path + "/answers", wang, Map.of("item", 1, "answer", "82", "note", "轴承发烫", "followUp", true));
        JsonNode bearing = hot.get("checklist").get(1);
        assertEquals(false, bearing.get("ok").asBoolean(), "82 °C is above the 75 °C limit");
        long followUp = bearing.get("followUp").asLong();
        JsonNode f = ok("GET", M + "/work-orders/" + followUp, li, null);
        assertEquals("follow-up", f.get("source").asText());
        assertEquals("corrective", f.get("kind").asText());
        assertEquals(visit.get("id").asLong(), f.get("parentId").asLong());
        assertEquals("b1", f.get("building").asText(), "the ledger's building, for KPIs by building");
        assertEquals("b1-pump-1", f.get("equipment").asText());
        assertEquals(409, call("POST", path + "/done", wang, Map.of()).statusCode(), "unanswered items remain");
        assertEquals(400, call("POST", path + "/answers", wang, Map.of("item", 99, "answer", "pass")).statusCode());
        JsonNode equipment = ok("GET", M + "/equipment/b1-pump-1", li, null);
        assertEquals(2, equipment.get("workOrders").size());
        assertEquals("pump-monthly", equipment.get("plans").get(0).get("id").asText());
        assertEquals(2, equipment.get("documents").size());
        assertEquals("https://docs.example.com/cr15-manual.pdf", equipment.get("documents").get(0).asText());
        assertEquals("水泵保养合同2026.pdf", equipment.get("documents").get(1).asText());
        JsonNode calendar = ok("GET", M + "/calendar?from=" + LocalDate.now() + "&to=" + LocalDate.now().plusDays(100), li, null);
        assertTrue(calendar.size() >= 4, "this visit and the three monthly ones to come: " + calendar);
        assertEquals("in-progress", calendar.get(0).get("state").asText(), "this visit, being worked");
        assertEquals("planned", calendar.get(1).get("state").asText());
    }

    @Test
    void theLedgerImportsACsvFileAllOrNothingWithItsLinesNamed() throws Exception {
        String bad = "id,kind,name_zh,building,installed_on\nb1-ext-01,extinguisher,1号楼1层灭火器,b1,2024-03-01\nb1-ext-02,extinguisher,1号楼2层灭火器,b1,2024-02-30\n";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + M + "/equipment?name=ext.csv"))
                .header("Authorization", "Bearer " + engineer).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(bad)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("ext.csv:3") && r.body().contains("installedOn"), r.body());
        assertTrue(ok("GET", M + "/equipment", li, null).findValuesAsText("id").stream().noneMatch(id -> id.startsWith("b1-ext")), "nothing stored");
        HttpResponse<String> good = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + M + "/equipment?name=ext.csv"))
                .header("Authorization", "Bearer " + engineer).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(bad.replace("2024-02-30", "2024-02-28"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, good.statusCode(), good.body());
        JsonNode ledger = ok("GET", M + "/equipment", li, null);
        assertTrue(ledger.findValuesAsText("id").containsAll(List.of("b1-0101-em", "b1-f01-smoke", "b1-ext-01", "b1-ext-02")), ledger.toString());
        ok("POST", M + "/equipment/b1-ext-01/status", wang, Map.of("status", "retired", "reason", "压力不足，已报废"));
        JsonNode e = ok("GET", M + "/equipment/b1-ext-01", li, null);
        assertEquals("retired", e.get("status").asText());
        assertEquals(List.of("in-service", "retired"), e.get("statusHistory").findValuesAsText("status"));
    }

    @Test
    void theKpisComeAsAWorkbookWithTheirDefinitions() throws Exception {
        String q = M + "/kpis?from=" + LocalDate.now().minusDays(30) + "&to=" + LocalDate.now().plusDays(1) + "&by=building";
        JsonNode k = ok("GET", q, li, null);
        assertTrue(k.get("definitions").get("mttrHours").asText().contains("never labour time"), k.toString());
        HttpResponse<byte[]> x = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + q + "&format=xlsx"))
                .header("Authorization", "Bearer " + li).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, x.statusCode());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
            assertEquals("分组 Group", wb.getSheetAt(0).getRow(1).getCell(0).getStringCellValue());
            assertEquals(k.get("groups").size(), wb.getSheetAt(0).getLastRowNum() - 1);
            assertEquals("mtbfHours", wb.getSheetAt(1).getRow(2).getCell(0).getStringCellValue());
        }
    }
}
