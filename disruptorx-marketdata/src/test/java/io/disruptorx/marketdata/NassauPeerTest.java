package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.paritytrading.nassau.moldudp64.MoldUDP64Client;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientStatusListener;
import io.disruptorx.marketdata.server.FeedEncoder;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.marketdata.server.LossyPacketSink;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity's nassau MoldUDP64Client, an independent implementation, consumes our feed over unicast UDP on
 * 127.0.0.1 with 10% of the packets dropped, and re-requests from our retransmission server.
 */
class NassauPeerTest
{
    private static final int MESSAGES = 5_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldLetNassauConsumeTheFeedAndFillGapsByRerequest() throws IOException
    {
        System.out.println("[md-test] nassau: mode=unicast-127.0.0.1");
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final MessageStore store = new MessageStore(1 << 14, FeedEncoder.MAX_MESSAGE_LENGTH);
        final List<Long> sequences = new ArrayList<>();
        final List<String> requests = new ArrayList<>();
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            UdpLine line = UdpLine.unicast(new InetSocketAddress(loopback, 0));
            RetransmitServer server = new RetransmitServer(new InetSocketAddress(loopback, 0),
                MoldUdp64.session(FeedHarness.SESSION), store, null, 1400, 1000, 0, 0,
                new RequestRateLimiter(10_000, 1000, 100)).start())
        {
            channel.bind(new InetSocketAddress(loopback, 0));
            channel.configureBlocking(false);
            line.addDestination((InetSocketAddress)channel.getLocalAddress());
            final LossyPacketSink lossy = new LossyPacketSink(line, LossModel.random(17, 0.10, 0.01, 3));
            final FeedPublisher publisher = new FeedPublisher(MoldUdp64.session(FeedHarness.SESSION), store, 1400,
                TimeUnit.MILLISECONDS.toNanos(10), lossy);
            final FeedEncoder encoder = new FeedEncoder(publisher);
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
            System.out.println("[md-test] nassau received=" + sequences.size() + " dropped=" + lossy.dropped() +
                " requests=" + requests.size() + " serverRequests=" + server.requestsReceived() +
                " retransmitted=" + server.messagesRetransmitted());
            assertThat(lossy.dropped()).isPositive();
            assertThat(requests).isNotEmpty();
            assertThat(sequences).hasSize(MESSAGES);
            for (int i = 0; i < MESSAGES; i++)
            {
                assertThat(sequences.get(i)).isEqualTo(i + 1L);
            }
        }
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
