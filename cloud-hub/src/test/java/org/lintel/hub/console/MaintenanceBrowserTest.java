package org.lintel.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The maintenance pages in headless Chromium against a real hub: a technician on a phone (390 px) takes a resident's
 * report from the pool, works the pump's monthly visit through its checklist (a bearing too hot opens a follow-up),
 * adds a photo and signs off; a supervisor at a desk sees the board with the overdue order first and verifies the
 * visit; both in Chinese and English, with screenshots in target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN = "maint-console-admin";
    static final String PASSWORD = "Spanner-and-ladder-7";
    static final String M = "/api/v1/sites/hub-test/maintenance";
    static Hub hub;
    static WebDriver browser;
    static String console;
    static long visit;
    static long overdue;
    static long report;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-maint-console"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("hub-test.yaml"))).withAdminToken(ADMIN).withAdminPassword("Maint-root-pass1"));
        console = "http://127.0.0.1:" + hub.apiPort() + "/console/";
        account("tech-wang", "维修工 王师傅", "technician");
        account("sup-li", "维修主管 李娜", "supervisor");
        account("desk-zhang", "前台 张敏", "operator");
        // a high-priority order's arrival deadline of one second: overdue by the time anyone looks
        api("PUT", M + "/settings", Map.of("sla", Map.of("high", Map.of("respond", "PT1S", "resolve", "PT4H", "warnBefore", "PT0.5S"))));
        api("PUT", M + "/equipment/b1-pump-1", Map.of("kind", "pump", "nameZh", "1号楼生活水泵", "nameEn", "B1 domestic water pump", "building", "b1"));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        api("PUT", M + "/plans/pump-monthly", Map.of("equipment", "b1-pump-1", "template", "water-supply", "calendar", Map.of("mode", "fixed", "firstDue", today)));
        api("POST", M + "/plans/run", Map.of());
        visit = api("GET", M + "/work-orders?plan=pump-monthly", null).get(0).get("id").asLong();
        api("POST", M + "/work-orders/" + visit + "/assign", Map.of("assignee", "tech-wang"));
        overdue = api("POST", M + "/work-orders", Map.of("title", "2号楼地下室水管渗漏", "description", "地下室B1层管道接口滴水", "building", "b1",
                "location", "b1 地下室", "priority", "high")).get("id").asLong();
        api("POST", M + "/work-orders/" + overdue + "/assign", Map.of("assignee", "tech-wang"));
        report = api("POST", M + "/reports", Map.of("description", "3楼走廊灯不亮", "location", "b1 3F 走廊", "building", "b1", "reporter", "业主 b1-0103",
                "contact", "13800000003")).get("id").asLong();
        browser = ConsoleBrowserTest.chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        hub.close();
    }

    static JsonNode api(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, method + " " + path + ": " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    static void account(String user, String name, String role) throws Exception {
        api("POST", "/api/v1/accounts", Map.of("username", user, "displayName", name, "role", role, "sites", "*", "password", PASSWORD,
                "mustChangePassword", false));
    }

    static void signIn(String user, String lang, int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        browser.manage().deleteAllCookies();
        browser.get(console);
        ((JavascriptExecutor) browser).executeScript("localStorage.setItem('lintel.lang', arguments[0]);", lang);
        browser.get(console);
        ConsolePage.waitFor(browser, d -> d.findElement(By.id("login-username")).isDisplayed());
        browser.findElement(By.id("login-username")).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        ConsolePage.waitFor(browser, d -> d.findElement(By.id("orders-link")).isDisplayed());
        browser.findElement(By.id("orders-link")).click();
    }

    static WebElement item(String code) {
        return browser.findElement(By.cssSelector("#wo-items li[data-code='" + code + "']"));
    }

    static void stateIs(String state) {
        ConsolePage.waitFor(browser, d -> state.equals(d.findElement(By.id("wo-state")).getAttribute("data-state")));
    }

    static Path picture(int width, int height) throws Exception {
        Path photo = Files.createTempFile("photo", ".png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(40, 120, 200));
        g.fillRect(0, 0, width, height);
        g.dispose();
        javax.imageio.ImageIO.write(img, "png", photo.toFile());
        return photo;
    }

    @Test
    @Order(0)
    void theDeskTakesAResidentsReportWithAPhotoThroughTheForm() throws Exception {
        signIn("desk-zhang", "zh-CN", 1280, 1000);
        ConsolePage.waitFor(browser, d -> d.findElement(By.id("wo-report")).isDisplayed());
        browser.findElement(By.cssSelector("#wo-report summary")).click();
        browser.findElement(By.id("wo-report-location")).sendKeys("b1 5F 502 卫生间");
        browser.findElement(By.id("wo-report-reporter")).sendKeys("业主 王先生");
        browser.findElement(By.id("wo-report-contact")).sendKeys("13900000005");
        browser.findElement(By.id("wo-report-description")).sendKeys("楼上渗水，天花板滴水");
        // a phone photo's size: scaled to 1600 px before it is sent
        browser.findElement(By.id("wo-report-photos")).sendKeys(picture(4000, 3000).toString());
        ConsolePage.screenshot(browser, "work-order-report-desk-zh");
        browser.findElement(By.cssSelector("#wo-report-form button[type=submit]")).click();
        String ok = ConsolePage.textOf(browser, By.id("wo-report-ok"), t -> t.startsWith("已登记为工单 #"));
        long id = Long.parseLong(ok.replaceAll("\\D", ""));
        JsonNode o = api("GET", M + "/work-orders/" + id, null);
        assertEquals("resident", o.get("source").asText());
        assertEquals("b1 5F 502 卫生间", o.get("location").asText());
        assertEquals("13900000005", o.get("contact").asText());
        assertEquals(1, o.get("photos").size());
        assertEquals("desk-zhang", o.get("openedBy").asText());
        api("POST", M + "/work-orders/" + id + "/cancel", Map.of("reason", "duplicate of the test's other report"));
    }

    @Test
    @Order(1)
    void aTechnicianOnAPhoneSeesTheirOrdersOverdueFirstAndTakesAReportFromThePool() throws Exception {
        signIn("tech-wang", "zh-CN", 390, 844);
        String mine = ConsolePage.textOf(browser, By.id("wo-mine-list"), t -> t.contains("水管渗漏") && t.contains("二次供水"));
        List<WebElement> cards = browser.findElements(By.cssSelector("#wo-mine-list .wo-card"));
        assertEquals(String.valueOf(overdue), cards.get(0).getAttribute("data-order"), "the overdue order comes first: " + mine);
        assertTrue(cards.get(0).getAttribute("class").contains("overdue") && cards.get(0).getText().contains("已超时"), cards.get(0).getText());
        ConsolePage.textOf(browser, By.id("wo-pool-list"), t -> t.contains("3楼走廊灯不亮"));
        ConsolePage.screenshot(browser, "work-orders-technician-phone-zh");
        Long width = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
        assertTrue(width <= 390, "nothing wider than the phone: " + width);
        browser.findElement(By.cssSelector("#wo-pool-list li[data-order='" + report + "'] .wo-grab")).click();
        ConsolePage.waitFor(browser, d -> !d.findElements(By.cssSelector("#wo-mine-list li[data-order='" + report + "']")).isEmpty());
        assertEquals("tech-wang", api("GET", M + "/work-orders/" + report, null).get("assignee").asText());
    }

    @Test
    @Order(2)
    void theTechnicianWorksTheVisitsChecklistAddsAPhotoAndSignsOff() throws Exception {
        signIn("tech-wang", "zh-CN", 390, 844);
        ConsolePage.waitFor(browser, d -> !d.findElements(By.cssSelector("#wo-mine-list li[data-order='" + visit + "'] a")).isEmpty());
        browser.findElement(By.cssSelector("#wo-mine-list li[data-order='" + visit + "'] a")).click();
        stateIs("assigned");
        browser.findElement(By.cssSelector(".wo-actions button[data-step='start']")).click();
        stateIs("in-progress");
        ConsolePage.waitFor(browser, d -> !d.findElements(By.cssSelector("#wo-items li[data-code='W-M1'] .wo-pass")).isEmpty());
        item("W-M1").findElement(By.cssSelector(".wo-pass")).click();
        ConsolePage.textOf(browser, By.cssSelector("#wo-items li[data-code='W-M1'] .wo-answer"), t -> t.equals("已填：合格"));
        item("W-M2").findElement(By.cssSelector(".wo-value")).sendKeys("82");
        item("W-M2").findElement(By.cssSelector(".wo-follow-up")).click();
        item("W-M2").findElement(By.cssSelector(".wo-save")).click();
        String bearing = ConsolePage.textOf(browser, By.cssSelector("#wo-items li[data-code='W-M2'] .wo-answer"), t -> t.contains("不合格"));
        assertTrue(bearing.contains("82") && bearing.contains("→ #"), "above the 75 °C limit, with its follow-up order: " + bearing);
        item("W-M3").findElement(By.cssSelector(".wo-value")).sendKeys("0.32");
        item("W-M3").findElement(By.cssSelector(".wo-save")).click();
        ConsolePage.textOf(browser, By.cssSelector("#wo-items li[data-code='W-M3'] .wo-answer"), t -> t.contains("0.32"));
        item("W-M4").findElement(By.cssSelector(".wo-pass")).click();
        ConsolePage.textOf(browser, By.cssSelector("#wo-items li[data-code='W-M4'] .wo-answer"), t -> t.contains("合格"));
        browser.findElement(By.id("wo-photo")).sendKeys(picture(800, 600).toString());
        ConsolePage.waitFor(browser, d -> !d.findElements(By.cssSelector(".wo-photos img")).isEmpty());
        Boolean shown = (Boolean) ((JavascriptExecutor) browser).executeScript(
                "const i = document.querySelector('.wo-photos img'); return i.complete && i.naturalWidth > 0;");
        ConsolePage.waitFor(browser, d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('.wo-photos img'); return i.complete && i.naturalWidth > 0;"));
        ConsolePage.screenshot(browser, "work-order-checklist-phone-zh");
        browser.findElement(By.id("wo-labour")).sendKeys("35");
        browser.findElement(By.cssSelector(".wo-actions button[data-step='done']")).click();
        stateIs("done");
        JsonNode done = api("GET", M + "/work-orders/" + visit, null);
        assertEquals(35, done.get("labourMinutes").asInt());
        assertEquals(1, done.get("photos").size(), "shown: " + shown);
        assertEquals("image/jpeg", done.get("photos").get(0).get("contentType").asText(), "scaled and sent as JPEG");
        assertEquals(false, done.get("checklist").get(1).get("ok").asBoolean());

        // the same page in English
        ((JavascriptExecutor) browser).executeScript("document.getElementById('lang-toggle').click();");
        ConsolePage.textOf(browser, By.id("wo-detail-body"), t -> t.contains("to verify") && t.contains("Pump bearing temperature"));
        ConsolePage.screenshot(browser, "work-order-done-phone-en");
    }

    @Test
    @Order(3)
    void aSupervisorAtADeskSeesTheBoardOverdueFirstVerifiesTheVisitAndReadsTheCalendar() throws Exception {
        signIn("sup-li", "zh-CN", 1280, 1000);
        String assigned = ConsolePage.textOf(browser, By.cssSelector("#wo-columns [data-column='assigned']"), t -> t.contains("水管渗漏"));
        assertTrue(assigned.contains("已超时"), assigned);
        ConsolePage.textOf(browser, By.cssSelector("#wo-columns [data-column='done']"), t -> t.contains("二次供水"));
        String calendar = ConsolePage.textOf(browser, By.id("wo-calendar-list"), t -> t.contains("计划中"));
        assertTrue(calendar.contains("b1-pump-1") && calendar.contains("待验收"), "this visit to verify and the next ones planned: " + calendar);
        String kpis = ConsolePage.textOf(browser, By.cssSelector("#wo-kpi-list tr[data-group='b1']"), t -> !t.isBlank());
        assertTrue(kpis.startsWith("b1"), kpis);
        assertTrue(browser.findElement(By.id("wo-kpi-xlsx")).getAttribute("href").contains("format=xlsx"));
        ConsolePage.screenshot(browser, "work-order-board-desk-zh");
        browser.findElement(By.cssSelector("#wo-columns [data-column='done'] li[data-order='" + visit + "'] .wo-verify")).click();
        ConsolePage.waitFor(browser, d -> d.findElements(By.cssSelector("#wo-columns [data-column='done'] li[data-order='" + visit + "']")).isEmpty());
        assertEquals("closed", api("GET", M + "/work-orders/" + visit, null).get("state").asText());
        assertEquals("sup-li", api("GET", M + "/work-orders/" + visit, null).get("verifiedBy").asText());
        ((JavascriptExecutor) browser).executeScript("document.getElementById('lang-toggle').click();");
        ConsolePage.textOf(browser, By.id("wo-board"), t -> t.contains("Work order board") && t.contains("Overdue"));
        ConsolePage.screenshot(browser, "work-order-board-desk-en");
        browser.manage().window().setSize(new Dimension(390, 844));
        ConsolePage.textOf(browser, By.id("wo-board"), t -> t.contains("Overdue"));
        ConsolePage.screenshot(browser, "work-order-board-phone-en");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }
}
