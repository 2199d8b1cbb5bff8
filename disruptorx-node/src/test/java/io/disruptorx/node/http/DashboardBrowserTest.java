package io.disruptorx.node.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.dashboard.HeadlessChromium;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.NodeFeed;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's chromium, headless, driven by Selenium through chromedriver) against an
 * embedded node with its feed and traffic: instruments 1 and 2 trade all the time, instrument 3 only as the test
 * says, so its top of book is known. A late test stops the whole venue (a clean stop, final snapshot) and starts
 * it again on the same data directory and port: the open page reconnects and shows the recovered book. The last
 * closes the page's tab, changes the book while no page is open (the dashboard no longer follows the feed) and opens
 * the page again in another tab: it shows the book as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest
{
    private static final int QUIET = 3;
    private static final long FEW_SECONDS = TimeUnit.SECONDS.toNanos(2);

    private final AtomicBoolean trading = new AtomicBoolean();
    private final List<String> account4Events = new CopyOnWriteArrayList<>();
    private Path dir;
    private UserDirectory users;
    private AuditTrail audit;
    private NodeFeed feed;
    private EmbeddedNode node;
    private NodeHttpServer http;
    private NodeClient client;
    private Thread traffic;
    private WebDriver browser;
    private int port;
    private long orderId;
    private long trafficOrderId = 1_000_000_000L;

    @BeforeAll
    void start() throws IOException
    {
        dir = Files.createTempDirectory(Path.of("target"), "dashboard-node-");
        final String hash = PasswordHash.create("operator-pw", 1_000, new SecureRandom()).toString();
        final String viewerHash = PasswordHash.create("viewer-pw", 1_000, new SecureRandom()).toString();
        final Path userFile = dir.resolve("users.conf");
        Files.writeString(userFile, "users = [\n" +
            "  { name = oper, password-hash = \"" + hash + "\", roles = [operator], accounts = [4] }\n" +
            "  { name = watcher, password-hash = \"" + viewerHash + "\", roles = [viewer], accounts = [4] }\n]\n");
        users = UserDirectory.load(userFile, message -> System.err.println("users: " + message));
        audit = AuditTrail.start(dir.resolve("audit"));
        startVenue(0);
        port = http.port();
        for (int instrument = 1; instrument <= QUIET; instrument++)
        {
            client.addInstrument(instrument, instrument, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000);
            for (long account = 1; account <= 4; account++)
            {
                client.adjustBalance(account, instrument, 1_000_000_000_000L);
                client.adjustBalance(account, 0, 1_000_000_000_000L);
            }
        }
        startTraffic();
        browser = HeadlessChromium.start(dir.resolve("chrome-profile"));
    }

    /**
     * Starts the node on the data directory (recovering what an earlier one journalled), its feed with the
     * recovered book as the opening image, and its HTTP server with the dashboard.
     */
    private void startVenue(final int httpPort)
    {
        feed = NodeFeed.start(FeedServerConfig.builder().session("DXDASH").build());
        node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data")).withSegmentSize(4 * 1024 * 1024)
            .withRingSizes(4096, 16_384).withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L), feed.sink(), null);
        feed.openingImage(node);
        http = await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(UncheckedIOException.class)
            .until(() -> NodeApi.serve(node, new InetSocketAddress("127.0.0.1", httpPort), null, feed), server -> true);
        http.secureDashboard(users, audit.ring());
        client = node.newClient(true);
        node.subscribe(4, new EngineListenerAdapter()
        {
            @Override
            public void onOrderAccepted(
                final long timestamp, final long orderId, final long clientOrderId, final long accountId,
                final int instrumentId, final Side side, final OrderType type, final TimeInForce timeInForce,
                final long price, final long quantity)
            {
                account4Events.add("accepted " + clientOrderId);
            }

            @Override
            public void onOrderRejected(
                final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
                final RejectReason reason)
            {
                account4Events.add("rejected " + clientOrderId + " " + reason);
            }
        });
    }

    private void startTraffic()
    {
        trading.set(true);
        traffic = new Thread(this::trade, "dashboard-test-traffic");
        traffic.start();
    }

    private void stopVenue()
    {
        trading.set(false);
        join(traffic);
        if (http != null)
        {
            http.close();
            http = null;
        }
        if (node != null)
        {
            node.close();
            node = null;
        }
        if (feed != null)
        {
            feed.close();
            feed = null;
        }
    }

    @AfterAll
    void stop()
    {
        if (browser != null)
        {
            browser.quit();
        }
        stopVenue();
        if (audit != null)
        {
            audit.close();
        }
        if (users != null)
        {
            users.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldLoadThePageWithNoConsoleErrors()
    {
        browser.get("http://127.0.0.1:" + port + "/dashboard/");
        await().atMost(Duration.ofSeconds(15)).until(() -> "live".equals(status()));
        await().atMost(Duration.ofSeconds(15)).until(() -> !text("best-bid-price").equals("-"));
        assertThat(browser.getTitle()).isEqualTo("DisruptorX venue");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldShowTheEnginesTopOfBookAndConvergeWithinASecondOfAChange()
    {
        final long firstBid = client.newOrder(1, ++orderId, QUIET, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_990, 7);
        client.newOrder(2, ++orderId, QUIET, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_010, 4);
        awaitApplied(firstBid);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(
            By.cssSelector("#instrument option[value='" + QUIET + "']")).size() == 1);
        new Select(browser.findElement(By.id("instrument"))).selectByValue(Integer.toString(QUIET));
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(topOfBook()).isEqualTo(List.of("9990", "7", "10010", "4")));
        assertThat(ladderRows()).containsExactly("ask 10010 4 1", "bid 9990 7 1");

        final long better = client.newOrder(3, ++orderId, QUIET, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 3);
        final long sent = System.nanoTime();
        awaitApplied(better);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
            .untilAsserted(() -> assertThat(topOfBook()).isEqualTo(List.of("9995", "3", "10010", "4")));
        System.out.printf("[dashboard-browser] ladder converged %.0f ms after the command was sent%n",
            (System.nanoTime() - sent) / 1e6);
        assertThat(ladderRows()).containsExactly("ask 10010 4 1", "bid 9995 3 1", "bid 9990 7 1");
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPutATradeOnTheTape()
    {
        final long sell = client.newOrder(4, ++orderId, QUIET, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_995, 1);
        awaitApplied(sell);
        await().atMost(Duration.ofSeconds(2)).until(() -> browser.findElements(By.cssSelector("#tape tr")).stream()
            .anyMatch(row -> row.getText().endsWith("9995 1 sell")));
        await().atMost(Duration.ofSeconds(2)).until(() -> text("last").equals("9995") && text("volume").equals("1"));
        await().atMost(Duration.ofSeconds(2)).until(() -> "9995 9995 9995 9995 1".equals(
            browser.findElement(By.id("candles")).getAttribute("data-last")));
        await().atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(topOfBook()).isEqualTo(List.of("9995", "2", "10010", "4")));
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDrawLatencyAndThroughputChartsAndSaveAScreenshot() throws IOException
    {
        await().atMost(Duration.ofSeconds(20)).until(() -> points("chart-latency") >= 3 &&
            points("chart-throughput") >= 3);
        assertThat(browser.findElements(By.cssSelector("#chart-latency canvas"))).isNotEmpty();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
            .untilAsserted(() -> assertThat(browser.findElement(
                By.cssSelector("#rings dd[data-name='input ring free']")).getText()).endsWith("/ 4,096"));
        final Path screenshot = Path.of("target", "dashboard-screenshot.png");
        Files.copy(((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[dashboard-browser] screenshot " + screenshot.toAbsolutePath());
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(5)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldHaltAndResumeTheInstrumentThroughTheOperatorsPage() throws IOException
    {
        assertThat(browser.findElements(By.cssSelector("button.op")))
            .allSatisfy(button -> assertThat(button.isEnabled()).isFalse());
        signIn("oper", "operator-pw");
        assertThat(enabledActions()).containsExactlyInAnyOrder("halt", "resume", "snapshot");
        assertThat((String)((JavascriptExecutor)browser).executeScript("return document.cookie;"))
            .as("the session cookie is HttpOnly").doesNotContain("dx_dashboard");

        confirmAction("halt", "halt instrument " + QUIET + "?");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("book-state").endsWith("HALTED"));
        final long rejected = ++orderId;
        awaitApplied(client.newOrder(4, rejected, QUIET, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_000, 1));
        await().atMost(Duration.ofSeconds(5))
            .until(() -> account4Events.contains("rejected " + rejected + " INSTRUMENT_HALTED"));

        confirmAction("resume", "resume instrument " + QUIET + "?");
        await().atMost(Duration.ofSeconds(5)).until(() -> !text("book-state").endsWith("HALTED"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(auditLines("oper"))
            .anyMatch(line -> line.contains("LOGIN_OK"))
            .anyMatch(line -> line.contains("COMMAND") && line.contains("\"halt\"") && line.contains("sequence "))
            .anyMatch(line -> line.contains("COMMAND") && line.contains("\"resume\"")));
        browser.findElement(By.id("signout")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "".equals(
            browser.findElement(By.id("who")).getAttribute("data-user")));
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(6)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDisableTheControlsForAViewerAndRefuseItsForgedRequestServerSide() throws IOException
    {
        signIn("watcher", "viewer-pw");
        assertThat(enabledActions()).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.op"))).hasSize(6);

        final Object status = ((JavascriptExecutor)browser).executeAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "fetch('/dashboard/api/action', {method: 'POST', headers: {'Content-Type': 'application/json'}," +
            " body: JSON.stringify({action: 'halt', instrument: " + QUIET + "})}).then(r => done(r.status));");
        assertThat(((Number)status).intValue()).as("a VIEWER's forged halt").isEqualTo(403);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(auditLines("watcher"))
            .anyMatch(line -> line.contains("DENIAL") && line.contains("halt") && line.contains("ROLE_NOT_PERMITTED")));

        final long accepted = ++orderId;
        awaitApplied(client.newOrder(4, accepted, QUIET, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_000, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> account4Events.contains("accepted " + accepted));
        assertThat(text("book-state")).doesNotEndWith("HALTED");
        browser.findElement(By.id("signout")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "".equals(
            browser.findElement(By.id("who")).getAttribute("data-user")));
    }

    @Test
    @Order(7)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldRecoverAfterTheServerRestarts()
    {
        final long stopping = System.nanoTime();
        stopVenue();
        System.out.println("[dashboard-browser] venue stopped in " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping) + " ms");
        awaitReconnecting();
        startVenue(port);
        startTraffic();
        await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(status()));
        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(topOfBook()).isEqualTo(List.of("9995", "2", "10010", "4")));

        final long change = client.newOrder(1, ++orderId, QUIET, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_005, 6);
        awaitApplied(change);
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(topOfBook()).isEqualTo(List.of("9995", "2", "10005", "6")));
    }

    @Test
    @Order(8)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldShowTheBookAsItIsWhenAPageOpensAfterNoPageWasOpen()
    {
        assertThat(consoleErrors()).as("left by the viewer's forged request and the restart before")
            .allMatch(line -> line.contains("403 (Forbidden)") || line.contains("ERR_CONNECTION_REFUSED"));
        final String dashboardTab = browser.getWindowHandle();
        final String blankTab = browser.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        browser.switchTo().window(dashboardTab).close();
        browser.switchTo().window(blankTab);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.dashboardFeed().running())
            .as("the page closed: the dashboard stops following the feed").isFalse());
        final long bid = client.newOrder(3, ++orderId, QUIET, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_997, 5);
        awaitApplied(bid);

        browser.get("http://127.0.0.1:" + port + "/dashboard/");
        await().atMost(Duration.ofSeconds(15)).until(() -> "live".equals(status()));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(
            By.cssSelector("#instrument option[value='" + QUIET + "']")).size() == 1);
        new Select(browser.findElement(By.id("instrument"))).selectByValue(Integer.toString(QUIET));
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(topOfBook()).isEqualTo(List.of("9997", "5", "10005", "6")));
        assertThat(http.dashboardFeed().running()).isTrue();
        assertThat(consoleErrors()).isEmpty();
    }

    /**
     * Waits up to 10 s for the page to say {@code reconnecting} (its WebSocket closed). Should it not, the failure
     * says what the loopback sockets of the server's port were doing and whether the page still answers, so that it
     * tells a connection the server left open from a close the browser did not read or a page that did not react.
     */
    private void awaitReconnecting()
    {
        try
        {
            await().atMost(Duration.ofSeconds(10)).until(() -> "reconnecting".equals(status()));
        }
        catch (final ConditionTimeoutException ex)
        {
            final CompletableFuture<String> answer = CompletableFuture.supplyAsync(this::status);
            String page;
            try
            {
                page = "the page says " + answer.get(5, TimeUnit.SECONDS);
            }
            catch (final TimeoutException timeout)
            {
                page = "the page did not answer within 5 s";
            }
            catch (final InterruptedException | ExecutionException failed)
            {
                page = "the page could not be read: " + failed;
            }
            throw new AssertionError("the page did not say reconnecting within 10 s of the venue stopping; " + page +
                "; sockets of port " + port + " (server's end: local port " + port + "): " +
                LoopbackSockets.of(port), ex);
        }
    }

    private void trade()
    {
        final NodeClient producer = node.newClient(true);
        long n = 0;
        while (trading.get())
        {
            final int instrument = 1 + (int)(n % 2);
            final Side side = n % 3 == 0 ? Side.SELL : Side.BUY;
            final long price = side == Side.BUY ? 10_000 - n % 5 : 10_000 + n % 5 - 3;
            producer.newOrder(1 + n % 4, ++trafficOrderId, instrument, side, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, price, 1 + n % 7);
            n++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private void awaitApplied(final long sequence)
    {
        final long deadline = System.nanoTime() + FEW_SECONDS * 5;
        while (node.appliedSequence() < sequence && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(node.appliedSequence()).isGreaterThanOrEqualTo(sequence);
    }

    private void signIn(final String user, final String password)
    {
        browser.findElement(By.id("signin-user")).clear();
        browser.findElement(By.id("signin-user")).sendKeys(user);
        browser.findElement(By.id("signin-password")).clear();
        browser.findElement(By.id("signin-password")).sendKeys(password);
        browser.findElement(By.id("signin-button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> user.equals(
            browser.findElement(By.id("who")).getAttribute("data-user")));
    }

    private List<String> enabledActions()
    {
        return browser.findElements(By.cssSelector("button.op")).stream().filter(WebElement::isEnabled)
            .map(button -> button.getAttribute("data-action")).toList();
    }

    private void confirmAction(final String action, final String question)
    {
        browser.findElement(By.cssSelector("button.op[data-action='" + action + "']")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
        assertThat(text("confirm-text")).isEqualTo(question);
        browser.findElement(By.id("confirm-yes")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "200".equals(
            browser.findElement(By.id("ops-message")).getAttribute("data-status")) &&
            text("ops-message").startsWith(action + ": sent"));
    }

    private List<String> auditLines(final String user) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        new AuditQuery(user, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(audit.directory(), lines::add);
        return lines;
    }

    private List<String> topOfBook()
    {
        return List.of(text("best-bid-price"), text("best-bid-qty"), text("best-ask-price"), text("best-ask-qty"));
    }

    private List<String> ladderRows()
    {
        return browser.findElements(By.cssSelector("#ladder tr")).stream()
            .map(row -> row.getAttribute("class") + " " + String.join(" ", row.findElements(By.tagName("td")).stream()
                .map(WebElement::getText).filter(cell -> !cell.isEmpty()).toList()))
            .map(DashboardBrowserTest::priceFirst)
            .toList();
    }

    /**
     * A row reads orders, size, price (bids) or price, size, orders (asks); put it as side, price, size, orders.
     */
    private static String priceFirst(final String row)
    {
        final String[] parts = row.split(" ");
        return parts[0].equals("bid") ? "bid " + parts[3] + " " + parts[2] + " " + parts[1] : row;
    }

    private String text(final String id)
    {
        return browser.findElement(By.id(id)).getText();
    }

    private String status()
    {
        return browser.findElement(By.id("status")).getAttribute("data-state");
    }

    private int points(final String chart)
    {
        return Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-points"));
    }

    private List<String> consoleErrors()
    {
        return HeadlessChromium.consoleErrors(browser);
    }

    private static void join(final Thread thread)
    {
        if (thread == null)
        {
            return;
        }
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
