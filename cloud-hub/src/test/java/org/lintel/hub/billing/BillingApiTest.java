package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * Billing over the API on a real hub: a tariff file and billing accounts uploaded, November's readings sent over
 * Sparkplug like a gateway's, and the month's bills computed from them, worked by hand.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class BillingApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Hub hub;
    static String base;
    static String clerk;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-billing"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken("billing-admin")
                .withAdminPassword("Billing-root-pass1"));
        base = "http://127.0.0.1:" + hub.apiPort();
        assertEquals(201, send("POST", "/api/v1/sites?name=hub-test.yaml", "billing-admin", Files.readString(TestFolders.site("hub-test.yaml"))).statusCode());
        clerk = JSON.readTree(send("POST", "/api/v1/tokens", "billing-admin", "{\"name\":\"收费员 陈静\",\"role\":\"billing\"}").body()).get("token").asText();
        // readings a minute before each local midnight that bounds November, as a gateway would have sent them
        Instant nov = LocalDate.of(2026, 11, 1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        Instant dec = LocalDate.of(2026, 12, 1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            for (String d : new String[] {"b1-0101-em", "b1-0102-em"}) {
                gw.deviceBirth(d, new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            }
            gw.data("b1-0101-em", true, new Object[] {"energy.import.total", nov, 1000.0}, new Object[] {"energy.import.total", dec, 1350.0});
            gw.data("b1-0102-em", true, new Object[] {"energy.import.total", nov, 500.0}, new Object[] {"energy.import.total", dec, 650.0});
        }
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-spare-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.data("b1-spare-em", true, new Object[] {"energy.import.total", nov, 1000.0}, new Object[] {"energy.import.total", dec, 1100.0});
        }
        Await.until("November's readings stored", java.time.Duration.ofSeconds(20), () -> {
            try {
                return send("GET", "/api/v1/sites/hub-test/devices/b1-spare-em/latest", "billing-admin", null).body().contains("1100");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> send(String method, String path, String token, String body, boolean json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).header("Content-Type",
                "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && body.startsWith("[")) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aClerkUploadsTheTariffAndAccountsAndNovembersBillsComeFromTheReadings() throws Exception {
        assertEquals(404, send("GET", "/api/v1/sites/hub-test/bill-preview?from=2026-11-01&to=2026-12-01", clerk, null).statusCode(), "no tariff yet");
        String tariff = Files.readString(Path.of(BillingApiTest.class.getResource("/billing/hub-test.tariffs.yaml").toURI()));
        HttpResponse<String> up = send("PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml", clerk, tariff);
        assertEquals(200, up.statusCode(), up.body());
        HttpResponse<String> accounts = send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk,
                "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"persons\":3,\"feeItems\":[\"electricity\",\"property-fee\",\"spare-pool\"]},"
                        + "{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"electricity\",\"property-fee\",\"spare-pool\"]}]");
        assertEquals(200, accounts.statusCode(), accounts.body());

        HttpResponse<String> preview = send("GET", "/api/v1/sites/hub-test/bill-preview?from=2026-11-01&to=2026-12-01", clerk, null);
        assertEquals(200, preview.statusCode(), preview.body());
        JsonNode bills = JSON.readTree(preview.body());
        // b1-0101: 350 kWh: 200 × 0.68 = 136.00 + 150 × 0.73 = 109.50; 88.00 m² × 2.80 = 246.40; the spare meter's
        // 100 kWh × 0.50 = 50.00 shared by two households: 25.00
        assertEquals("b1-0101", bills.get(0).get("unit").asText());
        assertEquals("516.90", bills.get(0).get("total").asText(), bills.get(0).toString());
        // b1-0102: 150 × 0.68 = 102.00; 92.50 × 2.80 = 259.00; 25.00
        assertEquals("386.00", bills.get(1).get("total").asText(), bills.get(1).toString());
        assertEquals(false, bills.get(0).get("estimated").asBoolean(), "readings within 15 minutes of each boundary: measured");
        JsonNode firstLine = bills.get(0).get("lines").get(0);
        assertEquals("electricity", firstLine.get("feeItem").asText());
        assertEquals("136.00", firstLine.get("amount").asText());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aDraftRunIsComputedAgainAtWillApprovedBySomeoneElseThenIssuedAndNeverRecomputed() throws Exception {
        String manager = JSON.readTree(send("POST", "/api/v1/tokens", "billing-admin", "{\"name\":\"物业经理 孙丽\",\"role\":\"manager\"}").body())
                .get("token").asText();
        String period = "{\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}";
        HttpResponse<String> draft = send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, period, true);
        assertEquals(200, draft.statusCode(), draft.body());
        JsonNode run = JSON.readTree(draft.body());
        assertEquals("draft", run.get("state").asText());
        assertEquals("902.90", run.get("total").asText(), "516.90 + 386.00");
        JsonNode again = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, period, true).body());
        assertEquals(run.get("id").asLong(), again.get("id").asLong(), "one run per period: computed again, not doubled");
        assertEquals("902.90", again.get("total").asText());
        assertEquals(2, again.get("bills").asInt());
        long id = run.get("id").asLong();
        HttpResponse<String> self = send("POST", "/api/v1/bill-runs/" + id + "/approve", clerk, "{}", true);
        assertEquals(409, self.statusCode(), self.body());
        assertTrue(self.body().contains("someone else approves it"), self.body());
        assertEquals(409, send("POST", "/api/v1/bill-runs/" + id + "/issue", manager, "{}", true).statusCode(), "a draft is not issued");
        assertEquals("approved", JSON.readTree(send("POST", "/api/v1/bill-runs/" + id + "/approve", manager, "{}", true).body()).get("state").asText());
        HttpResponse<String> rerun = send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, period, true);
        assertEquals(409, rerun.statusCode(), "an approved run is not computed again");
        JsonNode issued = JSON.readTree(send("POST", "/api/v1/bill-runs/" + id + "/issue", manager, "{}", true).body());
        assertEquals("issued", issued.get("state").asText());
        assertEquals("物业经理 孙丽", issued.get("issuedBy").asText());
        JsonNode stored = JSON.readTree(send("GET", "/api/v1/bill-runs/" + id, clerk, null).body());
        assertEquals("516.90", stored.get("bills").get(0).get("total").asText());
        assertEquals("2.8", stored.get("bills").get(0).get("lines").get(2).get("unitPrice").asText(), "prices as exact as the tariff's, never 2.800000");
        assertEquals("88", stored.get("bills").get(0).get("lines").get(2).get("quantity").asText().replace(".00", ""),
                "a round quantity is written plainly, never 8.8E+1");
        assertEquals("136.00", stored.get("bills").get(0).get("lines").get(0).get("amount").asText());
        JsonNode trail = JSON.readTree(send("GET", "/api/v1/audit?action=POST%20/api/v1/bill-runs/:id/issue", "billing-admin", null).body());
        assertEquals("approved", trail.get(0).get("before").get("state").asText(), "the audit trail has the run before and after");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aRunWithAnAnomalyIsNotApprovedUntilSomeoneOverridesItWithAReasonThatOutlivesARecomputation() throws Exception {
        String manager = JSON.readTree(send("POST", "/api/v1/tokens", "billing-admin", "{\"name\":\"经理 二\",\"role\":\"manager\"}").body())
                .get("token").asText();
        String tariff = Files.readString(Path.of(BillingApiTest.class.getResource("/billing/hub-test.tariffs.yaml").toURI()));
        assertEquals(200, send("PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml", clerk, tariff).statusCode());
        assertEquals(200, send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk,
                "[{\"unit\":\"b1-0103\",\"payer\":\"李娜\",\"feeItems\":[\"electricity\",\"property-fee\"]}]").statusCode());
        // b1-0103's meter never sent a reading, so its electricity cannot be priced
        String period = "{\"from\":\"2026-11-02\",\"to\":\"2026-12-01\"}";
        HttpResponse<String> draft = send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, period, true);
        assertEquals(200, draft.statusCode(), draft.body());
        long id = JSON.readTree(draft.body()).get("id").asLong();
        assertEquals(1, JSON.readTree(draft.body()).get("openAnomalies").asInt());
        JsonNode bill = JSON.readTree(send("GET", "/api/v1/bill-runs/" + id, clerk, null).body()).get("bills").get(0);
        assertEquals("208.01", bill.get("total").asText(), "the property fee is billed: 76.85 × 2.80 × 29/30 = 208.007…");
        assertTrue(bill.get("anomalies").get(0).asText().startsWith("electricity: "), bill.toString());
        HttpResponse<String> approve = send("POST", "/api/v1/bill-runs/" + id + "/approve", manager, "{}", true);
        assertEquals(409, approve.statusCode(), approve.body());
        assertTrue(approve.body().contains("1 anomaly to resolve (then compute the draft again) or override with a reason before it is approved"),
                approve.body());

        HttpResponse<String> terse = send("POST", "/api/v1/bill-runs/" + id + "/overrides", clerk, "{\"unit\":\"b1-0103\",\"reason\":\"ok\"}", true);
        assertEquals(400, terse.statusCode(), "a reason says why: " + terse.body());
        assertTrue(terse.body().contains("reason"), terse.body());
        String why = "电表离线, 本月电费下月补收 meter offline, electricity billed next month";
        HttpResponse<String> override = send("POST", "/api/v1/bill-runs/" + id + "/overrides", clerk,
                "{\"unit\":\"b1-0103\",\"reason\":\"" + why + "\"}", true);
        assertEquals(200, override.statusCode(), override.body());
        JsonNode overridden = JSON.readTree(override.body());
        assertEquals(0, overridden.get("anomalies").size());
        assertEquals(why, overridden.get("overridden").get(0).get("reason").asText());
        assertEquals("收费员 陈静", overridden.get("overridden").get(0).get("by").asText());
        assertEquals(409, send("POST", "/api/v1/bill-runs/" + id + "/overrides", clerk, "{\"unit\":\"b1-0103\",\"reason\":\"" + why + "\"}", true)
                .statusCode(), "nothing left to override");

        JsonNode again = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, period, true).body());
        assertEquals(0, again.get("openAnomalies").asInt(), "the same anomaly after a recomputation stays overridden");
        assertEquals("approved", JSON.readTree(send("POST", "/api/v1/bill-runs/" + id + "/approve", manager, "{}", true).body()).get("state").asText());
        HttpResponse<String> issue = send("POST", "/api/v1/bill-runs/" + id + "/issue", manager, "{}", true);
        assertEquals(200, issue.statusCode(), issue.body());
        JsonNode trail = JSON.readTree(send("GET", "/api/v1/audit?action=POST%20/api/v1/bill-runs/:id/overrides", "billing-admin", null).body());
        assertTrue(trail.toString().contains("b1-0103") && trail.toString().contains("收费员 陈静"), "the override is in the audit trail: " + trail);
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void resoldPowerIsNotIssuedWithoutTheGridsBillNorWhenItChargesMoreThanIt() throws Exception {
        String manager = JSON.readTree(send("POST", "/api/v1/tokens", "billing-admin", "{\"name\":\"经理 三\",\"role\":\"manager\"}").body())
                .get("token").asText();
        String tariff = Files.readString(Path.of(BillingApiTest.class.getResource("/billing/hub-test.tariffs.yaml").toURI()))
                .replace("    unit: kWh\n", "    unit: kWh\n    resold: true\n");
        assertEquals(200, send("PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml", clerk, tariff).statusCode());
        assertEquals(200, send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk,
                "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"electricity\",\"property-fee\"]},"
                        + "{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"electricity\"]}]").statusCode());
        // the same November less its first day: 2026-11-02 to 12-01 is taken by the run above, so 11-01 to 11-30
        JsonNode run = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}", true)
                .body());
        long id = run.get("id").asLong();
        BigDecimal resold = new BigDecimal(run.get("resoldTotal").asText());
        JsonNode bills = JSON.readTree(send("GET", "/api/v1/bill-runs/" + id, clerk, null).body()).get("bills");
        BigDecimal electricity = BigDecimal.ZERO;
        for (JsonNode b : bills) {
            for (JsonNode l : b.get("lines")) {
                if (l.get("feeItem").asText().equals("electricity")) {
                    electricity = electricity.add(new BigDecimal(l.get("amount").asText()));
                    assertTrue(l.get("resold").asBoolean());
                }
            }
        }
        assertEquals(electricity, resold, "resold power is the sum of the electricity lines");
        assertEquals(200, send("POST", "/api/v1/bill-runs/" + id + "/approve", manager, "{}", true).statusCode());
        HttpResponse<String> none = send("POST", "/api/v1/bill-runs/" + id + "/issue", manager, "{}", true);
        assertEquals(409, none.statusCode(), none.body());
        assertTrue(none.body().contains("enter the grid's bill for the master meter"), none.body());
        HttpResponse<String> fen = send("POST", "/api/v1/bill-runs/" + id + "/grid-bill", clerk, "{\"amount\":\"12.345\",\"reference\":\"国网 11月\"}", true);
        assertEquals(400, fen.statusCode(), fen.body());
        assertTrue(fen.body().contains("amount"), fen.body());
        String less = resold.subtract(new BigDecimal("0.01")).toPlainString();
        assertEquals(200, send("POST", "/api/v1/bill-runs/" + id + "/grid-bill", clerk, "{\"amount\":\"" + less + "\",\"reference\":\"国网 11月\"}", true)
                .statusCode());
        HttpResponse<String> over = send("POST", "/api/v1/bill-runs/" + id + "/issue", manager, "{}", true);
        assertEquals(409, over.statusCode(), over.body());
        assertTrue(over.body().contains("more than the grid's bill of " + less + " CNY"), over.body());
        assertEquals(200, send("POST", "/api/v1/bill-runs/" + id + "/grid-bill", clerk, "{\"amount\":\"" + resold.toPlainString()
                + "\",\"reference\":\"国网 11月 户号 1100123456\"}", true).statusCode());
        JsonNode issued = JSON.readTree(send("POST", "/api/v1/bill-runs/" + id + "/issue", manager, "{}", true).body());
        assertEquals("issued", issued.get("state").asText(), "charges equal to the grid's bill: no markup");
        assertEquals("国网 11月 户号 1100123456", issued.get("gridBillReference").asText());
    }

    static HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static long novemberRun() throws Exception {
        for (JsonNode r : JSON.readTree(send("GET", "/api/v1/sites/hub-test/bill-runs", clerk, null).body())) {
            if (r.get("from").asText().equals("2026-11-01") && r.get("to").asText().equals("2026-12-01")) {
                return r.get("id").asLong();
            }
        }
        throw new AssertionError("November's run is computed by the test of order 2");
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void theIssuedRunsLinesExportAsCsvAndXlsxThatExcelAndPoiReadWithTheSameTotals() throws Exception {
        long id = novemberRun();
        HttpResponse<byte[]> csv = download("/api/v1/bill-runs/" + id + "/lines?format=csv", clerk);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-disposition").orElse("").contains("filename*=UTF-8''hub-test-2026-11-01-2026-11-30-"),
                csv.headers().toString());
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF账单号 bill id,"), text.substring(0, 40));
        java.util.List<String> rows = text.lines().skip(1).toList();
        BigDecimal sum = BigDecimal.ZERO;
        int amount = java.util.Arrays.asList(text.lines().findFirst().orElseThrow().split(",")).indexOf("金额 amount");
        for (String row : rows) {
            sum = sum.add(new BigDecimal(row.split(",")[amount]));
        }
        assertEquals(new BigDecimal("902.90"), sum, "the lines add up to the run's total");
        assertTrue(rows.get(0).endsWith(",b1-0101-em,1000,2026-11-01 00:00,measured,1350,2026-12-01 00:00,measured"),
                "a tier line carries its meter and readings: " + rows.get(0));

        HttpResponse<byte[]> xlsx = download("/api/v1/bill-runs/" + id + "/lines?format=xlsx", clerk);
        assertEquals(200, xlsx.statusCode());
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = wb.getSheetAt(0);
            assertEquals(rows.size(), sheet.getLastRowNum(), "as many rows as the CSV");
            BigDecimal xsum = BigDecimal.ZERO;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var cell = sheet.getRow(r).getCell(amount);
                assertEquals(org.apache.poi.ss.usermodel.CellType.NUMERIC, cell.getCellType(), "amounts are numbers a SUM adds");
                assertEquals("0.00", cell.getCellStyle().getDataFormatString());
                xsum = xsum.add(new BigDecimal(String.valueOf(cell.getNumericCellValue())));
            }
            assertEquals(0, new BigDecimal("902.90").compareTo(xsum));
            assertEquals("张伟", sheet.getRow(1).getCell(5).getStringCellValue());
        }
        assertEquals(400, send("GET", "/api/v1/bill-runs/" + id + "/lines?format=pdf", clerk, null).statusCode());
        HttpResponse<String> invoice = send("GET", "/api/v1/bill-runs/" + id + "/invoice-lines", clerk, null);
        assertEquals(409, invoice.statusCode(), "the tariff of November had no VAT rates: " + invoice.body());
        assertTrue(invoice.body().contains("electricity, property-fee, spare-pool of run " + id + " had no taxRate"), invoice.body());
    }

    @Test
    @org.junit.jupiter.api.Order(7)
    void aUnitsPaymentNoticeIsAPdfWithItsReadingsTotalInCapitalsAndTheHotlineAndADraftSaysSo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.lintel.hub.billing.export.ChineseFont.file().isPresent(),
                "test.sh installs fonts-wqy-microhei; without a Chinese font the notices answer 503");
        long id = novemberRun();
        HttpResponse<byte[]> pdf = download("/api/v1/bill-runs/" + id + "/notices?unit=b1-0101", clerk);
        assertEquals(200, pdf.statusCode(), new String(pdf.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("application/pdf", pdf.headers().firstValue("content-type").orElse(""));
        // kept for a person to look at, like the console's screenshots
        Files.createDirectories(Path.of("target/billing-exports"));
        Files.write(Path.of("target/billing-exports/notice-b1-0101.pdf"), pdf.body());
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertEquals(1, doc.getNumberOfPages());
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        for (String expected : new String[] {"缴费通知单", "张伟", "2026-11-01 至 2026-11-30", "88.00 m²", "伍佰壹拾陆元玖角", "516.90", "12358", "2026-12-15",
                "b1-0101-em", "起 1000 (11-01 00:00)", "止 1350 (12-01 00:00)", "转账备注", "B" + JSON.readTree(send("GET", "/api/v1/bill-runs/" + id
                + "/bills/b1-0101", clerk, null).body()).get("id").asLong()}) {
            assertTrue(text.contains(expected), "the notice says " + expected + ":\n" + text);
        }
        assertTrue(!text.contains("DRAFT"), "an issued run's notice is not a draft");
        HttpResponse<byte[]> building = download("/api/v1/bill-runs/" + id + "/notices?building=b1", clerk);
        assertEquals(200, building.statusCode());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(building.body())) {
            assertEquals(2, doc.getNumberOfPages(), "one page per unit of building b1");
        }
        assertEquals(404, send("GET", "/api/v1/bill-runs/" + id + "/notices?building=b9", clerk, null).statusCode());
        assertEquals(400, send("GET", "/api/v1/bill-runs/" + id + "/notices?building=b1&unit=b1-0101", clerk, null).statusCode());

        String draft = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, "{\"from\":\"2026-11-10\",\"to\":\"2026-11-20\"}", true).body())
                .get("id").asText();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(download("/api/v1/bill-runs/" + draft + "/notices", clerk).body())) {
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains("DRAFT"), "a draft's notices say so on every page");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(8)
    void anEstimatedBillIsTruedUpInTheNextRunOnceTheMeterIsReadAndOnlyOnce() throws Exception {
        // the run of 11-01 to 11-30 (order 5) billed b1-0101 and b1-0102 on readings interpolated at 11-30 00:00; now a
        // real reading of b1-0101 at that boundary arrives
        Instant boundary = LocalDate.of(2026, 11, 30).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.data("b1-0101-em", true, new Object[] {"energy.import.total", boundary, 1330.0});
        }
        Await.until("the late reading stored", java.time.Duration.ofSeconds(20), () -> {
            try {
                return send("GET", "/api/v1/sites/hub-test/consumption?target=b1-0101&point=energy.import.total&from=2026-11-01T00:00:00%2B08:00"
                        + "&to=2026-11-30T00:00:00%2B08:00", "billing-admin", null).body().contains("\"usage\":\"330.000\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long earlier = 0;
        for (JsonNode r : JSON.readTree(send("GET", "/api/v1/sites/hub-test/bill-runs", clerk, null).body())) {
            if (r.get("from").asText().equals("2026-11-01") && r.get("to").asText().equals("2026-11-30")) {
                earlier = r.get("id").asLong();
            }
        }
        JsonNode old = JSON.readTree(send("GET", "/api/v1/bill-runs/" + earlier + "/bills/b1-0101", clerk, null).body());
        BigDecimal billed = BigDecimal.ZERO;
        for (JsonNode l : old.get("lines")) {
            if (l.get("feeItem").asText().equals("electricity")) {
                billed = billed.add(new BigDecimal(l.get("amount").asText()));
                assertTrue(l.get("estimated").asBoolean(), "the earlier bill was estimated: " + l);
            }
        }
        // measured now: 330 kWh under monthly tiers: 200 × 0.68 + 130 × 0.73 = 136.00 + 94.90 = 230.90
        BigDecimal expected = new BigDecimal("230.90").subtract(billed);
        String period = "{\"from\":\"2026-11-30\",\"to\":\"2026-12-01\"}";
        for (int round = 0; round < 2; round++) {
            long id = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, period, true).body()).get("id").asLong();
            JsonNode unit = JSON.readTree(send("GET", "/api/v1/bill-runs/" + id + "/bills/b1-0101", clerk, null).body());
            java.util.List<JsonNode> adjustments = new java.util.ArrayList<>();
            unit.get("lines").forEach(l -> {
                if (l.get("kind").asText().equals("adjustment")) {
                    adjustments.add(l);
                }
            });
            assertEquals(1, adjustments.size(), "one true-up, also when the draft is computed again: " + unit);
            assertEquals(0, expected.compareTo(new BigDecimal(adjustments.get(0).get("amount").asText())), adjustments.get(0).toString());
            assertTrue(adjustments.get(0).get("basis").asText().startsWith("上期估算更正 true-up of bill " + old.get("id").asText() + " (2026-11-01–2026-11-30)"),
                    adjustments.get(0).toString());
            assertTrue(adjustments.get(0).get("basis").asText().contains("→ 330 kWh"), adjustments.get(0).toString());
            JsonNode other = JSON.readTree(send("GET", "/api/v1/bill-runs/" + id + "/bills/b1-0102", clerk, null).body());
            other.get("lines").forEach(l -> assertTrue(!l.get("kind").asText().equals("adjustment"), "b1-0102's meter is still estimated there: " + l));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(9)
    void anIssuedBillIsCorrectedByCreditAndDebitNotesThatNeverCreditMoreThanWasBilled() throws Exception {
        long id = novemberRun();
        String path = "/api/v1/bill-runs/" + id + "/bills/b1-0101/credit-notes";
        HttpResponse<String> credit = send("POST", path, clerk, "{\"feeItem\":\"property-fee\",\"amount\":\"-46.40\",\"reason\":\"面积按房产证更正为 71.43 m²\"}", true);
        assertEquals(200, credit.statusCode(), credit.body());
        JsonNode bill = JSON.readTree(credit.body());
        assertEquals("516.90", bill.get("total").asText(), "the issued bill stays as it was");
        assertEquals("470.50", bill.get("balance").asText(), "516.90 − 46.40");
        assertEquals("面积按房产证更正为 71.43 m²", bill.get("creditNotes").get(0).get("reason").asText());
        assertEquals("收费员 陈静", bill.get("creditNotes").get(0).get("by").asText());
        HttpResponse<String> tooMuch = send("POST", path, clerk, "{\"feeItem\":\"property-fee\",\"amount\":\"-200.01\",\"reason\":\"全额退还物业费\"}", true);
        assertEquals(409, tooMuch.statusCode(), "246.40 billed, 46.40 credited: at most 200.00 left: " + tooMuch.body());
        assertTrue(tooMuch.body().contains("would leave -0.01"), tooMuch.body());
        assertEquals(200, send("POST", path, clerk, "{\"feeItem\":\"property-fee\",\"amount\":\"-200.00\",\"reason\":\"全额退还物业费\"}", true).statusCode());
        HttpResponse<String> debit = send("POST", path, clerk, "{\"feeItem\":\"electricity\",\"amount\":\"12.30\",\"reason\":\"补收漏计的电费\"}", true);
        assertEquals("282.80", JSON.readTree(debit.body()).get("balance").asText(), "516.90 − 46.40 − 200.00 + 12.30");
        HttpResponse<String> unknown = send("POST", path, clerk, "{\"feeItem\":\"parking\",\"amount\":\"-1.00\",\"reason\":\"no such line\"}", true);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("\"feeItem\"") && unknown.body().contains("has no line of 'parking'"), unknown.body());
        assertEquals(400, send("POST", path, clerk, "{\"feeItem\":\"electricity\",\"amount\":\"0.005\",\"reason\":\"half a fen\"}", true).statusCode());
        long draft = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", clerk, "{\"from\":\"2026-11-10\",\"to\":\"2026-11-20\"}", true).body())
                .get("id").asLong();
        HttpResponse<String> notIssued = send("POST", "/api/v1/bill-runs/" + draft + "/bills/b1-0101/credit-notes", clerk,
                "{\"feeItem\":\"electricity\",\"amount\":\"-1.00\",\"reason\":\"a draft is computed again\"}", true);
        assertEquals(409, notIssued.statusCode(), notIssued.body());
        JsonNode trail = JSON.readTree(send("GET", "/api/v1/audit?action=POST%20/api/v1/bill-runs/:id/bills/:unit/credit-notes", "billing-admin", null).body());
        assertTrue(trail.size() >= 3, "each note is in the audit trail: " + trail);
    }

    @Test
    @org.junit.jupiter.api.Order(10)
    void aPaymentAtTheCounterGetsTheNextReceiptPaysTheOldestFeesAndKeepsTheRestPrepaidUntilARefundIsApprovedBySomeoneElse() throws Exception {
        String manager = JSON.readTree(send("POST", "/api/v1/tokens", "billing-admin", "{\"name\":\"物业经理 周杰\",\"role\":\"manager\"}").body())
                .get("token").asText();
        String unit = "/api/v1/sites/hub-test/units/b1-0102";
        JsonNode before = JSON.readTree(send("GET", unit + "/statement", clerk, null).body());
        assertTrue(before.get("reconciles").asBoolean(), before.toString());
        java.math.BigDecimal owed = new java.math.BigDecimal(before.get("balance").asText());
        assertTrue(owed.signum() > 0, "the issued runs left b1-0102 owing: " + before);

        HttpResponse<String> bad = send("POST", unit + "/payments", clerk, "{\"amount\":\"10.00\",\"method\":\"bitcoin\"}", true);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("method"), bad.body());
        String amount = owed.add(new java.math.BigDecimal("10.00")).toPlainString();
        HttpResponse<String> paid = send("POST", unit + "/payments", clerk, "{\"amount\":\"" + amount + "\",\"method\":\"wechat\",\"reference\":\"4200001234202612031234567890\"}", true);
        assertEquals(200, paid.statusCode(), paid.body());
        JsonNode payment = JSON.readTree(paid.body());
        assertEquals("00000001", payment.get("receiptNo").asText(), "the site's first receipt");
        assertEquals("王芳", payment.get("payer").asText());
        assertEquals(409, send("POST", unit + "/payments", clerk, "{\"amount\":\"1.00\",\"method\":\"wechat\",\"reference\":\"4200001234202612031234567890\"}",
                true).statusCode(), "the same WeChat transaction twice");
        JsonNode after = JSON.readTree(send("GET", unit + "/statement", clerk, null).body());
        assertEquals("-10.00", after.get("balance").asText(), after.toString());
        assertEquals("10.00", after.get("prepaid").asText());
        assertEquals("0.00", after.get("owed").asText());
        assertTrue(after.get("reconciles").asBoolean());

        if (org.lintel.hub.billing.export.ChineseFont.file().isPresent()) {
            HttpResponse<byte[]> receipt = download("/api/v1/payments/" + payment.get("id").asLong() + "/receipt", manager);
            assertEquals(200, receipt.statusCode());
            Files.createDirectories(Path.of("target/billing-exports"));
            Files.write(Path.of("target/billing-exports/receipt-00000001.pdf"), receipt.body());
            try (var doc = org.apache.pdfbox.Loader.loadPDF(receipt.body())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                for (String expected : new String[] {"收据", "No. 00000001", "王芳", "微信支付", "4200001234202612031234567890", amount, "预存 Prepaid balance", "10.00",
                        "物业费"}) {
                    assertTrue(text.contains(expected), "the receipt says " + expected + ":\n" + text);
                }
            }
        }
        JsonNode arrears = JSON.readTree(send("GET", "/api/v1/sites/hub-test/arrears", manager, null).body());
        assertTrue(arrears.get("units").findValuesAsText("unit").contains("b1-0101"), arrears.toString());
        assertTrue(!arrears.get("units").findValuesAsText("unit").contains("b1-0102"), "paid up: " + arrears);
        HttpResponse<byte[]> xlsx = download("/api/v1/sites/hub-test/arrears?format=xlsx", manager);
        assertEquals(200, xlsx.statusCode());
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            assertEquals("楼栋 Building", sheet.getRow(0).getCell(0).getStringCellValue());
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                sum = sum.add(java.math.BigDecimal.valueOf(sheet.getRow(r).getCell(8).getNumericCellValue()));
            }
            assertEquals(arrears.get("units").size(), sheet.getLastRowNum(), "a row per unit that owes");
            assertEquals(0, new java.math.BigDecimal(arrears.get("site").get("total").asText()).compareTo(sum.setScale(2, java.math.RoundingMode.HALF_UP)),
                    "the rows add up to the site's total " + arrears.get("site"));
        }
        JsonNode collection = JSON.readTree(send("GET", "/api/v1/bill-runs/" + novemberRun() + "/collection", manager, null).body());
        assertTrue(new java.math.BigDecimal(collection.get("site").get("percent").asText()).signum() > 0, collection.toString());

        JsonNode refund = JSON.readTree(send("POST", unit + "/refunds", clerk, "{\"amount\":\"10.00\",\"reason\":\"多缴退回 overpaid\"}", true).body());
        assertEquals("requested", refund.get("state").asText(), refund.toString());
        HttpResponse<String> self = send("POST", "/api/v1/adjustments/" + refund.get("id").asLong() + "/approve", clerk, "{}", true);
        assertEquals(409, self.statusCode(), "four eyes: " + self.body());
        HttpResponse<String> approved = send("POST", "/api/v1/adjustments/" + refund.get("id").asLong() + "/approve", manager, "{}", true);
        assertEquals(200, approved.statusCode(), approved.body());
        JsonNode settled = JSON.readTree(send("GET", unit + "/statement", clerk, null).body());
        assertEquals("0.00", settled.get("balance").asText(), settled.toString());
        assertEquals("refund", settled.get("entries").get(settled.get("entries").size() - 1).get("kind").asText());
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aTariffOfAnotherSiteOrAnAccountOfAnUnknownUnitIsRefusedSayingWhere() throws Exception {
        String tariff = Files.readString(Path.of(BillingApiTest.class.getResource("/billing/hub-test.tariffs.yaml").toURI()));
        HttpResponse<String> other = send("PUT", "/api/v1/sites/hub-test/tariff?name=t.yaml", clerk, tariff.replace("site: hub-test", "site: elsewhere"));
        assertEquals(422, other.statusCode(), other.body());
        assertTrue(other.body().contains("the file is for site 'elsewhere', not 'hub-test'"), other.body());
        HttpResponse<String> broken = send("PUT", "/api/v1/sites/hub-test/tariff?name=t.yaml", clerk, tariff.replace("bounds: [200, 400]", "bounds: [400, 200]"));
        assertEquals(422, broken.statusCode());
        assertTrue(broken.body().contains("t.yaml:11:"), broken.body());
        HttpResponse<String> uncounted = send("PUT", "/api/v1/sites/hub-test/tariff?name=t.yaml", clerk, tariff.replace("point: energy.import.total",
                "point: water.volume.total"));
        assertEquals(422, uncounted.statusCode(), "a metered fee no meter of the site counts would bill nobody: " + uncounted.body());
        assertTrue(uncounted.body().contains("no meter of site hub-test counts 'water.volume.total'") && uncounted.body().contains("energy.import.total"),
                uncounted.body());
        send("PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml", clerk, tariff);
        HttpResponse<String> unit = send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk, "[{\"unit\":\"b9-9999\",\"payer\":\"x\",\"feeItems\":[]}]");
        assertEquals(400, unit.statusCode(), unit.body());
        assertTrue(unit.body().contains("\"[0].unit\"") && unit.body().contains("no unit 'b9-9999'"), unit.body());
        HttpResponse<String> item = send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk, "[{\"unit\":\"b1-0101\",\"payer\":\"x\",\"feeItems\":[\"gas\"]}]");
        assertEquals(400, item.statusCode(), item.body());
        assertTrue(item.body().contains("no fee item 'gas'"), item.body());
        HttpResponse<String> backwards = send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk,
                "[{\"unit\":\"b1-0101\",\"payer\":\"x\",\"feeItems\":[{\"id\":\"property-fee\",\"from\":\"2026-12-01\",\"to\":\"2026-11-01\"}]}]");
        assertEquals(400, backwards.statusCode(), backwards.body());
        assertTrue(backwards.body().contains("\"[0].feeItems\"") && backwards.body().contains("fee item 'property-fee'"), backwards.body());
        HttpResponse<String> parked = send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk,
                "[{\"unit\":\"b1-0101\",\"payer\":\"x\",\"feeItems\":[\"electricity\",{\"id\":\"property-fee\",\"from\":\"2026-11-16\"}]}]");
        assertEquals(200, parked.statusCode(), parked.body());
        assertEquals("2026-11-16", JSON.readTree(parked.body()).get(0).get("periods").get("property-fee").get("from").asText());
        JsonNode half = JSON.readTree(send("GET", "/api/v1/sites/hub-test/bill-preview?from=2026-11-01&to=2026-12-01", clerk, null).body()).get(0);
        assertTrue(half.toString().contains("88.00 m² × 2026-11 15/30") && half.toString().contains("123.20"),
                "moved in on the 16th: 88.00 × 2.80 × 15/30 = 123.20: " + half);
        HttpResponse<String> tou = send("PUT", "/api/v1/sites/hub-test/billing-accounts", clerk,
                "[{\"unit\":\"b1-0101\",\"payer\":\"x\",\"timeOfUse\":true,\"feeItems\":[\"electricity\"]}]");
        assertEquals(400, tou.statusCode(), "the hub-test tariff has no time-of-use prices: " + tou.body());
        assertTrue(tou.body().contains("\"[0].timeOfUse\"") && tou.body().contains("opting in changes nothing"), tou.body());
        assertEquals(403, send("PUT", "/api/v1/sites/hub-test/tariff", JSON.readTree(send("POST", "/api/v1/tokens", "billing-admin",
                "{\"name\":\"eng\",\"role\":\"engineer\"}").body()).get("token").asText(), tariff).statusCode(), "tariffs are the clerks'");
    }
}
