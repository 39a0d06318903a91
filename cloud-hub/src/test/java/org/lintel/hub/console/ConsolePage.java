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

    static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
