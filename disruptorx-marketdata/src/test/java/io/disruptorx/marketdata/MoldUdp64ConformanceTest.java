package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.paritytrading.nassau.moldudp64.MoldUDP64DownstreamPacket;
import com.paritytrading.nassau.moldudp64.MoldUDP64Server;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our MoldUDP64 packets against parity's nassau 1.0.0 {@code MoldUDP64Server}: data packets, heartbeats and end of
 * session are the same bytes (the session left-justified and padded on the right with spaces, as nassau writes
 * it); and a standard request the server cannot serve gets no answer at all, never a packet a MoldUDP64 client
 * would read as a heartbeat.
 */
class MoldUdp64ConformanceTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWriteDataHeartbeatAndEndOfSessionPacketsByteForByteAsNassausServer() throws IOException
    {
        final MarketDataEncoder encoder = new MarketDataEncoder();
        final UnsafeBuffer first = new UnsafeBuffer(new byte[MarketDataEncoder.ORDER_ADDED_LENGTH]);
        final UnsafeBuffer second = new UnsafeBuffer(new byte[MarketDataEncoder.ORDER_ADDED_LENGTH]);
        encoder.orderAdded(first, 0, 1, 1_000, 7, 11, (short)0, 990, 5);
        encoder.orderAdded(second, 0, 2, 2_000, 7, 12, (short)1, 1010, 6);

        final List<byte[]> ours = new ArrayList<>();
        final CachedNanoClock clock = new CachedNanoClock();
        final FeedPublisher publisher = new FeedPublisher(clock, MoldUdp64.session(TestFeed.SESSION),
            new MessageStore(64, MarketDataEncoder.MAX_MESSAGE_LENGTH), 1400, 1_000_000, (packet, length) ->
            {
                final byte[] copy = new byte[length];
                packet.get(0, copy, 0, length);
                ours.add(copy);
            });
        publisher.onMessage(1, first, 0, first.capacity());
        publisher.onMessage(2, second, 0, second.capacity());
        publisher.flush();
        clock.advance(2_000_000);
        publisher.onTimer(clock.nanoTime());
        publisher.endOfSession();

        final List<byte[]> nassaus = new ArrayList<>();
        try (DatagramChannel receiver = DatagramChannel.open(StandardProtocolFamily.INET);
            DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            receiver.bind(new InetSocketAddress(LOOPBACK, 0));
            sender.connect(receiver.getLocalAddress());
            final MoldUDP64Server nassau = new MoldUDP64Server(sender, TestFeed.SESSION);
            final MoldUDP64DownstreamPacket packet = new MoldUDP64DownstreamPacket();
            packet.put(ByteBuffer.wrap(first.byteArray()));
            packet.put(ByteBuffer.wrap(second.byteArray()));
            nassau.send(packet);
            nassau.sendHeartbeat();
            nassau.sendEndOfSession();
            for (int i = 0; i < 3; i++)
            {
                final ByteBuffer datagram = ByteBuffer.allocate(2048);
                receiver.receive(datagram);
                nassaus.add(Arrays.copyOf(datagram.array(), datagram.position()));
            }
        }

        assertThat(ours).hasSize(3);
        for (int i = 0; i < 3; i++)
        {
            assertThat(ours.get(i)).as("packet %d (data, heartbeat, end of session)", i).isEqualTo(nassaus.get(i));
        }
        assertThat(new String(ours.get(0), 0, MoldUdp64.SESSION_LENGTH, StandardCharsets.US_ASCII))
            .as("session left-justified, padded on the right").isEqualTo("DXFEED    ");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAnswerNothingToAStandardRequestItCannotServeTooOldOrRateLimited() throws IOException
    {
        final TestFeed feed = new TestFeed(64, 1400, 1_000_000);
        feed.addOrders(200);
        final CachedNanoClock clock = new CachedNanoClock();
        try (RetransmitServer server = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0),
            MoldUdp64.session(TestFeed.SESSION), feed.store, null, 1400, 1000, 0, 0, 3_000_000, 1024,
            new RequestRateLimiter(1, 2, 100), clock);
            DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            client.configureBlocking(false);
            request(client, server, 1, 5);
            request(client, server, 180, 5);
            request(client, server, 185, 5);
            final List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++)
            {
                clock.advance(100_000);
                server.doWork();
                LockSupport.parkNanos(100_000);
                final ByteBuffer datagram = ByteBuffer.allocate(2048);
                if (client.receive(datagram) != null)
                {
                    answers.add(datagram.position());
                }
            }

            assertThat(server.counters().requestsTooOld()).isEqualTo(1);
            assertThat(server.counters().requestsRateLimited()).isEqualTo(1);
            assertThat(answers).as("only the one request it could serve is answered, with its 5 messages")
                .hasSize(1);
            final int message = MoldUdp64.MESSAGE_LENGTH_FIELD + MarketDataEncoder.ORDER_ADDED_LENGTH;
            assertThat(answers.get(0)).isEqualTo(MoldUdp64.HEADER_LENGTH + 5 * message);
        }
    }

    private static void request(
        final DatagramChannel client, final RetransmitServer server, final long sequence, final int count)
        throws IOException
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[MoldUdp64.REQUEST_LENGTH]);
        MoldUdp64.writeHeader(request, 0, MoldUdp64.session(TestFeed.SESSION), sequence, count);
        client.send(ByteBuffer.wrap(request.byteArray()), server.address());
    }
}
