package org.lintel.hub.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console's browser tests do on a page: wait for it to settle, read an element's text, keep a screenshot. */
final class ConsolePage {

    static final Path SHOTS = Path.of("target/console-screenshots");

    private ConsolePage() {
    }

    /** Waits up to 20 s for a non-null answer, finding elements afresh each time (the page re-renders as data change). */
    static <T> T waitFor(WebDriver browser, Function<WebDriver, T> until) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(until::apply);
    }

    static String textOf(WebDriver browser, By by, Predicate<String> test) {
        return waitFor(browser, d -> {
            String text = d.findElement(by).getText();
            return test.test(text) ? text : null;
        });
    }

    /** The energy pages' property manager (物业经理 孙丽), made over the API with the admin token. */
    static final String MANAGER = "manager-sun";
    static final String MANAGER_PASSWORD = "Morning-dash-2026";

    static void addManager(int apiPort, String adminToken) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + apiPort + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
                        "username", MANAGER, "displayName", "物业经理 孙丽", "role", "manager", "sites", "*", "password", MANAGER_PASSWORD,
                        "mustChangePassword", false)))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError("creating the manager: " + r.statusCode() + " " + r.body());
        }
    }

    /** Signs in afresh as the manager in {@code lang} and opens the energy page. */
    static void openEnergyAsManager(WebDriver browser, String console, String lang) {
        browser.manage().deleteAllCookies();
        browser.get(console);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.setItem('lintel.lang', arguments[0]);", lang);
        browser.get(console);
        waitFor(browser, d -> d.findElement(By.id("login-username")).isDisplayed());
        browser.findElement(By.id("login-username")).sendKeys(MANAGER);
        browser.findElement(By.id("login-password")).sendKeys(MANAGER_PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        waitFor(browser, d -> d.findElement(By.id("energy-link")).isDisplayed());
        browser.findElement(By.id("energy-link")).click();
        waitFor(browser, d -> d.findElement(By.id("energy-cards")).isDisplayed());
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
