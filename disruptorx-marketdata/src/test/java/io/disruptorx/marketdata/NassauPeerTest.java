package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.paritytrading.nassau.moldudp64.MoldUDP64Client;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientStatusListener;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.marketdata.server.LossyPacketSink;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitCounters;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity's nassau MoldUDP64Client, an independent implementation, consumes our feed over unicast UDP on
 * 127.0.0.1 with 10% of the packets dropped, and re-requests from our retransmission server: it must receive
 * every message, in order, with and without the server's per-requester repeat suppression. How much the
 * suppression saves with nassau depends on thread timing (it ranged from a 300-fold cut to none across JDKs
 * and machine load), so the saving itself is asserted by the timing-free growing-requests test below.
 */
class NassauPeerTest
{
    private static final int MESSAGES = 5_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldLetNassauConsumeTheFeedAndFillGapsByRerequestWithoutResendingRepeats() throws IOException
    {
        System.out.println("[md-test] nassau: mode=unicast-127.0.0.1");
        final Run before = run(0);
        final Run after = run(TimeUnit.MILLISECONDS.toNanos(3));
        System.out.printf("[md-test] nassau repeat suppression: before requests=%d resent=%d (%.0f per dropped " +
            "packet); after requests=%d resent=%d (%.0f per dropped packet), %d requests and %d messages not " +
            "repeated%n", before.serverRequests, before.retransmitted, before.retransmitted / (double)before.dropped,
            after.serverRequests, after.retransmitted, after.retransmitted / (double)after.dropped,
            after.requestsRepeated, after.messagesNotRepeated);
        assertThat(before.messagesNotRepeated).isZero();
        assertThat(after.messagesNotRepeated).as("the repeat window engaged for nassau's repeats").isPositive();
    }

    /**
     * Nassau's pattern without its timing: one requester asks for [1000, 1000 + 10k) for k = 1..20, as a client
     * does that re-requests from the same sequence on every packet while it is behind.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSendEachMessageOnceToARequesterThatRepeatsGrowingRequests() throws IOException
    {
        final long before = growingRequests(0);
        final long after = growingRequests(TimeUnit.MILLISECONDS.toNanos(3));
        System.out.println("[md-test] growing requests 10..200 from one requester: resent before=" + before +
            " after=" + after);
        assertThat(before).isEqualTo(2100);
        assertThat(after).isLessThanOrEqualTo(2100 / 4).isGreaterThanOrEqualTo(200);
    }

    private static long growingRequests(final long repeatWindowNanos) throws IOException
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final byte[] session = MoldUdp64.session(TestFeed.SESSION);
        final MessageStore store = new MessageStore(1 << 12, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final FeedPublisher publisher = new FeedPublisher(session, store, 1400, TimeUnit.SECONDS.toNanos(1),
            (packet, length) ->
            {
            });
        final OrderPublisher encoder = new OrderPublisher(publisher);
        for (int i = 1; i <= 2000; i++)
        {
            encoder.orderAdded(i, i, 1, i, i % 2, 100, 5);
        }
        publisher.flush();
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET);
            RetransmitServer server = new RetransmitServer(new InetSocketAddress(loopback, 0), session, store, null,
                1400, 1000, 0, 0, repeatWindowNanos, 1024, new RequestRateLimiter(10_000, 1000, 100),
                SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            client.bind(new InetSocketAddress(loopback, 0));
            final ByteBuffer request = ByteBuffer.allocate(MoldUdp64.REQUEST_LENGTH);
            final UnsafeBuffer requestBuffer = new UnsafeBuffer(request);
            for (int k = 1; k <= 20; k++)
            {
                MoldUdp64.writeHeader(requestBuffer, 0, session, 1000, 10 * k);
                request.clear();
                client.send(request, server.address());
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.counters().messagesRetransmitted() + server.counters().messagesNotRepeated() < 2100 &&
                System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertThat(server.counters().requestsReceived()).isEqualTo(20);
            assertThat(server.counters().messagesRetransmitted() + server.counters().messagesNotRepeated())
                .as("every requested message is either resent or counted as not repeated").isEqualTo(2100);
            return server.counters().messagesRetransmitted();
        }
    }

    private static Run run(final long repeatWindowNanos) throws IOException
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final MessageStore store = new MessageStore(1 << 14, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final List<Long> sequences = new ArrayList<>();
        final List<String> requests = new ArrayList<>();
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            UdpLine line = UdpLine.unicast(new InetSocketAddress(loopback, 0));
            RetransmitServer server = new RetransmitServer(new InetSocketAddress(loopback, 0),
                MoldUdp64.session(TestFeed.SESSION), store, null, 1400, 1000, 0, 0, repeatWindowNanos, 1024,
                new RequestRateLimiter(10_000, 1000, 100), SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            channel.bind(new InetSocketAddress(loopback, 0));
            channel.configureBlocking(false);
            line.addDestination((InetSocketAddress)channel.getLocalAddress());
            final LossyPacketSink lossy = new LossyPacketSink(line, LossModel.random(17, 0.10, 0.01, 3));
            final FeedPublisher publisher = new FeedPublisher(MoldUdp64.session(TestFeed.SESSION), store, 1400,
                TimeUnit.MILLISECONDS.toNanos(10), lossy);
            final OrderPublisher encoder = new OrderPublisher(publisher);
            final MoldUDP64Client nassau = new MoldUDP64Client(channel, server.address(),
                (message) -> sequences.add(message.order(ByteOrder.LITTLE_ENDIAN).getLong(message.position() + 8)),
                new MoldUDP64ClientStatusListener()
                {
                    @Override
                    public void state(final MoldUDP64Client session, final MoldUDP64ClientState next)
                    {
                    }

                    @Override
                    public void downstream(final MoldUDP64Client session, final long sequence, final int count)
                    {
                    }

                    @Override
                    public void request(final MoldUDP64Client session, final long sequence, final int count)
                    {
                        requests.add(sequence + "+" + count);
                    }

                    @Override
                    public void endOfSession(final MoldUDP64Client session)
                    {
                    }
                });
            for (int i = 1; i <= MESSAGES; i++)
            {
                encoder.orderAdded(i, i, 1, i, i % 2, 100 + i % 7, 5);
                if (i % 6 == 0)
                {
                    publisher.flush();
                    drain(nassau);
                }
            }
            publisher.flush();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (sequences.size() < MESSAGES && System.nanoTime() < deadline)
            {
                publisher.onTimer(System.nanoTime());
                drain(nassau);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            System.out.println("[md-test] nassau repeatWindowNanos=" + repeatWindowNanos + " received=" +
                sequences.size() + " dropped=" + lossy.dropped() + " requests=" + requests.size() +
                " serverRequests=" + server.counters().requestsReceived() + " retransmitted=" +
                server.counters().messagesRetransmitted() + " notRepeated=" + server.counters().messagesNotRepeated());
            assertThat(lossy.dropped()).isPositive();
            assertThat(requests).isNotEmpty();
            assertThat(sequences).hasSize(MESSAGES);
            for (int i = 0; i < MESSAGES; i++)
            {
                assertThat(sequences.get(i)).isEqualTo(i + 1L);
            }
            final RetransmitCounters counters = server.counters();
            return new Run(lossy.dropped(), counters.requestsReceived(), counters.messagesRetransmitted(),
                counters.requestsRepeated(), counters.messagesNotRepeated());
        }
    }

    private record Run(
        long dropped,
        long serverRequests,
        long retransmitted,
        long requestsRepeated,
        long messagesNotRepeated)
    {
    }

    private static int drain(final MoldUDP64Client nassau) throws IOException
    {
        int packets = 0;
        while (nassau.receive())
        {
            packets++;
        }
        return packets;
    }
}
