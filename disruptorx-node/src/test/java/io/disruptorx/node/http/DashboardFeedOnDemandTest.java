package io.disruptorx.node.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
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
import java.util.stream.Stream;

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
 * The node dashboard's feed subscriber ({@code dx-dashboard-md}) runs only while a page is open, and a page that
 * opens after the book was built (with the feed busy on another instrument all along) shows that book: the
 * subscriber starts from the feed's snapshot and follows the feed from there. Pages are the JDK's WebSocket client
 * on {@code /dashboard/ws}, asking for the instrument as the page does.
 */
class DashboardFeedOnDemandTest
{
    private static final String SUBSCRIBER = "dx-dashboard-md";
    private static final int QUIET = 1;
    private static final int BUSY = 2;
    private static final int SCHED_IDLE = 5;

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
        http.close();
        node.close();
        feed.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldSubscribeOnlyWhileAPageIsOpenAndShowTheBookBuiltBeforeItOpened() throws Exception
    {
        place(1, Side.BUY, 9_990, 7);
        place(2, Side.SELL, 10_010, 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !subscriberRuns());
        assertThat(feed.server().packetsSent()).as("the feed is busy while no page is open").isPositive();

        final BlockingQueue<String> first = new LinkedBlockingQueue<>();
        final WebSocket page = open(first);
        await("the first page starts the subscriber").atMost(Duration.ofSeconds(5))
            .until(DashboardFeedOnDemandTest::subscriberRuns);
        assertThat(subscriberPolicy()).as("started by the server's I/O thread, it runs at its priority: SCHED_IDLE")
            .isEqualTo(SCHED_IDLE);
        awaitBook(first, "\"bids\":[[9990,7,1]],\"asks\":[[10010,4,1]]");

        place(3, Side.BUY, 9_995, 3);
        awaitBook(first, "\"bids\":[[9995,3,1],[9990,7,1]],\"asks\":[[10010,4,1]]");

        final BlockingQueue<String> second = new LinkedBlockingQueue<>();
        final WebSocket another = open(second);
        awaitBook(second, "\"bids\":[[9995,3,1],[9990,7,1]],\"asks\":[[10010,4,1]]");
        another.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
            .until(DashboardFeedOnDemandTest::subscriberRuns);

        page.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !subscriberRuns());

        place(4, Side.SELL, 10_005, 6);
        place(2, Side.SELL, TimeInForce.IOC, 9_995, 3);
        final BlockingQueue<String> later = new LinkedBlockingQueue<>();
        final WebSocket reopened = open(later);
        assertThat(awaitBook(later, "\"bids\":[[9990,7,1]],\"asks\":[[10005,6,1],[10010,4,1]]"))
            .as("books shown before the right one: none from before the page closed")
            .noneMatch(book -> book.contains("[9995,3,1]"));
        reopened.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !subscriberRuns());
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

    private static boolean subscriberRuns()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().equals(SUBSCRIBER) && thread.isAlive());
    }

    /** The subscriber thread's scheduling policy: field 41 of its stat line, counted after the name's ")". */
    private static int subscriberPolicy() throws IOException
    {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : tasks.toList())
            {
                final String stat = statOf(task);
                if (stat != null)
                {
                    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[41 - 3]);
                }
            }
        }
        return -1;
    }

    /**
     * @return the task's stat line when it is the subscriber, else null (also when it ended meanwhile).
     */
    private static String statOf(final Path task)
    {
        try
        {
            return Files.readString(task.resolve("comm")).trim().equals(SUBSCRIBER) ?
                Files.readString(task.resolve("stat")) : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
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
