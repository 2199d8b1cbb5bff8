package io.disruptorx.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * The charts' y axes in a real browser (Debian's chromium, headless, driven by Selenium through chromedriver), fed
 * large values through the metrics registry as a node feeds them: order-to-report latencies of 1 to 100 ms (six
 * digits of microseconds) and about 1.5 million commands a second. A y axis label too wide for its axis is cut at
 * the canvas's left edge, so the test reads that edge's pixels beside the plot: none may be painted.
 */
class ChartAxesBrowserTest
{
    private static final String LABEL = "[0-9]+(\\.[0-9]+)?[kMG]?";

    private final long started = System.nanoTime();
    private Dashboard dashboard;
    private HttpServer server;
    private WebDriver browser;

    @BeforeEach
    void setUp() throws IOException
    {
        final MetricsRegistry metrics = new MetricsRegistry(Duration.ofMinutes(5));
        final LatencyRecorder orderToReport = metrics.latency("dx_order_to_report_latency_seconds", "order to report");
        for (long millis = 1; millis <= 100; millis++)
        {
            orderToReport.record(TimeUnit.MILLISECONDS.toNanos(millis));
        }
        metrics.gauge("dx_engine_applied_sequence", "applied", () -> (System.nanoTime() - started) * 3 / 2_000);
        final Routes routes = Routes.create();
        dashboard = Dashboard.mount(routes, metrics, new MarketView());
        server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0), routes);
        dashboard.start();
        browser = HeadlessChromium.start(
            Files.createTempDirectory(Path.of("target"), "chart-axes-").resolve("chrome-profile"));
    }

    @AfterEach
    void tearDown()
    {
        if (browser != null)
        {
            browser.quit();
        }
        dashboard.close();
        server.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDrawSixDigitLatenciesAndMillionsASecondWithWholeAxisLabels() throws IOException
    {
        browser.get("http://127.0.0.1:" + server.port() + "/dashboard/");
        await().atMost(Duration.ofSeconds(20)).until(() -> points("chart-latency") >= 3 &&
            points("chart-throughput") >= 1);
        ((JavascriptExecutor)browser).executeScript(
            "document.getElementById('chart-latency').closest('section').scrollIntoView({block: 'start'});");
        final Path screenshot = Path.of("target", "chart-axes-screenshot.png");
        Files.copy(((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[chart-axes] screenshot " + screenshot.toAbsolutePath());

        for (final String chart : List.of("chart-latency", "chart-throughput"))
        {
            assertThat(paintedAtLeftEdge(chart)).as("pixels of %s's y axis labels cut at its left edge", chart)
                .isZero();
            assertThat(yLabels(chart)).as("%s's y axis labels", chart).isNotEmpty().allMatch(l -> l.matches(LABEL));
        }
        assertThat(yLabels("chart-latency")).contains("100k");
        assertThat(yLabels("chart-throughput")).anyMatch(label -> label.endsWith("M"));
    }

    /**
     * Counts the painted pixels in the two leftmost columns of the chart's canvas, over the plot's height (the x
     * axis below it is left out): the y axis labels are right-aligned against the plot, so a label too wide for the
     * axis runs into the canvas's edge there, and one that fits leaves it empty.
     */
    private long paintedAtLeftEdge(final String chart)
    {
        return ((Number)((JavascriptExecutor)browser).executeScript(
            "const chart = document.getElementById(arguments[0]);" +
            "const canvas = chart.querySelector('canvas');" +
            "const over = chart.querySelector('.u-over');" +
            "const ratio = canvas.width / canvas.clientWidth;" +
            "const top = Math.round(over.offsetTop * ratio);" +
            "const height = Math.round(over.offsetHeight * ratio);" +
            "const pixels = canvas.getContext('2d').getImageData(0, top, 2, height).data;" +
            "let painted = 0;" +
            "for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted++; } }" +
            "return painted;", chart)).longValue();
    }

    private List<String> yLabels(final String chart)
    {
        final String labels = browser.findElement(By.id(chart)).getAttribute("data-y-labels");
        return labels == null || labels.isEmpty() ? List.of() : List.of(labels.split(" "));
    }

    private int points(final String chart)
    {
        return Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-points"));
    }
}
