package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request limits belong to the requester's IP address: new source ports get no new burst, and a full table forgets
 * the address that asked least recently instead of refilling everyone.
 */
class RequestRateLimiterTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldGiveNoNewBurstToANewSourcePort() throws IOException
    {
        final TestFeed feed = new TestFeed(64, 1400, 1_000_000);
        feed.addOrders(20);
        final byte[] session = MoldUdp64.session(TestFeed.SESSION);
        try (RetransmitServer server = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0), session, feed.store,
            null, 1400, 20, 0, 0, 0, 1024, new RequestRateLimiter(0.001, 3, 100), SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            final UnsafeBuffer request = new UnsafeBuffer(ByteBuffer.allocate(MoldUdp64.REQUEST_LENGTH));
            MoldUdp64.writeHeader(request, 0, session, 1, 5);
            for (int i = 0; i < 10; i++)
            {
                try (DatagramChannel requester = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0)))
                {
                    requester.send(request.byteBuffer().clear(), server.address());
                }
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> server.counters().requestsReceived() == 10);
            assertThat(server.counters().requestsRateLimited()).as("ten ports of one address, a burst of 3")
                .isEqualTo(7);
        }
    }

    @Test
    void shouldForgetTheLeastRecentAddressWhenFullAndRefillNoOne() throws IOException
    {
        final RequestRateLimiter limiter = new RequestRateLimiter(0.001, 1, 2);
        final InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1000);
        final InetSocketAddress b = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 1000);
        final InetSocketAddress c = new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 1000);
        assertThat(limiter.tryAcquire(a, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).isFalse();
        assertThat(limiter.tryAcquire(b, 0)).isTrue();
        assertThat(limiter.tryAcquire(a, 0)).as("a asked last").isFalse();
        assertThat(limiter.tryAcquire(c, 0)).as("c takes b's place").isTrue();
        assertThat(limiter.tryAcquire(a, 0)).as("a kept its empty bucket").isFalse();
        assertThat(limiter.tryAcquire(new InetSocketAddress(a.getAddress(), 2000), 0)).isFalse();
        assertThat(limiter.tryAcquire(b, 0)).as("b was forgotten: a fresh bucket").isTrue();
    }
}
