package org.lintel.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless chromium through its chromedriver) against a real hub fed
 * over MQTT: sign in with a staff account (wrong password, lock-out, an ended session, sign-out, a reset password), see the buildings and a building's devices with live values and status, see a
 * fire alarm and acknowledge it, switch between Chinese and English. Screenshots go to target/console-screenshots.
 */
class ConsoleBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SHOTS = Path.of("target/console-screenshots");
    static Hub hub;
    static WebDriver browser;
    static String console;
    static String databaseUrl;
    static final String OPERATOR = "duty-operator";
    static final String OPERATOR_PASSWORD = "Night-shift-2026";
    static final String ADMIN_PASSWORD = "Console-root-pass1";

    @BeforeAll
    static void start() throws Exception {
        databaseUrl = TestPostgres.newDatabaseUrl();
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-console"), 0, TestFolders.freePort(), 0)
                .withPostgres(databaseUrl, TestPostgres.USER, TestPostgres.password()).withLockOut(3, Duration.ofMinutes(10)).withSites(List.of(TestFolders.site("hub-test.yaml"), TestFolders.site("console-phase-two.yaml")))
                .withAdminToken("console-admin").withAdminPassword(ADMIN_PASSWORD));
        console = "http://127.0.0.1:" + hub.apiPort() + "/console/";
        account(OPERATOR, "值班员 张伟", "operator", OPERATOR_PASSWORD);
        feed();
        browser = chromium();
    }

    /** A meter with values, a detector in fire, over Sparkplug like a gateway would send them. */
    static void feed() throws Exception {
        Instant now = Instant.now();
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-f01-smoke", new LinkedHashMap<>(Map.of("alarm.state", "", "temperature", "°C")));
            gw.data("b1-f01-smoke", false, new Object[] {"temperature", now, 24.5}, new Object[] {"alarm.state", now, "fire"});
            Await.until("the fire alarm", Duration.ofSeconds(15), () -> openAlarms() > 0);
        }
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh", "voltage", "V")));
            // three hours of the counter for the device page's chart, then the latest values
            gw.data("b1-0101-em", false, new Object[] {"energy.import.total", now.minusSeconds(3 * 3600), 1230.0},
                    new Object[] {"energy.import.total", now.minusSeconds(2 * 3600), 1232.1}, new Object[] {"energy.import.total", now.minusSeconds(3600), 1233.8});
            gw.data("b1-0101-em", false, new Object[] {"energy.import.total", now, 1234.5}, new Object[] {"voltage", now, 229.8});
            Await.until("the meter's values", Duration.ofSeconds(15), () -> hub.store().latest("hub-test", "b1-0101-em").size() == 2);
            // then the voltage read times out: the console keeps showing the last good value, marked as such
            gw.timedOut("b1-0101-em", "voltage", now.plusSeconds(1));
            Await.until("the timed-out voltage", Duration.ofSeconds(15), () -> hub.store().latest("hub-test", "b1-0101-em").stream()
                    .anyMatch(p -> p.point().equals("voltage") && !p.isGood()));
        }
        // a fire in the second community: it must show in the same alarm list, with its building and floor
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "phase-two", "gw-t9", "gw-t9", "t9-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("t9-f12-smoke", new LinkedHashMap<>(Map.of("alarm.state", "")));
            gw.data("t9-f12-smoke", false, new Object[] {"alarm.state", now, "fire"});
            Await.until("the second site's fire", Duration.ofSeconds(15), () -> openAlarms("phase-two") > 0);
        }
    }

    static int openAlarms() {
        return openAlarms("hub-test");
    }

    static int openAlarms(String site) {
        try {
            return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                    + "/api/v1/sites/" + site + "/alarms")).header("Authorization", "Bearer console-admin").build(), HttpResponse.BodyHandlers.ofString())
                    .body()).size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static WebDriver chromium() {
        String driver = System.getProperty("lintel.chromedriver", "/usr/bin/chromedriver");
        String binary = System.getProperty("lintel.chromium", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(driver)) || !Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("the console tests need Debian's chromium and chromium-driver (" + binary + ", " + driver
                    + "); ./test.sh installs them, or: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        hub.close();
    }

    static WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text satisfies {@code test}, finding it afresh each time (the page re-renders as data change). */
    static String textOf(By by, java.util.function.Predicate<String> test) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> {
                    String text = d.findElement(by).getText();
                    return test.test(text) ? text : null;
                });
    }

    static String attributeOf(By by, String attribute, String expected) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> {
                    String v = d.findElement(by).getAttribute(attribute);
                    return expected.equals(v) ? v : null;
                });
    }

    static void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    static void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path))
                .header("Authorization", "Bearer console-admin").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void account(String username, String displayName, String role, String password) throws Exception {
        HttpResponse<String> r = admin("POST", "/api/v1/accounts", JSON.writeValueAsString(Map.of("username", username, "displayName", displayName,
                "role", role, "sites", "*", "password", password, "mustChangePassword", false)));
        assertEquals(201, r.statusCode(), r.body());
    }

    static void signIn(String username, String password) {
        signIn(username, password, "zh-CN");
    }

    static void signIn(String username, String password, String lang) {
        browser.manage().deleteAllCookies();
        browser.get(console);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.setItem('lintel.lang', arguments[0]);", lang);
        browser.get(console);
        WebElement name = waitFor(By.id("login-username"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> name.isDisplayed());
        name.clear();
        name.sendKeys(username);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    static String loginError() {
        WebElement error = waitFor(By.id("login-error"));
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> error.getText().isEmpty() ? null : error.getText());
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageInChineseAndInEnglish() throws Exception {
        signIn(OPERATOR, "not-the-password");
        assertEquals("账号或密码不正确。", loginError());
        screenshot("sign-in-refused-zh");
        signIn(OPERATOR, "still-not-it", "en");
        assertEquals("The account or the password is not right.", loginError());
        screenshot("sign-in-refused-en");
        // two wrong in a row of three allowed: the right one still works and clears the count
        signIn(OPERATOR, OPERATOR_PASSWORD);
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
    }

    @Test
    void threeWrongPasswordsLockTheAccountAndThePageSaysUntilWhen() throws Exception {
        account("locked.out", "测试 锁定", "read-only", "Right-password-1");
        for (String wrong : List.of("wrong-one-1", "wrong-two-2")) {
            signIn("locked.out", wrong);
            assertEquals("账号或密码不正确。", loginError());
        }
        signIn("locked.out", "wrong-three-3");
        assertTrue(loginError().startsWith("密码错误次数过多，账号已锁定至 "), loginError());
        screenshot("sign-in-locked-zh");
        signIn("locked.out", "Right-password-1");
        assertTrue(loginError().startsWith("密码错误次数过多"), "the right password does not open a locked account");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            signIn("locked.out", "Right-password-1", "en");
            assertTrue(loginError().startsWith("Too many wrong passwords: the account is locked until "), loginError());
            screenshot("sign-in-locked-phone-en");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    @Test
    void anEndedSessionReturnsThePageToSignInWithAMessage() throws Exception {
        account("idle.viewer", "测试 空闲", "manager", "Idle-viewer-pass");
        signIn("idle.viewer", "Idle-viewer-pass");
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
        textOf(By.id("who"), t -> t.contains("测试 空闲") && t.contains("物业经理"));
        // what the idle timer does after 30 minutes: the session's expiry passes (HubSessionTest waits for the real timer)
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(databaseUrl, TestPostgres.USER, TestPostgres.password());
             java.sql.PreparedStatement ps = c.prepareStatement("update staff_session set expires_at = now() where username = 'idle.viewer'")) {
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals("会话已过期，请重新登录。", loginError(), "the next refresh of the page finds the session ended");
        screenshot("session-ended-zh");
    }

    @Test
    void signingOutReturnsToSignInAndTheOldCookieNoLongerWorks() throws Exception {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
        String cookie = browser.manage().getCookieNamed("lintel_session").getValue();
        assertTrue(browser.manage().getCookieNamed("lintel_session").isHttpOnly());
        click(By.id("logout"));
        assertEquals("已退出。", loginError());
        HttpResponse<String> reuse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                + "/api/v1/sites")).header("Cookie", "lintel_session=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, reuse.statusCode(), "the session ended on the hub, not only in the page");
        screenshot("signed-out-zh");
    }

    @Test
    void anAdminCreatesAnAccountAndATokenRevokesItAndReadsTheAuditTrail() throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
        click(By.id("admin-link"));
        textOf(By.cssSelector("#accounts h2"), t -> t.equals("人员账号"));
        textOf(By.cssSelector("#account-list tr[data-username='admin']"), t -> t.contains("管理员") && t.contains("全部小区"));
        browser.findElement(By.id("new-username")).sendKeys("chen.billing");
        browser.findElement(By.id("new-display-name")).sendKeys("陈静");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-role"))).selectByValue("billing");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-sites"))).selectByValue("hub-test");
        browser.findElement(By.id("new-password")).sendKeys("First-pass-2026");
        click(By.id("account-submit"));
        By chen = By.cssSelector("#account-list tr[data-username='chen.billing']");
        textOf(chen, t -> t.contains("陈静") && t.contains("收费员") && t.contains("枢纽测试花园") && t.contains("待改密码"));

        browser.findElement(By.id("token-name")).sendKeys("水务公司对账接口");
        click(By.id("token-submit"));
        String secret = textOf(By.cssSelector("#token-secret code"), t -> t.startsWith("lt_"));
        By tokenRow = By.xpath("//table[@id='token-list']//tr[td[1][text()='水务公司对账接口']]");
        textOf(tokenRow, t -> t.contains("只读") && t.contains("全部小区") && t.contains("从未"));
        HttpResponse<String> works = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                + "/api/v1/sites")).header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, works.statusCode(), "the token shown once works");
        screenshot("admin-zh");
        click(By.xpath("//table[@id='token-list']//tr[td[1][text()='水务公司对账接口']]//button[contains(@class, 'revoke')]"));
        textOf(tokenRow, t -> t.contains("已吊销"));
        assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites"))
                .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "revoked at once");

        click(By.cssSelector("#account-list tr[data-username='chen.billing'] button.toggle"));
        textOf(chen, t -> t.contains("已停用"));
        textOf(By.id("audit-list"), t -> t.contains("POST /api/v1/accounts") && t.contains("DELETE /api/v1/tokens/:id")
                && t.contains("PATCH /api/v1/accounts/:username") && t.contains("admin"));
        click(By.id("lang-toggle"));
        textOf(chen, t -> t.contains("billing clerk") && t.contains("disabled"));
        textOf(By.cssSelector("#audit h2"), t -> t.equals("Audit trail"));
        screenshot("admin-en");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            textOf(chen, t -> t.contains("billing clerk"));
            screenshot("admin-phone-en");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
        click(By.id("admin-back"));
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
    }

    @Test
    void onlyAnAdminSeesTheAdminPage() {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
        assertTrue(!browser.findElement(By.id("admin-link")).isDisplayed(), "no admin link for an operator");
        browser.get(console + "#admin");
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
        assertTrue(!browser.findElement(By.id("admin-view")).isDisplayed(), "#admin shows nothing to an operator; the API refuses anyway");
    }

    @Test
    void aPersonWhosePasswordAnAdminResetChoosesANewOneBeforeAnythingElse() throws Exception {
        account("reset.me", "测试 重置", "engineer", "Original-pass-1");
        assertEquals(200, admin("POST", "/api/v1/accounts/reset.me/password", "{\"password\":\"Temporary-pass-2\"}").statusCode());
        signIn("reset.me", "Temporary-pass-2");
        waitFor(By.id("password-form"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("password-form")).isDisplayed());
        textOf(By.cssSelector("#password-form h2"), t -> t.equals("设置新密码"));
        screenshot("choose-password-zh");
        browser.findElement(By.id("password-current")).sendKeys("Temporary-pass-2");
        browser.findElement(By.id("password-new")).sendKeys("My-own-secret-9");
        browser.findElement(By.id("password-repeat")).sendKeys("My-own-secret-8");
        click(By.id("password-submit"));
        textOf(By.id("password-error"), t -> t.equals("两次输入的新密码不一致。"));
        WebElement repeat = browser.findElement(By.id("password-repeat"));
        repeat.clear();
        repeat.sendKeys("My-own-secret-9");
        click(By.id("password-submit"));
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
        signIn("reset.me", "My-own-secret-9");
        waitFor(By.cssSelector("#buildings .building[data-id='b1']"));
    }

    @Test
    void anOperatorSeesTheBuildingsDevicesWithLiveValuesAndAcknowledgesTheFire() throws Exception {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        By b1 = By.cssSelector("#buildings .building[data-id='b1']");
        textOf(b1, t -> t.contains("1 条报警"));
        click(b1);
        By meter = By.cssSelector("#devices tr[data-device='b1-0101-em']");
        textOf(meter, t -> t.contains("1,234.5 kWh") && t.contains("在线") && t.contains("229.8 V (最后有效值"));
        By fire = By.cssSelector("#alarm-list .alarm[data-type='fire']");
        textOf(fire, t -> t.contains("火警") && t.contains("生命安全") && t.contains("报警未确认"));
        screenshot("console-zh");

        click(By.cssSelector("#alarm-list .alarm[data-type='fire'] button.ack"));
        attributeOf(fire, "data-state", "active-acknowledged");
        long id = Long.parseLong(new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(fire).getAttribute("data-id")));
        assertEquals("duty-operator", hub.alarms().find(id).acknowledgedBy(), "acknowledged in the name of the signed-in person");

        click(By.id("lang-toggle"));
        textOf(By.id("alarms"), t -> t.contains("Alarms"));
        textOf(fire, t -> t.contains("Fire alarm") && t.contains("active, acknowledged") && t.contains("duty-operator"));
        textOf(meter, t -> t.contains("online") && t.contains("Voltage") && t.contains("229.8 V (last good"));
        screenshot("console-en");
    }

    @Test
    void everySitesFiresAreInOneListWithTheirBuildingAndFloorLifeSafetyFirst() throws Exception {
        signIn(OPERATOR, OPERATOR_PASSWORD);
        By second = By.cssSelector("#alarm-list .alarm[data-type='fire'] a[href*='t9-f12-smoke']");
        waitFor(second);
        By secondFire = By.xpath("//li[contains(@class,'alarm')][.//a[contains(@href,'t9-f12-smoke')]]");
        textOf(secondFire, t -> t.contains("二期") && t.contains("9号楼") && t.contains("12层") && t.contains("9号楼12层前室烟感") && t.contains("生命安全"));
        List<WebElement> items = browser.findElements(By.cssSelector("#alarm-list .alarm"));
        assertTrue(items.size() >= 2, "both communities' fires");
        assertTrue(items.get(0).getText().contains("生命安全") && items.get(1).getText().contains("生命安全"), "life-safety alarms come first");
        screenshot("alarms-two-sites-zh");
    }

    @Test
    void aTechnicianOpensADevicePageOnAPhoneWithEveryPointItsAlarmsAndA24HourChart() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            signIn(OPERATOR, OPERATOR_PASSWORD);
            click(By.cssSelector("#buildings .building[data-id='b1']"));
            click(By.cssSelector("#devices tr[data-device='b1-0101-em'] a.device-link"));
            waitFor(By.id("device-view"));
            textOf(By.id("device-name"), t -> t.equals("b1-0101-em"));
            textOf(By.cssSelector("#device-points .kind[data-kind='counters']"), t -> t.contains("累计量") && t.contains("正向有功总电能")
                    && t.contains("1,234.5 kWh") && t.contains("良好"));
            textOf(By.cssSelector("#device-points .kind[data-kind='gauges']"), t -> t.contains("电压") && t.contains("229.8 V (最后有效值")
                    && t.contains("无效"));
            textOf(By.id("device-alarms"), t -> t.contains("本设备没有报警记录。"));
            click(By.cssSelector("#device-points tr[data-point='energy.import.total'] button.history"));
            textOf(By.id("device-chart"), t -> t.contains("正向有功总电能") && t.contains("最近 24 小时") && t.contains("1,230") && t.contains("1,234.5"));
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
            String series = "return echarts.getInstanceByDom(document.getElementById('history-chart')).getOption().series[2].data";
            assertEquals(4, ((List<?>) js.executeScript(series)).size(), "one point per 15-minute bucket with readings");
            screenshot("device-meter-phone-zh");
            // zoomed in on the last two and a half hours: the hub is asked again, minute by minute, for that window only
            js.executeScript("echarts.getInstanceByDom(document.getElementById('history-chart')).dispatchAction("
                    + "{type: 'dataZoom', dataZoomIndex: 0, startValue: Date.now() - 2.5 * 3600e3, endValue: Date.now()});");
            textOf(By.id("history-title"), t -> t.contains("放大的时段") && t.contains("分组 1m"));
            List<?> minutes = (List<?>) js.executeScript(series);
            assertEquals(3, minutes.size(), "the three readings of the window: " + minutes);
            assertEquals(1234.5, ((Number) ((List<?>) minutes.get(2)).get(1)).doubleValue(), 1e-9);
            // a year: the range buttons go back out
            click(By.cssSelector("#history-ranges button[data-range='last1y']"));
            textOf(By.id("history-title"), t -> t.contains("最近一年") && t.contains("分组 1d"));
            js.executeScript("document.getElementById('device-chart').scrollIntoView();");
            screenshot("device-meter-year-phone-zh");

            browser.get(console + "#device/hub-test/b1-f01-smoke");
            textOf(By.cssSelector("#device-points .kind[data-kind='states']"), t -> t.contains("状态与报警量") && t.contains("fire"));
            textOf(By.id("device-alarms"), t -> t.contains("火警"));
            screenshot("device-detector-phone-zh");
            click(By.id("lang-toggle"));
            textOf(By.id("device-alarms"), t -> t.contains("Fire alarm"));
            textOf(By.cssSelector("#device-points .kind[data-kind='states']"), t -> t.contains("States and alarms"));
            screenshot("device-detector-phone-en");
            click(By.id("device-back"));
            waitFor(By.id("site-view"));
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    @Test
    void aClerkComputesARunSeesTheAnomalyFirstBillsItWithAReasonAndAManagerApprovesAndIssuesIt() throws Exception {
        String tariff = Files.readString(Path.of(ConsoleBrowserTest.class.getResource("/billing/hub-test.tariffs.yaml").toURI()));
        assertEquals(200, admin("PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml", tariff).statusCode());
        HttpResponse<String> accounts = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                + "/api/v1/sites/hub-test/billing-accounts")).header("Authorization", "Bearer console-admin").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"electricity\",\"property-fee\"]},"
                        + "{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"electricity\",\"property-fee\"]}]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, accounts.statusCode(), accounts.body());
        account("cashier-chen", "收费员 陈静", "billing", "Counter-desk-2026");
        account("manager-sun", "物业经理 孙丽", "manager", "Estate-office-2026");
        // the meter's readings are of the last three hours: a period from yesterday to tomorrow (local days)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String from = today.minusDays(1).toString();
        String to = today.plusDays(1).toString();

        signIn("cashier-chen", "Counter-desk-2026");
        waitFor(By.id("billing-link"));
        click(By.id("billing-link"));
        waitFor(By.id("run-form"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('run-from').value = arguments[0];"
                + "document.getElementById('run-to').value = arguments[1];", from, to);
        click(By.id("run-submit"));
        waitFor(By.id("run-view"));
        textOf(By.id("run-title"), t -> t.contains("草稿"));
        List<WebElement> review = browser.findElements(By.cssSelector("#review-list li.bill"));
        assertEquals("b1-0102", review.get(0).getAttribute("data-unit"), "the bill with an anomaly comes first");
        assertTrue(review.get(0).getAttribute("class").contains("anomaly"));
        textOf(By.cssSelector("#review-list li[data-unit='b1-0102']"), t -> t.contains("b1-0102-em") || t.contains("electricity"));
        screenshot("billing-run-anomaly-zh");
        click(By.id("run-approve"));
        textOf(By.id("run-message"), t -> t.contains("someone else approves it"));
        browser.findElement(By.cssSelector("#review-list li[data-unit='b1-0102'] .override-reason")).sendKeys("电表未接入，本月电费下月补收");
        click(By.cssSelector("#review-list li[data-unit='b1-0102'] button.override"));
        textOf(By.cssSelector("#review-list li[data-unit='b1-0102']"), t -> t.contains("已确认出账：") && t.contains("电表未接入，本月电费下月补收"));
        textOf(By.id("run-meta"), t -> t.contains("异常 0"));
        screenshot("billing-run-overridden-zh");

        click(By.cssSelector("#review-list li[data-unit='b1-0101'] a"));
        waitFor(By.id("bill-view"));
        textOf(By.id("bill-lines"), t -> t.contains("电费") && t.contains("b1-0101-em") && t.contains("物业费"));
        String readings = browser.findElement(By.cssSelector("#bill-lines td.readings")).getText();
        assertTrue(readings.contains("沿用下次读数") || readings.contains("暂估") || readings.contains("插值估算"),
                "the readings say how each was obtained: " + readings);
        screenshot("billing-bill-zh");
        String runPath = new java.net.URI(browser.getCurrentUrl()).getFragment().replaceAll("/b1-0101$", "");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.navigate().refresh();
            waitFor(By.id("bill-view"));
            textOf(By.id("bill-total"), t -> !t.isEmpty());
            screenshot("billing-bill-phone-zh");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }

        signIn("manager-sun", "Estate-office-2026", "en");
        browser.get(console + "#" + runPath);
        textOf(By.id("run-title"), t -> t.contains("draft"));
        click(By.id("run-approve"));
        textOf(By.id("run-title"), t -> t.contains("approved"));
        click(By.id("run-issue"));
        textOf(By.id("run-title"), t -> t.contains("issued"));
        textOf(By.id("run-meta"), t -> t.contains("issued 物业经理 孙丽") || t.contains("issued manager-sun") || t.contains("issued"));
        screenshot("billing-run-issued-en");
        Object download = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('export-xlsx').href, {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done(r.status + ' '"
                + " + r.headers.get('content-type') + ' ' + b.byteLength)));");
        assertTrue(String.valueOf(download).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "),
                "the signed-in manager downloads the Excel file: " + download);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.navigate().refresh();
            textOf(By.id("run-title"), t -> t.contains("issued"));
            screenshot("billing-run-phone-en");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }

        // the issued bill is corrected by a credit note, never edited
        signIn("cashier-chen", "Counter-desk-2026", "en");
        browser.get(console + "#" + runPath + "/b1-0101");
        waitFor(By.id("credit-form"));
        String total = textOf(By.id("bill-total"), t -> !t.isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("credit-fee"))).selectByValue("property-fee");
        browser.findElement(By.id("credit-amount")).sendKeys("-1.00");
        browser.findElement(By.id("credit-reason")).sendKeys("floor area corrected by the deed");
        click(By.id("credit-submit"));
        textOf(By.id("credit-notes"), t -> t.contains("floor area corrected by the deed") && t.contains("Balance"));
        assertEquals(total, browser.findElement(By.id("bill-total")).getText(), "the issued total stays");
        screenshot("billing-credit-note-en");
    }
}
