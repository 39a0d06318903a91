package org.lintel.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.energy.EnergyDayMeters;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The property manager's morning dashboard (能耗看板) in headless Chromium against a real hub holding hourly readings of
 * energy-day.yaml's simulated meters from the first of last month until now: the figures on the page are what the
 * meters counted, the daily chart holds this month's and last month's days, a building can be chosen, water shows the
 * leaking flat first at night, and the chart saves as a PNG. Screenshots in Chinese and English at a desk's and a
 * tablet's width go to target/console-screenshots.
 */
class EnergyDashboardBrowserTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Hub hub;
    static WebDriver browser;
    static String console;
    static EnergyDayMeters meters;
    static Instant lastReading;

    @BeforeAll
    static void start() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        Instant first = today.withDayOfMonth(1).minusMonths(1).atStartOfDay(SHANGHAI).toInstant();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        lastReading = end.minus(Duration.ofHours(1));
        meters = EnergyDayMeters.since(first.minus(Duration.ofDays(1)));
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-energy-dashboard"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("energy-day.yaml"))).withAdminToken("dash-admin").withAdminPassword("Dash-root-pass1")
                // last year's readings are older than the 92 days a gateway's buffer may hold by default
                .withMaxReadingAge(Duration.ofDays(400)));
        console = "http://127.0.0.1:" + hub.apiPort() + "/console/";
        meters.send(hub, first, end, Duration.ofHours(1), (device, t) -> false);
        HttpClient http = HttpClient.newHttpClient();
        Await.until("the rollups holding every meter's last reading", Duration.ofSeconds(60), () -> {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/energy-day/energy/use?by=site&interval=hour&from="
                        + first + "&to=" + end)).header("Authorization", "Bearer dash-admin").build(), HttpResponse.BodyHandlers.ofString()).body();
                return body.contains("\"total\":\"" + siteUse(first, lastReading).toPlainString() + "\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // two repairs reported, one of them for an equipment-less place with a 1-second arrival deadline: overdue at once
        for (String body : List.of("{\"description\":\"水泵房漏水\",\"location\":\"水泵房\"}",
                "{\"description\":\"1号楼大堂灯不亮\",\"location\":\"1号楼大堂\",\"priority\":\"high\"}")) {
            if (body.contains("high")) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/energy-day/maintenance/settings"))
                        .header("Authorization", "Bearer dash-admin").header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"sla\":{\"high\":{\"respond\":\"PT1S\",\"resolve\":\"PT4H\",\"warnBefore\":\"PT0.5S\"}}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/energy-day/maintenance/reports"))
                    .header("Authorization", "Bearer dash-admin").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }
        ConsolePage.addManager(hub.apiPort(), "dash-admin");
        browser = ConsoleBrowserTest.chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        hub.close();
    }

    static final List<String> TOP_METERS = List.of("b1-main-em", "b2-main-em", "pump-room-em");

    /**
     * The top meters a year ago, from the 1st of this month's twin to a day past today's: this year's readings
     * doubled, so the same days last year drew twice what they draw now (同比 −50.0 %). The register then falls to
     * last month's first reading, which counts nothing after it.
     */
    static void sendLastYear() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        Instant from = today.withDayOfMonth(1).minusYears(1).atStartOfDay(SHANGHAI).toInstant();
        Instant to = today.plusDays(1).minusYears(1).atStartOfDay(SHANGHAI).toInstant();
        try (org.lintel.hub.TestEdgeNode gw = new org.lintel.hub.TestEdgeNode(hub.brokerUrl(), EnergyDayMeters.SITE, "gw-d1", "gw-d1", "d1-secret")) {
            gw.nodeBirth();
            for (String device : TOP_METERS) {
                org.lintel.profile.Point p = meters.counter(device);
                gw.deviceBirth(device, new java.util.LinkedHashMap<>(Map.of(p.name(), p.canonicalUnit().orElseThrow().symbol())));
                List<Object[]> batch = new java.util.ArrayList<>();
                for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofHours(1))) {
                    batch.add(new Object[] {p.name(), t, lastYear(device, t).doubleValue()});
                }
                gw.data(device, true, batch.toArray(Object[][]::new));
            }
        }
        String want = "\"total\":\"" + TOP_METERS.stream().map(d -> lastYear(d, to.minus(Duration.ofHours(1))).subtract(lastYear(d, from)))
                .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString() + "\"";
        HttpClient http = HttpClient.newHttpClient();
        Await.until("last year's readings in the rollups", Duration.ofSeconds(60), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/energy-day/energy/use?by=site&interval=total&from="
                        + from + "&to=" + to)).header("Authorization", "Bearer dash-admin").build(), HttpResponse.BodyHandlers.ofString()).body().contains(want);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A top meter's register a year before {@code t}: twice what it reads at {@code t} this year. */
    static BigDecimal lastYear(String device, Instant lastYearsInstant) {
        Instant thisYear = lastYearsInstant.atZone(SHANGHAI).plusYears(1).toInstant();
        return meters.register(device, thisYear).multiply(BigDecimal.valueOf(2));
    }

    /** The site's electricity: its top meters (both incomers and the pump room). */
    static BigDecimal siteUse(Instant from, Instant to) {
        return meters.counted("b1-main-em", from, to).add(meters.counted("b2-main-em", from, to)).add(meters.counted("pump-room-em", from, to));
    }

    static void openEnergy(String lang) {
        ConsolePage.openEnergyAsManager(browser, console, lang);
    }

    static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    static String figure(String key, String expected) {
        return ConsolePage.textOf(browser, By.cssSelector("#energy-cards [data-figure='" + key + "'] strong"), t -> t.equals(expected));
    }

    @Test
    void theLeakingFlatStandsOutAmongItsPeersPerSquareMetre() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate to = today.minusDays(1);
        LocalDate from = to.minusDays(3);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                + "/api/v1/sites/energy-day/energy/outliers?medium=water&from=" + from + "&to=" + to)).header("Authorization", "Bearer dash-admin").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        com.fasterxml.jackson.databind.JsonNode o = new ObjectMapper().readTree(r.body());
        com.fasterxml.jackson.databind.JsonNode leak = null;
        for (com.fasterxml.jackson.databind.JsonNode u : o.get("outliers")) {
            if (u.get("unit").asText().equals("b2-0201")) {
                leak = u;
            }
        }
        assertTrue(leak != null, r.body());
        Instant f = from.atStartOfDay(SHANGHAI).toInstant();
        Instant t = to.atStartOfDay(SHANGHAI).toInstant();
        assertEquals(0, new BigDecimal(leak.get("use").asText()).compareTo(meters.counted(EnergyDayMeters.LEAKING, f, t)), leak.toString());
        // it has leaked all along, so not against its own history; 720 L a day more than a flat draws puts it above its peers
        assertTrue(new BigDecimal(leak.get("peerRatio").asText()).compareTo(BigDecimal.ONE) > 0, leak.toString());
        assertEquals(8, o.get("units").asInt());
    }

    @Test
    void theMorningDashboardShowsWhatTheMetersCountedAndItsChartSavesAsAPicture() throws Exception {
        openEnergy("zh-CN");
        js("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        LocalDate today = LocalDate.now(SHANGHAI);
        Instant midnight = today.atStartOfDay(SHANGHAI).toInstant();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(SHANGHAI).toInstant();
        figure("today", siteUse(midnight, lastReading).toPlainString());
        figure("monthToDate", siteUse(monthStart, lastReading).toPlainString());
        // the change: whole days of this month (up to yesterday) against as many first days of last month
        int wholeDays = today.getDayOfMonth() - 1;
        if (wholeDays > 0) {
            Instant lastMonthStart = today.withDayOfMonth(1).minusMonths(1).atStartOfDay(SHANGHAI).toInstant();
            Instant sameDaysEnd = today.withDayOfMonth(1).minusMonths(1).plusDays(wholeDays).atStartOfDay(SHANGHAI).toInstant();
            BigDecimal before = siteUse(lastMonthStart, sameDaysEnd.isAfter(monthStart) ? monthStart : sameDaysEnd);
            BigDecimal now = siteUse(monthStart, midnight);
            figure("lastMonthSamePeriod", before.toPlainString());
            double change = (now.doubleValue() - before.doubleValue()) / before.doubleValue() * 100;
            figure("change", String.format(java.util.Locale.ROOT, "%s%.1f %%", change > 0 ? "+" : "", change));
            assertEquals("上月同期 (1–" + wholeDays + ")", browser.findElement(By.cssSelector("#energy-cards [data-figure='lastMonthSamePeriod'] .what")).getText());
            figure("lastYearSamePeriod", "—"); // no readings a year ago yet
            // the baseline: each weekday's mean of the days with readings in the eight weeks before the 1st (here last month's)
            java.util.Map<java.time.DayOfWeek, java.util.List<BigDecimal>> byDay = new java.util.EnumMap<>(java.time.DayOfWeek.class);
            for (LocalDate d = today.withDayOfMonth(1).minusMonths(1); d.isBefore(today.withDayOfMonth(1)); d = d.plusDays(1)) {
                byDay.computeIfAbsent(d.getDayOfWeek(), k -> new java.util.ArrayList<>())
                        .add(siteUse(d.atStartOfDay(SHANGHAI).toInstant(), d.plusDays(1).atStartOfDay(SHANGHAI).toInstant()));
            }
            BigDecimal expected = BigDecimal.ZERO;
            for (LocalDate d = today.withDayOfMonth(1); d.isBefore(today); d = d.plusDays(1)) {
                java.util.List<BigDecimal> vs = byDay.get(d.getDayOfWeek());
                expected = expected.add(vs.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(vs.size()), java.math.MathContext.DECIMAL64)
                        .setScale(3, java.math.RoundingMode.HALF_UP));
            }
            String want = "预计 " + expected.toPlainString() + " kWh，实际 " + now.toPlainString() + " kWh，节约 " + expected.subtract(now).toPlainString() + " kWh";
            ConsolePage.textOf(browser, By.id("energy-baseline"), t -> t.contains(want) && t.contains("CV(RMSE)"));
        } else {
            figure("change", "—");
        }
        assertEquals("今日", browser.findElement(By.cssSelector("#energy-cards [data-figure='today'] .what")).getText());
        // what is still open on the site, linked to the alarm list
        int open = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                + "/api/v1/sites/energy-day/alarms")).header("Authorization", "Bearer dash-admin").build(), HttpResponse.BodyHandlers.ofString()).body()).size();
        figure("openAlarms", String.valueOf(open));
        // and the work still open, linked to the work orders page
        figure("openWorkOrders", "2");
        ConsolePage.textOf(browser, By.cssSelector("#energy-cards [data-figure='openWorkOrders']"), t -> t.contains("其中超时 1 张"));
        assertTrue(browser.findElement(By.cssSelector("#energy-cards [data-figure='openWorkOrders']")).getAttribute("href").endsWith("#orders"));
        // CO₂ with the factor it was counted with: energy-day.yaml draws from the East China grid, latest factor 2023's
        figure("carbon", siteUse(monthStart, lastReading).multiply(new BigDecimal("0.5500")).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString());
        assertEquals("华东电网 2023 年排放因子 0.5500 kgCO₂/kWh", browser.findElement(By.cssSelector("#energy-cards [data-figure='carbon'] .factor")).getText());

        // the chart: one bar per day of this month so far, last month's line, the first day's value as the meters counted it
        ConsolePage.waitFor(browser, d -> js("const c = echarts.getInstanceByDom(document.getElementById('energy-daily-chart'));"
                + "return c && c.getOption().series.length === 2 ? true : null;"));
        @SuppressWarnings("unchecked")
        List<Object> thisMonth = (List<Object>) js("return echarts.getInstanceByDom(document.getElementById('energy-daily-chart')).getOption().series[0].data;");
        @SuppressWarnings("unchecked")
        List<Object> lastMonth = (List<Object>) js("return echarts.getInstanceByDom(document.getElementById('energy-daily-chart')).getOption().series[1].data;");
        assertEquals(31, thisMonth.size());
        Instant day2 = monthStart.plus(Duration.ofDays(1));
        if (!day2.isAfter(lastReading)) {
            assertEquals(siteUse(monthStart, day2).doubleValue(), ((Number) thisMonth.get(0)).doubleValue(), 1e-9, "the 1st: " + thisMonth);
        }
        int lastMonthDays = today.minusMonths(1).lengthOfMonth();
        assertTrue(lastMonth.subList(0, lastMonthDays).stream().allMatch(v -> v instanceof Number n && n.doubleValue() > 0), "every day of last month: " + lastMonth);

        // the category chart and the night-flow table of the water meters
        ConsolePage.waitFor(browser, d -> js("const c = echarts.getInstanceByDom(document.getElementById('energy-category-chart'));"
                + "return c && c.getOption().yAxis[0].data.includes('公共未计量及损耗') ? true : null;"));
        String leak = ConsolePage.textOf(browser, By.cssSelector("#night-flow tbody tr:first-child"), t -> t.contains(EnergyDayMeters.LEAKING));
        assertTrue(leak.contains("疑似漏水") && leak.contains("5 / 5"), leak);
        ConsolePage.screenshot(browser, "energy-dashboard-zh");
        js("document.getElementById('energy-categories').scrollIntoView();");
        ConsolePage.screenshot(browser, "energy-categories-night-flow-zh");

        // the chart as a PNG, at twice the chart's size
        js("window.__png = null; const click = HTMLAnchorElement.prototype.click;"
                + "HTMLAnchorElement.prototype.click = function () { if (this.href.startsWith('data:image/png')) window.__png = this.href; else click.call(this); };");
        browser.findElement(By.id("energy-daily-png")).click();
        String png = ConsolePage.waitFor(browser, d -> (String) js("return window.__png;"));
        byte[] bytes = java.util.Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1));
        assertEquals("\u0089PNG", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        long width = (Long) js("return document.getElementById('energy-daily-chart').clientWidth;");
        assertEquals(2 * width, image.getWidth(), "pixel ratio 2");

        // a building: its incomer's figures; water: the flats' meters
        new Select(browser.findElement(By.id("energy-building"))).selectByValue("b1");
        figure("monthToDate", meters.counted("b1-main-em", monthStart, lastReading).toPlainString());
        new Select(browser.findElement(By.id("energy-medium"))).selectByValue("water");
        figure("monthToDate", meters.counted(d -> EnergyDayMeters.water(d) && d.location().building().equals("b1"), monthStart, lastReading).toPlainString());
        String unit = browser.findElement(By.cssSelector("#energy-cards [data-figure='monthToDate']")).getText();
        assertTrue(unit.contains("m³"), unit);
        @SuppressWarnings("unchecked")
        List<Object> violations = (List<Object>) js("return window.__violations;");
        assertEquals(List.of(), violations, "the charts keep within the console's content security policy");

        browser.manage().window().setSize(new Dimension(768, 1024));
        try {
            new Select(browser.findElement(By.id("energy-medium"))).selectByValue("electricity");
            figure("monthToDate", meters.counted("b1-main-em", monthStart, lastReading).toPlainString());
            ConsolePage.screenshot(browser, "energy-dashboard-tablet-zh");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }

        if (wholeDays > 0) {
            // last year's readings arrive (after the baseline was checked: the register's fall from them to last month's
            // first reading leaves hours of zero between, which a baseline trained on them would count)
            sendLastYear();
            openEnergy("zh-CN");
            BigDecimal now = siteUse(monthStart, midnight);
            figure("lastYearSamePeriod", now.multiply(BigDecimal.valueOf(2)).toPlainString());
            figure("yearChange", "-50.0 %");
            assertEquals("同比 (1–" + wholeDays + ")", browser.findElement(By.cssSelector("#energy-cards [data-figure='yearChange'] .what")).getText());
        }

        openEnergy("en");
        figure("monthToDate", siteUse(monthStart, lastReading).toPlainString());
        assertEquals("This month so far", browser.findElement(By.cssSelector("#energy-cards [data-figure='monthToDate'] .what")).getText());
        ConsolePage.waitFor(browser, d -> js("const c = echarts.getInstanceByDom(document.getElementById('energy-category-chart'));"
                + "return c && c.getOption().yAxis[0].data.includes('Unmetered and losses') ? true : null;"));
        ConsolePage.textOf(browser, By.cssSelector("#night-flow tbody tr:first-child"), t -> t.contains("Possible leak"));
        ConsolePage.screenshot(browser, "energy-dashboard-en");
        js("document.getElementById('energy-categories').scrollIntoView();");
        ConsolePage.screenshot(browser, "energy-categories-night-flow-en");
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", path.contains("/tariff") ? "application/yaml" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, method + " " + path + " → " + r.statusCode() + " " + r.body());
        return r;
    }

    @Test
    void aUnitOutOfTheOrdinaryOpensWithItsDailyUseBesideItsBills() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // last month billed: electricity and water for the b2 flats
        call("PUT", "/api/v1/sites/energy-day/tariff?name=energy-day.tariffs.yaml", "dash-admin",
                new String(EnergyDashboardBrowserTest.class.getResourceAsStream("/billing/energy-day.tariffs.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        call("PUT", "/api/v1/sites/energy-day/billing-accounts", "dash-admin", "[{\"unit\":\"b2-0201\",\"payer\":\"赵敏\",\"feeItems\":[\"electricity\",\"water\"]},"
                + "{\"unit\":\"b2-0202\",\"payer\":\"钱进\",\"feeItems\":[\"electricity\",\"water\"]}]");
        String manager = json.readTree(call("POST", "/api/v1/tokens", "dash-admin", "{\"name\":\"物业经理\",\"role\":\"manager\"}").body()).get("token").asText();
        LocalDate lastMonth = LocalDate.now(SHANGHAI).withDayOfMonth(1).minusMonths(1);
        long run = json.readTree(call("POST", "/api/v1/sites/energy-day/bill-runs", "dash-admin", "{\"from\":\"" + lastMonth + "\",\"to\":\""
                + lastMonth.plusMonths(1) + "\"}").body()).get("id").asLong();
        call("POST", "/api/v1/bill-runs/" + run + "/approve", manager, "{}");
        call("POST", "/api/v1/bill-runs/" + run + "/issue", manager, "{}");

        openEnergy("zh-CN");
        new Select(browser.findElement(By.id("energy-medium"))).selectByValue("water");
        // the table's figures are the API's, and the API's use is what the leaking meter counted (checked above)
        LocalDate today = LocalDate.now(SHANGHAI);
        com.fasterxml.jackson.databind.JsonNode o = json.readTree(call("GET", "/api/v1/sites/energy-day/energy/outliers?medium=water&from=" + today.minusDays(7)
                + "&to=" + today + "&limit=15", "dash-admin", null).body());
        com.fasterxml.jackson.databind.JsonNode leak = null;
        for (com.fasterxml.jackson.databind.JsonNode u : o.get("outliers")) {
            if (u.get("unit").asText().equals("b2-0201")) {
                leak = u;
            }
        }
        assertTrue(leak != null, o.toString());
        assertEquals(0, new BigDecimal(leak.get("use").asText()).compareTo(meters.counted(EnergyDayMeters.LEAKING,
                today.minusDays(7).atStartOfDay(SHANGHAI).toInstant(), today.atStartOfDay(SHANGHAI).toInstant())));
        String wantPerDay = leak.get("perDay").asText() + " m³";
        String row = ConsolePage.textOf(browser, By.cssSelector("#outliers tr[data-unit='b2-0201']"), t -> t.contains(wantPerDay));
        assertTrue(row.contains(leak.get("peerRatio").asText() + " ×"), row);
        if (leak.get("flags").toString().contains("abovePeers")) {
            assertTrue(row.contains("高于同类"), row);
        }
        js("document.getElementById('energy-outliers').scrollIntoView();");
        ConsolePage.screenshot(browser, "energy-outliers-zh");

        // the unit: 90 days of its water by day, yesterday as the meter counted it, and its bills as the statement has them
        browser.findElement(By.cssSelector("#outliers button[data-unit='b2-0201']")).click();
        ConsolePage.waitFor(browser, d -> d.findElement(By.id("energy-unit")).isDisplayed());
        assertEquals("b2-0201 近 90 日每日用量", browser.findElement(By.id("energy-unit-title")).getText());
        Instant yesterday = today.minusDays(1).atStartOfDay(SHANGHAI).toInstant();
        double want = meters.counted(EnergyDayMeters.LEAKING, yesterday, today.atStartOfDay(SHANGHAI).toInstant()).doubleValue();
        ConsolePage.waitFor(browser, d -> js("const c = echarts.getInstanceByDom(document.getElementById('energy-unit-chart'));"
                + "if (!c) return null; const data = c.getOption().series[0].data; return data.length === 91 && data[89] !== null ? true : null;"));
        assertEquals(want, ((Number) js("return echarts.getInstanceByDom(document.getElementById('energy-unit-chart')).getOption().series[0].data[89];")).doubleValue(), 1e-9);
        com.fasterxml.jackson.databind.JsonNode items = json.readTree(call("GET", "/api/v1/sites/energy-day/units/b2-0201/statement", "dash-admin", null).body()).get("items");
        com.fasterxml.jackson.databind.JsonNode water = null;
        for (com.fasterxml.jackson.databind.JsonNode i : items) {
            if (i.get("feeItem").asText().equals("water")) {
                water = i;
            }
        }
        assertTrue(water != null, items.toString());
        // last month's water: what the leaking meter counted, at 3.45 a m³, to the fen
        BigDecimal counted = meters.counted(EnergyDayMeters.LEAKING, lastMonth.atStartOfDay(SHANGHAI).toInstant(),
                lastMonth.plusMonths(1).atStartOfDay(SHANGHAI).toInstant());
        assertEquals(counted.multiply(new BigDecimal("3.45")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), water.get("billed").asText());
        String waterRow = water.get("periodFrom").asText() + " – " + water.get("periodTo").asText() + " 水费 " + water.get("billed").asText();
        ConsolePage.textOf(browser, By.id("energy-unit-bills"), t -> t.contains(waterRow));
        ConsolePage.screenshot(browser, "energy-unit-zh");

        browser.manage().window().setSize(new Dimension(768, 1024));
        try {
            openEnergy("en");
            new Select(browser.findElement(By.id("energy-medium"))).selectByValue("water");
            ConsolePage.textOf(browser, By.cssSelector("#outliers tr[data-unit='b2-0201']"), t -> t.contains(wantPerDay));
            browser.findElement(By.cssSelector("#outliers button[data-unit='b2-0201']")).click();
            String billed = water.get("billed").asText();
            // the fee's name is the statement's (the tariff's Chinese name), the rest of the page English
            ConsolePage.textOf(browser, By.id("energy-unit-bills"), t -> t.contains("Billed") && t.contains(" " + billed + " "));
            ConsolePage.screenshot(browser, "energy-unit-tablet-en");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
