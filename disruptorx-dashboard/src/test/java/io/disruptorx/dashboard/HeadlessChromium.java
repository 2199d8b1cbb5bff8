package io.disruptorx.dashboard;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven through its chromedriver, as the dashboard's browser tests use it: a window
 * of 1400 x 1100, its own profile directory, the console kept.
 */
public final class HeadlessChromium
{
    private HeadlessChromium()
    {
    }

    /**
     * @param profile the browser's profile directory (a test's own, under target/).
     * @return the driven browser; quit it when done.
     */
    public static WebDriver start(final Path profile)
    {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--disable-background-networking", "--window-size=1400,1100",
            "--user-data-dir=" + profile.toAbsolutePath());
        final LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Reads an element's text in one script, so a page that re-renders the element meanwhile gives no stale element.
     *
     * @param browser  a browser {@link #start} started.
     * @param selector a CSS selector.
     * @return the text of the first element it selects, or null when none.
     */
    public static String text(final WebDriver browser, final String selector)
    {
        return (String)((JavascriptExecutor)browser).executeScript(
            "const e = document.querySelector(arguments[0]); return e === null ? null : e.textContent;", selector);
    }

    /**
     * @param browser a browser {@link #start} started.
     * @return the console's errors (level SEVERE and above) since the previous call.
     */
    public static List<String> consoleErrors(final WebDriver browser)
    {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::toString)
            .toList();
    }
}
