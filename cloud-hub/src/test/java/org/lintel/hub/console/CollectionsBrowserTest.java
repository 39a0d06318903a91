package org.lintel.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The billing clerk's collections desk (收费台) in headless Chromium against a real hub: three flats with September to
 * November issued (property fee by area with a contract late fee, parking), the arrears list by age with the last
 * reminder of each unit, reminders sent from the page to a local recording SMS provider, a unit found by its payer's
 * name and a payment taken in three actions (search, open, record) with its receipt number and printable receipt,
 * a WeChat payment refused without its transaction number. Screenshots in Chinese and English at a desk's and a
 * tablet's width go to target/console-screenshots.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CollectionsBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Hub hub;
    static WebDriver browser;
    static String console;
    static HttpServer sms;
    static final List<String> texts = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        sms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sms.createContext("/", x -> {
            texts.add(java.net.URLDecoder.decode(x.getRequestURI().getRawQuery(), java.nio.charset.StandardCharsets.UTF_8));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        sms.start();
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-collections"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(TestFolders.site("hub-test.yaml")))
                .withAdminToken("collections-admin").withAdminPassword("Collections-root-1"));
        console = "http://127.0.0.1:" + hub.apiPort() + "/console/";
        String tariff = Files.readString(Path.of(CollectionsBrowserTest.class.getResource("/receivables/collections.tariffs.yaml").toURI()));
        send("PUT", "/api/v1/sites/hub-test/tariff?name=collections.tariffs.yaml", "collections-admin", tariff, 200);
        send("PUT", "/api/v1/sites/hub-test/billing-accounts", "collections-admin", "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"property-fee\","
                + "\"parking\"]},{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"property-fee\"]},{\"unit\":\"b1-0103\",\"payer\":\"李娜\","
                + "\"feeItems\":[\"property-fee\"]}]", 200);
        account("cashier-chen", "收费员 陈静", "billing", "Counter-desk-2026");
        String manager = JSON.readTree(send("POST", "/api/v1/tokens", "collections-admin", "{\"name\":\"物业经理 孙丽\",\"role\":\"manager\"}", 200).body())
                .get("token").asText();
        for (String month : List.of("2026-09-01", "2026-10-01", "2026-11-01")) {
            java.time.LocalDate from = java.time.LocalDate.parse(month);
            long run = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", "collections-admin", "{\"from\":\"" + from + "\",\"to\":\""
                    + from.plusMonths(1) + "\"}", 200).body()).get("id").asLong();
            send("POST", "/api/v1/bill-runs/" + run + "/approve", manager, "{}", 200);
            send("POST", "/api/v1/bill-runs/" + run + "/issue", manager, "{}", 200);
        }
        // 李娜 paid everything (3 × 215.18 and the late fees the October and November runs charged for September: 0.11 + 3.23);
        // 王芳 paid September
        send("POST", "/api/v1/sites/hub-test/units/b1-0103/payments", "collections-admin", "{\"amount\":\"648.88\",\"method\":\"cash\"}", 200);
        send("POST", "/api/v1/sites/hub-test/units/b1-0102/payments", "collections-admin", "{\"amount\":\"259.00\",\"method\":\"cash\"}", 200);
        send("PUT", "/api/v1/sites/hub-test/reminder-policy", "collections-admin", JSON.writeValueAsString(Map.of("schedule", List.of(-3, 0, 7, 30),
                "minIntervalDays", 3, "sms", Map.of("url", "http://127.0.0.1:" + sms.getAddress().getPort() + "/send?to={phone}&msg={text}"))), 200);
        send("PUT", "/api/v1/sites/hub-test/units/b1-0101/contact", "collections-admin", "{\"phone\":\"13800138000\",\"language\":\"zh\"}", 200);
        send("PUT", "/api/v1/sites/hub-test/units/b1-0102/contact", "collections-admin", "{\"phone\":\"13700137000\",\"language\":\"en\"}", 200);
        browser = ConsoleBrowserTest.chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        hub.close();
        sms.stop(0);
    }

    static HttpResponse<String> send(String method, String path, String token, String body, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", path.contains("/tariff") ? "application/yaml" : "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r;
    }

    static void account(String username, String name, String role, String password) throws Exception {
        send("POST", "/api/v1/accounts", "collections-admin", JSON.writeValueAsString(Map.of("username", username, "displayName", name, "role", role,
                "sites", "*", "password", password, "mustChangePassword", false)), 201);
    }

    static void signIn(String lang) {
        browser.manage().deleteAllCookies();
        browser.get(console);
        ((JavascriptExecutor) browser).executeScript("localStorage.setItem('lintel.lang', arguments[0]);", lang);
        browser.get(console);
        wait(d -> d.findElement(By.id("login-username")).isDisplayed());
        browser.findElement(By.id("login-username")).sendKeys("cashier-chen");
        browser.findElement(By.id("login-password")).sendKeys("Counter-desk-2026");
        browser.findElement(By.id("login-submit")).click();
        wait(d -> d.findElement(By.id("collect-link")).isDisplayed());
    }

    static <T> T wait(java.util.function.Function<WebDriver, T> until) {
        return ConsolePage.waitFor(browser, until);
    }

    static String textOf(By by, java.util.function.Predicate<String> test) {
        return ConsolePage.textOf(browser, by, test);
    }

    static void screenshot(String name) throws Exception {
        ConsolePage.screenshot(browser, name);
    }

    static void atWidth(int width, int height, String name, By ready) throws Exception {
        browser.manage().window().setSize(new Dimension(width, height));
        try {
            browser.navigate().refresh();
            wait(d -> d.findElement(ready).isDisplayed());
            screenshot(name);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aClerkSeesArrearsByAgeSendsTheDueRemindersAndTakesAPaymentFromAPayersNameWithItsReceipt() throws Exception {
        signIn("zh-CN");
        browser.findElement(By.id("collect-link")).click();
        // 张伟 owes three months of 物业费 (246.40) and parking (150.00) and September's late fee as the October and November runs
        // charged it (246.40 × 0.05 % a day from 31 October: 0.12, then 3.82 − 0.12 = 3.70): 1,193.02; 王芳 two months and
        // September's late fee (0.13 + 3.88): 522.01; 李娜 nothing
        textOf(By.id("arrears-list"), t -> t.contains("b1-0101") && t.contains("b1-0102") && !t.contains("b1-0103"));
        textOf(By.cssSelector("#arrears-list tr[data-unit='b1-0101']"), t -> t.contains("张伟") && t.contains("1,193.02"));
        browser.findElement(By.id("send-reminders")).click();
        // the hub's scheduler may have sent them first: either way each payer hears once
        textOf(By.id("reminders-sent"), t -> t.startsWith("已发送 "));
        textOf(By.cssSelector("#arrears-list tr[data-unit='b1-0101'] td.reminded"), t -> t.contains("sms") && t.contains("已送达"));
        textOf(By.cssSelector("#arrears-list tr[data-unit='b1-0102'] td.reminded"), t -> t.contains("sms") && t.contains("已送达"));
        browser.findElement(By.id("send-reminders")).click();
        textOf(By.id("reminders-sent"), t -> t.equals("已发送 0"));
        assertEquals(2, texts.size(), "one reminder each, however many passes: " + texts);
        assertTrue(texts.stream().anyMatch(x -> x.contains("to=13800138000") && x.contains("张伟您好") && x.contains("¥1193.02")), texts.toString());
        assertTrue(texts.stream().anyMatch(x -> x.contains("to=13700137000") && x.contains("Dear 王芳")), texts.toString());
        screenshot("collections-arrears-zh");
        atWidth(768, 1024, "collections-arrears-tablet-zh", By.id("arrears-list"));

        // a payment in three actions: the payer's name, open, record (the amount is what the unit owes, cash by default)
        browser.findElement(By.id("unit-search")).sendKeys("王芳");
        browser.findElement(By.id("unit-open")).click();
        textOf(By.id("unit-title"), t -> t.equals("b1-0102 · 王芳"));
        textOf(By.id("unit-balance"), t -> t.startsWith("尚欠 522.01"));
        wait(d -> d.findElement(By.id("pay-amount")).getAttribute("value").equals("522.01") ? true : null);
        screenshot("collections-unit-zh");
        browser.findElement(By.id("pay-submit")).click();
        String receipt = textOf(By.id("pay-done"), t -> t.startsWith("收据号 "));
        textOf(By.id("unit-balance"), t -> t.startsWith("已结清"));
        textOf(By.id("statement"), t -> t.contains("收款") && t.contains("522.01"));
        String href = browser.findElement(By.id("receipt-link")).getAttribute("href");
        Object pdf = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type'))));", href);
        assertEquals("200 application/pdf", pdf, "the receipt prints: " + receipt);
        screenshot("collections-paid-zh");

        // a WeChat payment without its transaction number is refused, naming the field; nothing is recorded
        signIn("en");
        browser.get(console + "#collect/b1-0101");
        textOf(By.id("unit-balance"), t -> t.startsWith("Owes 1,193.02"));
        // September's late fee: 246.40 × 0.05 % from 31 October through today, less the 3.82 the runs charged, is what the column shows
        long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2026, 10, 31), java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))) + 1;
        // (the page and this test may read "today" on either side of a Shanghai midnight)
        List<String> expected = java.util.stream.LongStream.of(days - 1, days).mapToObj(n -> new java.math.BigDecimal("246.40")
                .multiply(new java.math.BigDecimal("0.0005")).multiply(java.math.BigDecimal.valueOf(n)).setScale(2, java.math.RoundingMode.HALF_UP)
                .subtract(new java.math.BigDecimal("3.82")).toPlainString()).toList();
        textOf(By.cssSelector("#open-items tbody tr:first-child td:last-child"), expected::contains);
        new Select(browser.findElement(By.id("pay-method"))).selectByValue("wechat");
        browser.findElement(By.id("pay-amount")).clear();
        browser.findElement(By.id("pay-amount")).sendKeys("100.00");
        browser.findElement(By.id("pay-submit")).click();
        textOf(By.id("pay-error"), t -> t.contains("reference"));
        textOf(By.id("unit-balance"), t -> t.startsWith("Owes 1,193.02"));
        textOf(By.id("unit-reminders"), t -> t.contains("sms 13800138000") && t.contains("delivered"));
        screenshot("collections-unit-en");
        atWidth(768, 1024, "collections-unit-tablet-en", By.id("unit-view"));
        browser.get(console + "#collect");
        textOf(By.id("arrears-list"), t -> t.contains("b1-0101") && !t.contains("b1-0102"));
        screenshot("collections-arrears-en");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aClerkRecordsAnOptOutAndSettlesAMoveOutWithItsHandoverForm() throws Exception {
        signIn("zh-CN");
        browser.get(console + "#collect/b1-0103");
        textOf(By.id("unit-title"), t -> t.equals("b1-0103 · 李娜"));
        browser.findElement(By.id("contact-phone")).sendKeys("13600136000");
        browser.findElement(By.id("contact-opt-out")).click();
        browser.findElement(By.id("contact-note")).sendKeys("12月5日在前台口头提出");
        browser.findElement(By.id("contact-submit")).click();
        textOf(By.id("contact-error"), t -> t.equals("已保存。"));
        JsonNode contact = JSON.readTree(send("GET", "/api/v1/sites/hub-test/units/b1-0103/contact", "collections-admin", "", 200).body());
        assertTrue(contact.hasNonNull("optedOutAt") && contact.get("optOutNote").asText().equals("12月5日在前台口头提出"), contact.toString());

        // an hour ago, in the site's local time, as the clerk types it
        String at = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).minusHours(1).withSecond(0).withNano(0).toString();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('move-out-at').value = arguments[0];", at);
        browser.findElement(By.id("move-out-payer")).sendKeys("周杰");
        browser.findElement(By.id("move-out-persons")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "3");
        browser.findElement(By.id("move-out-submit")).click();
        String done = textOf(By.id("move-out-done"), t -> t.startsWith("最终账单 "));
        textOf(By.id("unit-title"), t -> t.equals("b1-0103 · 周杰"));
        JsonNode outs = JSON.readTree(send("GET", "/api/v1/sites/hub-test/units/b1-0103/move-outs", "collections-admin", "", 200).body());
        assertEquals(1, outs.size());
        assertEquals("李娜", outs.get(0).get("leavingPayer").asText());
        assertTrue(done.contains(JSON.readTree(send("GET", "/api/v1/move-outs/" + outs.get(0).get("id").asLong(), "collections-admin", "", 200).body())
                .get("finalBill").get("total").asText().replaceAll("(\\d)(\\d{3}\\.)", "$1,$2")), done);
        String href = browser.findElement(By.id("handover-link")).getAttribute("href");
        Object pdf = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type'))));", href);
        assertEquals("200 application/pdf", pdf);
        long run = outs.get(0).get("runId").asLong();
        textOf(By.id("statement"), t -> t.contains("账单 run " + run));
        screenshot("collections-move-out-zh");
    }

    @Test
    void theManagersMorningDashboardShowsTheLatestIssuedRunsCollectionRate() throws Exception {
        ConsolePage.addManager(hub.apiPort(), "collections-admin");
        // November's is the latest issued period run (a move-out's final bill is not the month's collection); its rate
        // as the receivables API gives it at this moment
        JsonNode runs = JSON.readTree(send("GET", "/api/v1/sites/hub-test/bill-runs", "collections-admin", "", 200).body());
        JsonNode november = null;
        for (JsonNode r : runs) {
            if (r.get("from").asText().equals("2026-11-01")) {
                november = r;
            }
        }
        JsonNode rate = JSON.readTree(send("GET", "/api/v1/bill-runs/" + november.get("id").asLong() + "/collection", "collections-admin", "", 200).body())
                .get("site");
        ConsolePage.openEnergyAsManager(browser, console, "zh-CN");
        textOf(By.cssSelector("#energy-cards [data-figure='collectionRate'] strong"), t -> t.equals(rate.get("percent").asText() + " %"));
        String of = browser.findElement(By.cssSelector("#energy-cards [data-figure='collectionRate'] .muted")).getText();
        assertEquals("2026-11-01 – 2026-12-01 账单：已收 " + rate.get("paid").asText() + " / 应收 " + rate.get("charged").asText() + " 元", of);
        // the open alarms: as many as the alarm list holds (none were raised here)
        int open = JSON.readTree(send("GET", "/api/v1/sites/hub-test/alarms", "collections-admin", "", 200).body()).size();
        textOf(By.cssSelector("#energy-cards [data-figure='openAlarms'] strong"), t -> t.equals(String.valueOf(open)));
        screenshot("energy-dashboard-collection-zh");
    }
}
