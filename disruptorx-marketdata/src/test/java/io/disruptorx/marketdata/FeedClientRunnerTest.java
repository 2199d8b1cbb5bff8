package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link FeedClientRunner} on its own thread, on real sockets (127.0.0.1): nothing thrown on that thread stops it,
 * and closing it stops its snapshot fetch too.
 */
class FeedClientRunnerTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long MS = 1_000_000L;

    private final TestFeed feed = new TestFeed(1024, 1400, 10 * MS);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCountWhatTheListenerThrowsAndKeepDelivering() throws IOException
    {
        feed.addOrders(3);
        feed.addOrders(3);
        feed.addOrders(3);
        final AtomicInteger calls = new AtomicInteger();
        final MarketDataListener throwing = new MarketDataListener()
        {
            @Override
            public void onBookChanged(final long sequence, final InstrumentBook book)
            {
                calls.incrementAndGet();
                throw new IllegalStateException("the user's bug at " + sequence);
            }
        };
        final FeedClientRunner runner;
        try (DatagramChannel sender = DatagramChannel.open();
            DatagramChannel retransmit = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            FeedClientRunner started = new FeedClientRunner(config().build(),
                endpoints((InetSocketAddress)retransmit.getLocalAddress(), null), throwing).start("md-test-client"))
        {
            runner = started;
            for (final byte[] packet : feed.packets)
            {
                sender.send(ByteBuffer.wrap(packet), runner.lineAAddress());
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> runner.client().counters().messagesDelivered() == 9);
            assertThat(runner.client().counters().listenerErrors()).isEqualTo(9).isEqualTo(calls.get());
            assertThat(runner.client().counters().errors()).isZero();
            assertThat(runner.state()).isEqualTo(FeedState.SYNCHRONIZED);
            assertThat(runner.lastError()).hasMessage("the user's bug at 9");
        }
        assertThat(runner.book().orderCount()).as("the book was updated before each callback").isEqualTo(9);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCountARetransmissionRequestThatCannotBeSentAndRetryIt() throws IOException
    {
        feed.addOrders(3);
        feed.addOrders(3);
        feed.addOrders(3);
        final FeedClientConfig config = config().lineWait(MS, 0).backoff(MS, 2 * MS).maxRequestAttempts(100_000)
            .build();
        final InetSocketAddress unreachable = new InetSocketAddress(LOOPBACK, 0);
        try (DatagramChannel sender = DatagramChannel.open();
            FeedClientRunner runner = new FeedClientRunner(config, endpoints(unreachable, null),
                new MarketDataListener()
                {
                }).start("md-test-client"))
        {
            sender.send(ByteBuffer.wrap(feed.packets.get(0)), runner.lineAAddress());
            sender.send(ByteBuffer.wrap(feed.packets.get(2)), runner.lineAAddress());
            await().atMost(10, TimeUnit.SECONDS).until(() -> runner.client().counters().requestFailures() >= 3);
            assertThat(runner.lastError()).as("sending to port 0 fails").isInstanceOf(IOException.class);
            assertThat(runner.client().counters().requestsSent())
                .isGreaterThanOrEqualTo(runner.client().counters().requestFailures());
            assertThat(runner.state()).isEqualTo(FeedState.RECOVERING);

            sender.send(ByteBuffer.wrap(feed.packets.get(1)), runner.lineAAddress());
            await().atMost(10, TimeUnit.SECONDS).until(() -> runner.client().counters().messagesDelivered() == 9);
            await().atMost(10, TimeUnit.SECONDS).until(() -> runner.state() == FeedState.SYNCHRONIZED);
            assertThat(runner.client().counters().errors()).isZero();
            assertThat(runner.client().counters().gapsFilled()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldStopTheSnapshotFetchOnClose() throws IOException
    {
        try (ServerSocket silent = new ServerSocket(0, 50, LOOPBACK);
            DatagramChannel retransmit = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)))
        {
            final FeedClientRunner runner = new FeedClientRunner(config().startWithSnapshot(true).build(),
                endpoints((InetSocketAddress)retransmit.getLocalAddress(),
                    new InetSocketAddress(LOOPBACK, silent.getLocalPort())), new MarketDataListener()
                    {
                    });
            runner.start("md-test-client");
            await().atMost(10, TimeUnit.SECONDS).until(FeedClientRunnerTest::snapshotFetchAlive);
            assertThat(runner.state()).isEqualTo(FeedState.RECOVERING);
            runner.close();
            assertThat(snapshotFetchAlive()).as("the fetch, waiting for an answer that never comes, was stopped")
                .isFalse();
        }
    }

    private static boolean snapshotFetchAlive()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch((thread) -> thread.getName().equals("dx-md-snapshot") && thread.isAlive());
    }

    private static FeedClientConfig.Builder config()
    {
        return FeedClientConfig.builder().session(TestFeed.SESSION).seed(1);
    }

    private static FeedEndpoints endpoints(final InetSocketAddress retransmit, final InetSocketAddress recovery)
    {
        return new FeedEndpoints(new InetSocketAddress(LOOPBACK, 0), null, false, null, retransmit, recovery);
    }
}
