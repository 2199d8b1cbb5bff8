package io.disruptorx.marketdata;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.disruptorx.core.net.SlowLoris;
import io.disruptorx.marketdata.client.TcpRecoveryClient;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.TcpFeedServer;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network abuse of the market data TCP servers, on real loopback sockets, while a legitimate client is served
 * between each kind: a slow-loris client trickling a request (recovery) or a login (SoupBinTCP feed) a byte every
 * 50 ms is closed after the idle or client timeout (500 ms here) and counted, as is a client that sends nothing; an
 * oversize frame is closed at once and counted; a flood of connections of random bytes is closed connection by
 * connection, each counted once (a frame error or, for one that ends mid-frame, the timeout). The connection limits
 * are {@code ConnectionLimitsTest}'s.
 */
@Timeout(60)
class MarketDataAbuseTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int GARBAGE_CONNECTIONS = 25;

    private final TestFeed feed = new TestFeed(1024, 1400, 1_000_000);

    @Test
    void shouldCloseAndCountEveryKindOfAbuseOnTheRecoveryServerAndKeepServing() throws Exception
    {
        feed.addOrders(100);
        try (RecoveryServer server = new RecoveryServer(new InetSocketAddress(LOOPBACK, 0), feed.store,
            new RequestRateLimiter(100_000, 100_000, 100), 1000, SystemNanoClock.INSTANCE))
        {
            server.closeIdleAfter(TIMEOUT_NANOS);
            try (AgentHost host = AgentHost.start("md-abuse", AgentHost.Threading.SHARED, server))
            {
                final TcpRecoveryClient client = new TcpRecoveryClient(server.address(), 5_000);
                final byte[] request = ByteBuffer.allocate(2 + 1 + RecoveryProtocol.RETRANSMIT_REQUEST_LENGTH)
                    .putShort((short)(1 + RecoveryProtocol.RETRANSMIT_REQUEST_LENGTH))
                    .put(RecoveryProtocol.RETRANSMIT_REQUEST).putLong(90).putInt(5).array();

                assertSlowLorisClosed(server.address(), request, () -> server.counters().idleTimeouts());
                assertServed(client);
                assertSilentClosed(server.address());
                assertThat(server.counters().idleTimeouts()).isEqualTo(2);
                assertServed(client);

                assertThat(closedAfter(server.address(), new byte[]{(byte)0xFF, (byte)0xFF, 'T'}))
                    .as("an oversize frame").isTrue();
                assertThat(server.counters().oversizedFrames()).isEqualTo(1);
                assertServed(client);

                final long before = abuseCount(server);
                final SplittableRandom random = new SplittableRandom(11);
                for (int i = 0; i < GARBAGE_CONNECTIONS; i++)
                {
                    final byte[] garbage = new byte[1 + random.nextInt(512)];
                    random.nextBytes(garbage);
                    assertThat(closedAfter(server.address(), garbage)).as("garbage connection " + i).isTrue();
                    assertServed(client);
                }
                assertThat(abuseCount(server) - before).as("every garbage connection counted once")
                    .isEqualTo(GARBAGE_CONNECTIONS);
                await("every connection closed").atMost(Duration.ofSeconds(10))
                    .until(() -> server.openConnections() == 0);
            }
        }
    }

    @Test
    void shouldCloseAndCountEveryKindOfAbuseOnTheSoupBinTcpFeedAndKeepServing() throws Exception
    {
        feed.addOrders(100);
        try (TcpFeedServer server = new TcpFeedServer(new InetSocketAddress(LOOPBACK, 0), TestFeed.SESSION,
            "SNAPSHOT", feed.store, TimeUnit.MILLISECONDS.toNanos(100), TIMEOUT_NANOS, SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-abuse", AgentHost.Threading.SHARED, server))
        {
            final byte[] login = ByteBuffer.allocate(2 + 47).putShort((short)47).put((byte)'L')
                .put(String.format("%-6s%-10s%10s%20d", "", "", TestFeed.SESSION, 1).getBytes()).array();

            assertSlowLorisClosed(server.address(), login, () -> server.counters().clientTimeouts());
            assertLoggedIn(server.address(), login);
            assertSilentClosed(server.address());
            assertThat(server.counters().clientTimeouts()).isEqualTo(2);

            assertThat(closedAfter(server.address(), new byte[]{(byte)0xFF, (byte)0xFF, 'L'}))
                .as("an oversize frame").isTrue();
            assertThat(server.counters().oversizedFrames()).isEqualTo(1);
            assertLoggedIn(server.address(), login);

            final SplittableRandom random = new SplittableRandom(13);
            for (int i = 0; i < GARBAGE_CONNECTIONS; i++)
            {
                final byte[] garbage = new byte[1 + random.nextInt(2048)];
                random.nextBytes(garbage);
                assertThat(closedAfter(server.address(), garbage)).as("garbage connection " + i).isTrue();
            }
            assertLoggedIn(server.address(), login);
            await("every connection closed").atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        }
    }

    private static long abuseCount(final RecoveryServer server)
    {
        return server.counters().emptyFrames() + server.counters().oversizedFrames() +
            server.counters().idleTimeouts();
    }

    private static void assertServed(final TcpRecoveryClient client) throws IOException
    {
        final long[] count = new long[1];
        assertThat(client.retransmit(90, 5, (sequence, buffer, offset, length) -> count[0]++))
            .as("a legitimate retransmission").isEqualTo(RecoveryProtocol.STATUS_OK);
        assertThat(count[0]).isEqualTo(5);
    }

    private static void assertLoggedIn(final InetSocketAddress address, final byte[] login) throws IOException
    {
        try (Socket socket = new Socket(address.getAddress(), address.getPort()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(login);
            final InputStream in = socket.getInputStream();
            in.readNBytes(2);
            assertThat(in.read()).as("a legitimate login accepted").isEqualTo('A');
        }
    }

    /**
     * Writes all but the last byte of a packet, a byte every 50 ms (the read timeout paces it), and waits for the
     * server to close the connection.
     */
    private static void assertSlowLorisClosed(
        final InetSocketAddress address, final byte[] packet, final LongSupplier timeouts) throws IOException
    {
        final long elapsed = SlowLoris.trickleUntilClosed(address, packet, packet.length - 1);
        assertThat(elapsed).as("closed by the timeout, not before")
            .isGreaterThanOrEqualTo(TIMEOUT_NANOS);
        assertThat(timeouts.getAsLong()).isEqualTo(1);
    }

    private static void assertSilentClosed(final InetSocketAddress address) throws IOException
    {
        try (Socket silent = new Socket(address.getAddress(), address.getPort()))
        {
            silent.setSoTimeout(10_000);
            assertThat(silent.getInputStream().read()).as("a silent connection closed").isEqualTo(-1);
        }
    }

    /**
     * @return whether the server closed the connection after the bytes (within 10 s), answers read and dropped.
     */
    private static boolean closedAfter(final InetSocketAddress address, final byte[] bytes)
    {
        try (Socket socket = new Socket(address.getAddress(), address.getPort()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            final InputStream in = socket.getInputStream();
            while (in.read() >= 0)
            {
                in.skip(in.available());
            }
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }
}
