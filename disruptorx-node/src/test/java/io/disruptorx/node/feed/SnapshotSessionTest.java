package io.disruptorx.node.feed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.paritytrading.nassau.soupbintcp.SoupBinTCP;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClient;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClientStatusListener;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.SnapshotSessionReader;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GLIMPSE pattern with a client that speaks only SoupBinTCP and our SBE messages (parity's nassau 1.0.0
 * {@code SoupBinTCPClient}, unmodified): while the node trades, log in to the snapshot session, build the book
 * from its OrderAdded messages (each with the order's entry time) up to the EndOfSnapshot, then log in to the feed
 * session at the sequence the snapshot names and apply the rest: the book equals the engine's, every price level.
 */
class SnapshotSessionTest
{
    private static final int INSTRUMENTS = 3;
    private static final int ACCOUNTS = 10;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldBuildTheEnginesBookFromTheSnapshotSessionThenTheFeedFromTheSequenceItNames() throws IOException
    {
        final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build());
        try
        {
            final EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(4 * 1024 * 1024)
                .withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L), feed.sink(), null);
            final FeedClientRunner live = feed.addSubscriber(null, null, 3);
            final NodeClient client = node.newClient(true);
            setUp(client);
            trade(node, client, 1, 3_000);

            final InetSocketAddress server = feed.server().tcpFeedServer().address();
            final MarketBook book = new MarketBook();
            final SnapshotSessionReader snapshot = new SnapshotSessionReader(book, new MarketDataListener()
            {
            });
            final Session glimpse = new Session(server, (message) ->
                snapshot.onMessage(new UnsafeBuffer(message, message.position(), message.remaining()), 0,
                    message.remaining()));
            glimpse.login(feed.server().config().snapshotSession(), 1);
            glimpse.receiveUntilEndOfSession();
            assertThat(snapshot.complete()).as("EndOfSnapshot arrived, with as many orders as were sent").isTrue();
            assertThat(snapshot.nextFeedSequence()).isEqualTo(snapshot.sequence() + 1);
            assertThat(book.orderCount()).as("a book worth comparing").isGreaterThan(20);
            assertEntryTimes(book);

            final BookUpdater updater = new BookUpdater(book, new MarketDataListener()
            {
            });
            final long[] next = {snapshot.nextFeedSequence()};
            final Session session = new Session(server, (message) ->
                updater.onMessage(next[0]++, new UnsafeBuffer(message, message.position(), message.remaining()), 0,
                    message.remaining()));
            session.login("DXTEST", snapshot.nextFeedSequence());
            trade(node, client, 2, 2_000);
            node.close();
            feed.endOfSession();
            session.receiveUntilEndOfSession();
            assertThat(feed.awaitSubscribersEnded(TimeUnit.SECONDS.toNanos(20))).isTrue();
            feed.stopSubscribers();
            System.out.println("[node-feed] snapshot session: S=" + snapshot.sequence() + " orders=" +
                book.orderCount() + " feed messages after it=" + (next[0] - snapshot.nextFeedSequence()) +
                " last=" + feed.server().lastSequence());

            assertThat(session.acceptedSequence).isEqualTo(snapshot.nextFeedSequence());
            assertThat(next[0] - 1).isEqualTo(feed.server().lastSequence());
            assertThat(updater.undecodable() + updater.inconsistencies()).isZero();
            assertThat(BookCheck.differences(node.engineAfterClose(), book)).isEmpty();
            assertThat(BookCheck.differences(node.engineAfterClose(), live.book())).isEmpty();
            assertSameEntryTimes(book, live.book());
        }
        finally
        {
            feed.close();
        }
    }

    /**
     * A restarted node's opening image, and the snapshot session serving the recovered book, give every order the
     * entry time the live feed's OrderAdded gave it before the restart: a priority-keeping replace keeps it, a
     * priority-losing one carries the replace's time, as live.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldGiveRecoveredOrdersTheEntryTimesOfTheLiveFeedAfterARestart() throws IOException
    {
        final MarketBook live = new MarketBook();
        final NodeFeed before = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build());
        try
        {
            final EmbeddedNode node = EmbeddedNode.start(config(), before.sink(), null);
            final NodeClient client = node.newClient(true);
            setUp(client);
            client.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
                9_900, 10);
            client.newOrder(2, 2, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
                10_100, 10);
            trade(node, client, 7, 1_500);
            // order 1 keeps its priority (quantity down), order 2 loses it (new price)
            client.replaceOrder(1, 3, 1, 9_900, 4);
            final long last = client.replaceOrder(2, 4, 2, 10_090, 10);
            awaitApplied(node, last);
            node.close();
            before.endOfSession();
            assertThat(replay(before, 1, before.server().lastSequence(), live)).isZero();
        }
        finally
        {
            before.close();
        }
        assertThat(live.quantity(1)).isEqualTo(4);
        assertThat(live.price(2)).isEqualTo(10_090);
        assertEntryTimes(live);

        final NodeFeed after = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build());
        try
        {
            final EmbeddedNode node = EmbeddedNode.start(config(), after.sink(), null);
            final int image = after.openingImage(node);
            final MarketBook fromImage = new MarketBook();
            assertThat(replay(after, 1, image, fromImage)).isZero();

            final MarketBook fromSnapshot = new MarketBook();
            final SnapshotSessionReader snapshot = new SnapshotSessionReader(fromSnapshot, new MarketDataListener()
            {
            });
            final Session glimpse = new Session(after.server().tcpFeedServer().address(), (message) ->
                snapshot.onMessage(new UnsafeBuffer(message, message.position(), message.remaining()), 0,
                    message.remaining()));
            glimpse.login(after.server().config().snapshotSession(), 1);
            glimpse.receiveUntilEndOfSession();
            node.close();
            System.out.println("[node-feed] restart: image=" + image + " orders=" + fromImage.orderCount() +
                " snapshot orders=" + fromSnapshot.orderCount() + " order 1 entered " + timestamp(fromImage, 1) +
                ", order 2 " + timestamp(fromImage, 2));

            assertThat(snapshot.complete()).isTrue();
            assertThat(fromImage.orderCount()).isEqualTo(live.orderCount()).isGreaterThan(20);
            assertThat(BookCheck.differences(node.engineAfterClose(), fromImage)).isEmpty();
            assertThat(BookCheck.differences(node.engineAfterClose(), fromSnapshot)).isEmpty();
            assertSameEntryTimes(fromImage, live);
            assertSameEntryTimes(fromSnapshot, live);
            assertThat(timestamp(fromImage, 1)).as("a quantity-down replace keeps the entry time")
                .isLessThan(timestamp(fromImage, 2));
        }
        finally
        {
            after.close();
        }
    }

    /**
     * Applies the feed's stored messages {@code from..to} to a book.
     *
     * @return the undecodable or inconsistent messages met.
     */
    private static long replay(final NodeFeed feed, final long from, final long to, final MarketBook book)
    {
        final BookUpdater updater = new BookUpdater(book, new MarketDataListener()
        {
        });
        final UnsafeBuffer message = new UnsafeBuffer(new byte[feed.server().store().maxMessageLength()]);
        for (long sequence = from; sequence <= to; sequence++)
        {
            final int length = feed.server().store().read(sequence, message, 0);
            assertThat(length).as("message %d still stored", sequence).isPositive();
            updater.onMessage(sequence, message, 0, length);
        }
        return updater.undecodable() + updater.inconsistencies();
    }

    private static long timestamp(final MarketBook book, final long orderId)
    {
        for (int i = 0; i < book.bookCount(); i++)
        {
            for (int side = 0; side <= 1; side++)
            {
                final BookSide levels = book.bookAt(i).side(side);
                for (int level = 0; level < levels.levels(); level++)
                {
                    for (int slot = levels.firstSlot(level); slot >= 0; slot = book.nextSlot(slot))
                    {
                        if (book.slotOrderId(slot) == orderId)
                        {
                            return book.slotTimestamp(slot);
                        }
                    }
                }
            }
        }
        throw new AssertionError("order " + orderId + " not in the book");
    }

    private NodeConfig config()
    {
        return NodeConfig.defaults(dir).withSegmentSize(4 * 1024 * 1024)
            .withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L);
    }

    private static void assertEntryTimes(final MarketBook book)
    {
        for (int i = 0; i < book.bookCount(); i++)
        {
            final InstrumentBook instrument = book.bookAt(i);
            for (int side = 0; side <= 1; side++)
            {
                final BookSide levels = instrument.side(side);
                for (int level = 0; level < levels.levels(); level++)
                {
                    for (int slot = levels.firstSlot(level); slot >= 0; slot = book.nextSlot(slot))
                    {
                        assertThat(book.slotTimestamp(slot)).as("order %d entry time", book.slotOrderId(slot))
                            .isPositive();
                    }
                }
            }
        }
    }

    private static void assertSameEntryTimes(final MarketBook fromSnapshot, final MarketBook fromFeed)
    {
        for (int i = 0; i < fromSnapshot.bookCount(); i++)
        {
            final InstrumentBook instrument = fromSnapshot.bookAt(i);
            final InstrumentBook other = fromFeed.book(instrument.instrumentId());
            for (int side = 0; side <= 1; side++)
            {
                final BookSide levels = instrument.side(side);
                final BookSide otherLevels = other.side(side);
                for (int level = 0; level < levels.levels(); level++)
                {
                    int otherSlot = otherLevels.firstSlot(level);
                    for (int slot = levels.firstSlot(level); slot >= 0; slot = fromSnapshot.nextSlot(slot))
                    {
                        assertThat(fromSnapshot.slotOrderId(slot)).isEqualTo(fromFeed.slotOrderId(otherSlot));
                        assertThat(fromSnapshot.slotTimestamp(slot)).as("entry time from the snapshot")
                            .isEqualTo(fromFeed.slotTimestamp(otherSlot));
                        otherSlot = fromFeed.nextSlot(otherSlot);
                    }
                }
            }
        }
    }

    private static void setUp(final NodeClient client)
    {
        for (int i = 1; i <= INSTRUMENTS; i++)
        {
            client.addInstrument(i, i, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000);
        }
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            for (int asset = 0; asset <= INSTRUMENTS; asset++)
            {
                client.adjustBalance(account, asset, 1_000_000_000_000L);
            }
        }
    }

    private static void trade(final EmbeddedNode node, final NodeClient client, final long seed, final int orders)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        long last = 0;
        for (int i = 0; i < orders; i++)
        {
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long offset = random.nextInt(20) - 4;
            last = client.newOrder(1 + random.nextInt(ACCOUNTS), seed * 1_000_000 + i, 1 + random.nextInt(INSTRUMENTS),
                side, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
                side == Side.BUY ? 10_000 - offset : 10_000 + offset, 1 + random.nextInt(30));
        }
        awaitApplied(node, last);
    }

    private static void awaitApplied(final EmbeddedNode node, final long last)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.appliedSequence() < last && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(node.appliedSequence()).isGreaterThanOrEqualTo(last);
    }

    /**
     * nassau's SoupBinTCP client on a non-blocking socket, read on the test's thread.
     */
    private static final class Session
    {
        private final SoupBinTCPClient client;
        private boolean ended;
        private long acceptedSequence = -1;

        Session(final InetSocketAddress server, final Consumer<ByteBuffer> onMessage) throws IOException
        {
            final SocketChannel channel = SocketChannel.open(server);
            channel.configureBlocking(false);
            client = new SoupBinTCPClient(channel, 65_534, onMessage::accept, new SoupBinTCPClientStatusListener()
            {
                @Override
                public void heartbeatTimeout(final SoupBinTCPClient session)
                {
                }

                @Override
                public void loginAccepted(final SoupBinTCPClient session, final SoupBinTCP.LoginAccepted payload)
                {
                    acceptedSequence = payload.getSequenceNumber();
                }

                @Override
                public void loginRejected(final SoupBinTCPClient session, final SoupBinTCP.LoginRejected payload)
                {
                    throw new AssertionError("login rejected: " + (char)payload.getRejectReasonCode());
                }

                @Override
                public void endOfSession(final SoupBinTCPClient session)
                {
                    ended = true;
                }
            });
        }

        void login(final String session, final long sequence) throws IOException
        {
            final SoupBinTCP.LoginRequest request = new SoupBinTCP.LoginRequest();
            request.setUsername("glimps");
            request.setPassword("");
            request.setRequestedSession(session);
            request.setRequestedSequenceNumber(sequence);
            client.login(request);
        }

        void receiveUntilEndOfSession() throws IOException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ended)
            {
                assertThat(System.nanoTime()).as("end of session within 30 s").isLessThan(deadline);
                client.keepAlive();
                if (client.receive() <= 0)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
            }
            client.getChannel().close();
        }
    }
}
