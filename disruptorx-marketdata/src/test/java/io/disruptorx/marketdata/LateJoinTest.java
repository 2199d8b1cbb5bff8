package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.soupbintcp.SoupBinTCP;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.TcpFeedServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standard client joining 60 s after the start of the session from sequence 1 synchronizes: nassau 1.0.0's
 * {@code MoldUDP64Client} backfills everything through our retransmission server, and its {@code SoupBinTCPClient}
 * logs in at sequence 1 and receives everything, with the default retention of {@link FeedServerConfig}. The feed
 * runs on a clock the test moves (60 s of feed in well under a second); the slow variant publishes at the demo's
 * rate (about 60,000 messages a second, 3.6 million messages). Past the retention, the login at 1 is rejected.
 */
class LateJoinTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int DEMO_RATE = 60_000;

    @Test
    void shouldKeepAtLeastAMinuteAtTheDemosRateByDefault()
    {
        final FeedServerConfig defaults = FeedServerConfig.builder().build();
        assertThat(defaults.retentionNanos()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(60));
        assertThat(defaults.maxRetainedMessages()).isGreaterThanOrEqualTo(60L * DEMO_RATE);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldSynchronizeAStandardClientJoiningFromSequenceOneAMinuteAfterTheStart() throws IOException
    {
        joinAfterAMinute(1_000);
    }

    @Tag("slow")
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldSynchronizeAStandardClientJoiningFromSequenceOneAMinuteAfterTheStartAtTheDemosRate()
        throws IOException
    {
        joinAfterAMinute(DEMO_RATE);
    }

    private static void joinAfterAMinute(final int messagesPerSecond) throws IOException
    {
        final FeedServerConfig config = FeedServerConfig.builder().session(TestFeed.SESSION).build();
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(TimeUnit.SECONDS.toNanos(1));
        final MessageStore store = new MessageStore(
            config.retentionNanos(), config.maxRetainedMessages(), MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final byte[] session = MoldUdp64.session(config.session());
        try (UdpLine line = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
            RetransmitServer retransmit = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0), session, store,
                null, config.maxPayload(), config.maxMessagesPerRequest(), config.coalesceNanos(),
                config.coalesceNanos() * 3, config.repeatWindowNanos(), config.maxInFlightMessages(),
                new RequestRateLimiter(config.requestsPerSecond(), config.requestBurst(), 4096), clock);
            TcpFeedServer tcp = new TcpFeedServer(new InetSocketAddress(LOOPBACK, 0), config.session(),
                config.snapshotSession(), store, config.tcpHeartbeatNanos(), config.clientTimeoutNanos(), clock))
        {
            final FeedPublisher publisher = new FeedPublisher(clock, session, store, config.maxPayload(),
                config.heartbeatNanos(), line);
            final OrderPublisher orders = new OrderPublisher(publisher);
            final int perTenMillis = messagesPerSecond / 100;
            for (int step = 0; step < 6_000; step++)
            {
                publish(publisher, orders, perTenMillis);
                clock.advance(10 * MILLI);
            }
            assertThat(store.lowestSequence()).as("a minute in, the store still holds sequence 1").isEqualTo(1);

            try (NassauMoldClient nassau = new NassauMoldClient(retransmit.address(), 1))
            {
                line.addDestination(nassau.address());
                publish(publisher, orders, perTenMillis);
                final long total = publisher.nextSequence() - 1;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(500);
                while (nassau.lastSequence() < total && System.nanoTime() < deadline)
                {
                    clock.advance(MILLI / 10);
                    retransmit.doWork();
                    if (nassau.drain() == 0)
                    {
                        LockSupport.parkNanos(20_000);
                    }
                }
                System.out.printf("[md-test] late join at %d msg/s: %d messages, nassau MoldUDP64 delivered %d, " +
                    "%d requests, %d resent%n", messagesPerSecond, total, nassau.sequences.size(), nassau.requests,
                    retransmit.counters().messagesRetransmitted());
                assertThat(nassau.sequences).hasSize((int)total);
                assertThat(nassau.outOfOrder).isFalse();
                assertThat(nassau.state).isEqualTo(MoldUDP64ClientState.SYNCHRONIZED);
            }

            final long total = publisher.nextSequence() - 1;
            final long[] received = new long[2];
            try (NassauSoupClient soup = new NassauSoupClient(tcp.address(), (message) ->
            {
                received[0]++;
                received[1] = message.order(ByteOrder.LITTLE_ENDIAN).getLong(message.position() + 8);
            }))
            {
                soup.login("late", "", "", 1);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                while (received[0] < total && System.nanoTime() < deadline)
                {
                    tcp.doWork();
                    if (soup.receive() == 0)
                    {
                        LockSupport.parkNanos(20_000);
                    }
                }
                assertThat(soup.acceptedSequence).isEqualTo(1);
                assertThat(received[0]).as("SoupBinTCP login at 1, a minute late").isEqualTo(total);
                assertThat(received[1]).isEqualTo(total);
            }

            final long firstWritten = TimeUnit.SECONDS.toNanos(1);
            while (store.lowestSequence() == 1 && clock.nanoTime() < firstWritten + 4 * config.retentionNanos())
            {
                publish(publisher, orders, perTenMillis);
                clock.advance(10 * MILLI);
            }
            assertThat(store.lowestSequence()).as("the start of the session is released in the end").isGreaterThan(1);
            assertThat(clock.nanoTime() - firstWritten).as("but only after the retention")
                .isGreaterThanOrEqualTo(config.retentionNanos());
            try (NassauSoupClient tooLate = new NassauSoupClient(tcp.address(), null))
            {
                tooLate.login("late", "", "", 1);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (tooLate.rejectCode == 0 && System.nanoTime() < deadline)
                {
                    tcp.doWork();
                    tooLate.receive();
                    LockSupport.parkNanos(50_000);
                }
                assertThat((char)tooLate.rejectCode)
                    .isEqualTo((char)SoupBinTCP.LOGIN_REJECT_CODE_SESSION_NOT_AVAILABLE);
            }
        }
    }

    private static void publish(final FeedPublisher publisher, final OrderPublisher orders, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long s = publisher.nextSequence();
            orders.orderAdded(s, s, 1 + (int)(s % 3), s, (int)(s & 1), 1_000 + (s & 1) * 20 + s % 7, 5);
        }
        publisher.flush();
    }
}
