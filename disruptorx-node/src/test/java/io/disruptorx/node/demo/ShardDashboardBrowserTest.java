package io.disruptorx.node.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.dashboard.HeadlessChromium;
import io.disruptorx.journal.ForcePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shard card in a real browser (headless chromium) against {@code dx demo --shards 2} (two embedded shards
 * behind one shard gateway, its traders sending orders): the page shows both shards with the instruments the
 * routing table gives each (together all of the demo's), commands per second routed to each while the traders
 * trade (also drawn as the throughput chart's commands/s), both links up, the routing table's version and no move
 * in progress.
 */
class ShardDashboardBrowserTest
{
    private static final int INSTRUMENTS = 8;
    private static final Pattern URL = Pattern.compile("dashboard (http://127\\.0\\.0\\.1:[0-9]+/dashboard/)");

    private ShardedDemoVenue venue;
    private Thread running;
    private WebDriver browser;

    @AfterEach
    void tearDown() throws InterruptedException
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (venue != null)
        {
            venue.stop();
            running.join(TimeUnit.MINUTES.toMillis(1));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldShowEachShardsInstrumentsCommandsAndLink() throws Exception
    {
        final Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shard-dashboard-");
        venue = new ShardedDemoVenue(new DemoVenue.Options(dir.resolve("demo"), INSTRUMENTS, 10, 7, 2_000, 0,
            ForcePolicy.NEVER, new DemoFeed.Settings(0, 0, null, null, null, 0), 0), 2);
        final StringWriter out = new StringWriter();
        running = new Thread(() -> venue.run(TimeUnit.MINUTES.toNanos(2), new PrintWriter(out, true)),
            "shard-dashboard-demo");
        running.start();
        final String url = await().atMost(Duration.ofSeconds(60)).until(() ->
        {
            final Matcher matcher = URL.matcher(out.toString());
            return matcher.find() ? matcher.group(1) : null;
        }, found -> found != null);

        browser = HeadlessChromium.start(dir.resolve("chrome-profile"));
        browser.get(url);
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("shards-card")).isDisplayed());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        {
            long instruments = 0;
            long rate = 0;
            for (final String shard : List.of("shard-0", "shard-1"))
            {
                assertThat(cell("link", shard)).isEqualTo("up");
                instruments += Long.parseLong(cell("instruments", shard));
                final String perSecond = cell("rate", shard).replace(",", "");
                assertThat(perSecond).matches("[0-9]+");
                rate += Long.parseLong(perSecond);
            }
            assertThat(instruments).isEqualTo(INSTRUMENTS);
            assertThat(rate).as("commands/s over the shards").isPositive();
        });
        assertThat(browser.findElements(By.cssSelector("#shards td[data-name='link']"))).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() ->
            Integer.parseInt(browser.findElement(By.id("chart-throughput")).getAttribute("data-points")) > 0);
        assertThat(move("move in progress")).isEqualTo("none");
        assertThat(move("routing table version")).matches("[0-9,]+");
        assertThat(browser.findElement(By.id("cluster-card")).isDisplayed()).isFalse();
        ((JavascriptExecutor)browser).executeScript("document.getElementById('shards-card').scrollIntoView()");
        final Path screenshot = Path.of("target", "dashboard-shards-screenshot.png");
        Files.copy(((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[shard-dashboard-browser] screenshot " + screenshot.toAbsolutePath());
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
    }

    private String cell(final String column, final String shard)
    {
        final String text = HeadlessChromium.text(browser,
            "#shards td[data-name='" + column + "'][data-shard='" + shard + "']");
        assertThat(text).as(column + " of " + shard).isNotNull();
        return text;
    }

    private String move(final String name)
    {
        return HeadlessChromium.text(browser, "#moves dd[data-name='" + name + "']");
    }
}
