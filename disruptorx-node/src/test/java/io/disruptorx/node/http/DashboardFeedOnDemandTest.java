package io.disruptorx.node.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.core.net.TextMessages;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.NodeFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node dashboard follows the feed ({@link FeedTap}: the book the feed's recovery server keeps, read in process)
 * only while a page is open, and a page that opens after the book was built (with the feed busy on another instrument
 * all along) shows that book: the dashboard loads the feed's book as it is when the first page opens and follows it
 * from there. Closing the server ends every open page's connection. Pages are the JDK's WebSocket client on
 * {@code /dashboard/ws}, asking for the instrument as the page does.
 */
class DashboardFeedOnDemandTest
{
    private static final int QUIET = 1;
    private static final int BUSY = 2;

    private final AtomicBoolean trading = new AtomicBoolean(true);
    private NodeFeed feed;
    private EmbeddedNode node;
    private NodeHttpServer http;
    private NodeClient client;
    private Thread traffic;
    private long orderId;

    @BeforeEach
    void start() throws IOException
    {
        final Path dir = Files.createTempDirectory(Path.of("target"), "dashboard-on-demand-");
        feed = NodeFeed.start(FeedServerConfig.builder().session("DXONDEMAND").build());
        node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data")).withSegmentSize(4 * 1024 * 1024)
            .withRingSizes(4096, 16_384).withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L), feed.sink(), null);
        feed.openingImage(node);
        http = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0), null, feed);
        client = node.newClient(true);
        for (int instrument = QUIET; instrument <= BUSY; instrument++)
        {
            client.addInstrument(instrument, instrument, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000);
            for (long account = 1; account <= 4; account++)
            {
                client.adjustBalance(account, instrument, 1_000_000_000_000L);
                client.adjustBalance(account, 0, 1_000_000_000_000L);
            }
        }
        traffic = new Thread(this::trade, "dashboard-on-demand-traffic");
        traffic.start();
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        trading.set(false);
        traffic.join(TimeUnit.SECONDS.toMillis(10));
        if (http != null)
        {
            http.close();
        }
        node.close();
        feed.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFollowTheFeedOnlyWhileAPageIsOpenAndShowTheBookBuiltBeforeItOpened() throws Exception
    {
        final FeedTap follower = http.dashboardFeed();
        place(1, Side.BUY, 9_990, 7);
        place(2, Side.SELL, 10_010, 4);
        final long sentBefore = feed.server().packetsSent();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !follower.running());
        assertThat(feed.server().packetsSent()).as("the feed is busy while no page is open").isGreaterThan(sentBefore);
        assertThat(follower.applied()).as("nothing read while no page is open").isZero();
        final long served = snapshotsServed();

        final BlockingQueue<String> first = new LinkedBlockingQueue<>();
        final WebSocket page = open(first);
        await("the first page starts following").atMost(Duration.ofSeconds(5)).until(follower::running);
        awaitBook(first, "\"bids\":[[9990,7,1]],\"asks\":[[10010,4,1]]");
        assertThat(snapshotsServed()).as("no snapshot over TCP: the feed's own book").isEqualTo(served);
        assertThat(follower.booksLoaded()).isEqualTo(1);

        place(3, Side.BUY, 9_995, 3);
        awaitBook(first, "\"bids\":[[9995,3,1],[9990,7,1]],\"asks\":[[10010,4,1]]");

        final BlockingQueue<String> second = new LinkedBlockingQueue<>();
        final WebSocket another = open(second);
        awaitBook(second, "\"bids\":[[9995,3,1],[9990,7,1]],\"asks\":[[10010,4,1]]");
        another.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(follower::running);
        assertThat(follower.booksLoaded()).as("a second page joins what the first started").isEqualTo(1);

        page.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !follower.running());
        final long applied = follower.applied();
        assertThat(applied).as("the feed's messages read while pages were open").isPositive();

        place(4, Side.SELL, 10_005, 6);
        place(2, Side.SELL, TimeInForce.IOC, 9_995, 3);
        assertThat(follower.applied()).as("nothing read once the last page closed").isEqualTo(applied);
        final BlockingQueue<String> later = new LinkedBlockingQueue<>();
        final WebSocket reopened = open(later);
        assertThat(awaitBook(later, "\"bids\":[[9990,7,1]],\"asks\":[[10005,6,1],[10010,4,1]]"))
            .as("books shown before the right one: none from before the page closed")
            .noneMatch(book -> book.contains("[9995,3,1]"));
        assertThat(follower.booksLoaded()).as("reopened: the feed's book loaded again").isEqualTo(2);
        reopened.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !follower.running());
    }

    /**
     * Closing the server ends every open page's WebSocket (the page sees its connection go and reconnects), while the
     * ticks are writing to them and the feed is busy: what the browser test's restart relies on, without a browser.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEndEveryOpenPagesConnectionWhenTheServerCloses() throws Exception
    {
        place(1, Side.BUY, 9_990, 7);
        final List<TextMessages> pages = new ArrayList<>();
        final List<BlockingQueue<String>> updates = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            final TextMessages page = new TextMessages(messages);
            final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + http.port() + "/dashboard/ws"), page)
                .get(10, TimeUnit.SECONDS);
            socket.sendText("{\"instrument\":" + QUIET + "}", true).get(5, TimeUnit.SECONDS);
            pages.add(page);
            updates.add(messages);
        }
        for (final BlockingQueue<String> messages : updates)
        {
            awaitBook(messages, "\"bids\":[[9990,7,1]],\"asks\":[]");
        }

        http.close();
        http = null;
        for (final TextMessages page : pages)
        {
            await("the page hears its connection end").atMost(Duration.ofSeconds(10))
                .until(() -> page.ended() != null);
        }
    }

    private long snapshotsServed()
    {
        return feed.server().recoveryServer().counters().snapshotsServed();
    }

    private WebSocket open(final BlockingQueue<String> messages) throws Exception
    {
        final WebSocket socket = TextMessages.connect(
            URI.create("ws://127.0.0.1:" + http.port() + "/dashboard/ws"), messages);
        socket.sendText("{\"instrument\":" + QUIET + "}", true).get(5, TimeUnit.SECONDS);
        return socket;
    }

    /**
     * Waits for an update whose book of the quiet instrument is exactly {@code sides}.
     *
     * @return the books of that instrument shown before it.
     */
    private static List<String> awaitBook(final BlockingQueue<String> messages, final String sides)
    {
        final String book = "\"book\":{\"i\":" + QUIET + ",";
        final List<String> before = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() ->
        {
            final String message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message == null || !message.contains(book))
            {
                return false;
            }
            final String shown = message.substring(message.indexOf(book));
            if (shown.contains(sides + "}"))
            {
                return true;
            }
            before.add(shown);
            return false;
        });
        return before;
    }

    private void place(final long account, final Side side, final long price, final long quantity)
    {
        place(account, side, TimeInForce.GTC, price, quantity);
    }

    private void place(final long account, final Side side, final TimeInForce timeInForce, final long price,
        final long quantity)
    {
        final long sequence = client.newOrder(account, ++orderId, QUIET, side, OrderType.LIMIT, timeInForce,
            false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.appliedSequence() >= sequence);
    }

    private void trade()
    {
        final NodeClient producer = node.newClient(true);
        long n = 0;
        long trafficOrderId = 1_000_000_000L;
        while (trading.get())
        {
            final Side side = n % 3 == 0 ? Side.SELL : Side.BUY;
            final long price = side == Side.BUY ? 10_000 - n % 5 : 10_000 + n % 5 - 3;
            producer.newOrder(1 + n % 4, ++trafficOrderId, BUSY, side, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, price, 1 + n % 7);
            n++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
