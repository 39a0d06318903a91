package org.lintel.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.energy.NovemberReadings;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The property manager's energy page (能耗) in headless Chromium against a real hub: November's losses below each
 * incomer of energy-test.yaml, a building whose sub-meter never reported named instead of given a wrong loss, and the
 * CSV export. Screenshots in Chinese and English at a desk's and a tablet's width go to target/console-screenshots.
 */
class EnergyBrowserTest {

    static Hub hub;
    static WebDriver browser;
    static String console;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-energy-console"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("energy-test.yaml"))).withAdminToken("energy-admin").withAdminPassword("Energy-root-pass1"));
        console = "http://127.0.0.1:" + hub.apiPort() + "/console/";
        NovemberReadings.send(hub, "energy-admin");
        ConsolePage.addManager(hub.apiPort(), "energy-admin");
        browser = ConsoleBrowserTest.chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        hub.close();
    }

    /** Signs in as the manager in {@code lang} and opens November on the energy page. */
    static void openNovember(String lang) {
        ConsolePage.openEnergyAsManager(browser, console, lang);
        ConsolePage.waitFor(browser, d -> d.findElement(By.id("energy-month")).isDisplayed());
        ((JavascriptExecutor) browser).executeScript("document.getElementById('energy-month').value = '2026-11';");
        browser.findElement(By.cssSelector("#energy-form button[type=submit]")).click();
    }

    @Test
    void aManagerSeesEachBuildingsLossForAMonthAndExportsIt() throws Exception {
        openNovember("zh-CN");
        // 2030.50 − 1000.00 = 1030.50 kWh at the incomer; 350.00 + 150.00 + 200.25 + 280.00 = 980.25 below it
        String b1 = ConsolePage.textOf(browser, By.cssSelector("#losses tr[data-meter='b1-main-em']"), t -> t.contains("50.250"));
        assertTrue(b1.contains("1030.500 kWh") && b1.contains("980.250 kWh") && b1.contains("4.9 %"), b1);
        String b2 = ConsolePage.textOf(browser, By.cssSelector("#losses tr[data-meter='b2-main-em']"), t -> t.contains("缺少读数"));
        assertTrue(b2.contains("120.000 kWh") && b2.contains("b2-0101-em") && b2.contains("—"), "no loss where a sub-meter is unread: " + b2);
        assertEquals("线损（总表 − 分表之和）", browser.findElement(By.cssSelector("#energy-losses h2")).getText());
        ConsolePage.screenshot(browser, "energy-losses-zh");
        browser.manage().window().setSize(new Dimension(768, 1024));
        try {
            ConsolePage.textOf(browser, By.cssSelector("#losses tr[data-meter='b1-main-em']"), t -> t.contains("4.9 %"));
            ConsolePage.screenshot(browser, "energy-losses-tablet-zh");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }

        // the export is what the table shows, decimals as the hub gave them, a BOM for spreadsheet programs
        // the file's bytes as the browser made them (as text, a BOM would be dropped in decoding)
        ((JavascriptExecutor) browser).executeScript("window.__csv = null; const made = URL.createObjectURL;"
                + "URL.createObjectURL = b => { b.arrayBuffer().then(a => { window.__csv = btoa(String.fromCharCode(...new Uint8Array(a))); }); return made(b); };");
        browser.findElement(By.id("energy-csv")).click();
        String base64 = ConsolePage.waitFor(browser, d -> (String) ((JavascriptExecutor) d).executeScript("return window.__csv;"));
        String csv = new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("\ufeffmeter,unit,upstream,subMeters,loss,percent,estimated,unread\r\n"
                + "b1-main-em,kWh,1030.500,980.250,50.250,4.9,false,\r\n"
                + "b2-main-em,kWh,120.000,0,,,false,b2-0101-em\r\n", csv);

        openNovember("en");
        ConsolePage.textOf(browser, By.cssSelector("#losses tr[data-meter='b2-main-em']"), t -> t.contains("No readings: b2-0101-em"));
        ConsolePage.textOf(browser, By.cssSelector("#losses tr[data-meter='b1-main-em']"), t -> t.contains("4.9 %"));
        assertEquals("Losses (incomer − sum of sub-meters)", browser.findElement(By.cssSelector("#energy-losses h2")).getText());
        ConsolePage.screenshot(browser, "energy-losses-en");
    }
}
