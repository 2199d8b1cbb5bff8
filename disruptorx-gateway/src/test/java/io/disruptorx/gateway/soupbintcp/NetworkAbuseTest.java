package io.disruptorx.gateway.soupbintcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.net.SlowLoris;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.core.GatewayCounters;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.support.GatewayHarness;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.RawSoupClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients on real loopback sockets against the SoupBinTCP listener: each kind of abuse is cut off and
 * counted apart, and a legitimate session keeps trading throughout.
 */
@Timeout(60)
class NetworkAbuseTest
{
    private static final long LOGIN_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int PER_ADDRESS = 6;
    private static final int TOTAL = 12;

    private final GatewayHarness harness = new GatewayHarness(EngineConfig.defaults(), config());
    private final GatewayCounters counters = harness.gateway().core().counters();

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldCloseASlowLorisLoginAfterTheLoginTimeoutAndKeepServingOthers() throws Exception
    {
        final byte[] login = loginPacket("alice", TestVenueSetup.PASSWORD);
        final long elapsed = SlowLoris.trickleUntilClosed(harness.nativeAddress(), login, login.length);

        assertThat(elapsed).as("closed by the login timeout, not before")
            .isGreaterThanOrEqualTo(LOGIN_TIMEOUT_NANOS);
        assertThat(counters.protocolErrors(ProtocolError.LOGIN_TIMEOUT)).isEqualTo(1);
        assertThat(counters.logins()).isZero();
        try (NativeTestClient alice = NativeTestClient.login(harness.nativeAddress(), "alice",
            TestVenueSetup.PASSWORD, 0))
        {
            buy(alice, 1);
            assertThat(alice.awaitReports(1).get(0)).startsWith("ACCEPTED");
        }
    }

    @Test
    void shouldRejectCountAndDisconnectAGarbageFloodWhileALegitimateSessionTrades() throws Exception
    {
        final int floods = 4;
        final int rounds = 25;
        final ExecutorService pool = Executors.newFixedThreadPool(floods);
        try (NativeTestClient alice = NativeTestClient.login(harness.nativeAddress(), "alice",
            TestVenueSetup.PASSWORD, 0))
        {
            final List<Future<Integer>> flooders = new ArrayList<>();
            for (int f = 0; f < floods; f++)
            {
                final long seed = 1000 + f;
                flooders.add(pool.submit(() -> flood(seed, rounds)));
            }
            int orders = 0;
            while (!flooders.stream().allMatch(Future::isDone) || orders < 20)
            {
                buy(alice, ++orders);
                assertThat(alice.awaitReports(orders).get(orders - 1)).as("order %d during the flood", orders)
                    .startsWith("ACCEPTED");
            }
            int closedByServer = 0;
            for (final Future<Integer> flooder : flooders)
            {
                closedByServer += flooder.get(30, TimeUnit.SECONDS);
            }
            assertThat(closedByServer).as("every garbage connection was closed by the gateway")
                .isEqualTo(floods * rounds);
            final long garbage = counters.protocolErrors(ProtocolError.UNKNOWN_PACKET) +
                counters.protocolErrors(ProtocolError.OVERSIZED) + counters.protocolErrors(ProtocolError.TRUNCATED) +
                counters.protocolErrors(ProtocolError.NOT_LOGGED_IN);
            assertThat(garbage).as("each garbage connection counted").isEqualTo((long)floods * rounds);
            assertThat(counters.internalErrors()).isZero();
            assertThat(counters.logins()).isEqualTo(1);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseConnectionsBeyondThePerAddressLimitAndCountThem() throws IOException
    {
        final List<RawSoupClient> held = new ArrayList<>();
        try
        {
            for (int i = 0; i < PER_ADDRESS; i++)
            {
                held.add(new RawSoupClient(harness.nativeAddress(), 10_000));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> connectionCount() == PER_ADDRESS);
            try (RawSoupClient refused = new RawSoupClient(harness.nativeAddress(), 10_000))
            {
                assertThat(refused.readUntilClosed()).as("closed at accept, nothing sent").isEmpty();
            }
            assertThat(counters.protocolErrors(ProtocolError.CONNECTION_LIMIT)).isEqualTo(1);

            try (Socket other = new Socket())
            {
                other.bind(new InetSocketAddress("127.0.0.2", 0));
                other.connect(harness.nativeAddress());
                other.setSoTimeout(10_000);
                other.getOutputStream().write(loginPacket("bob", TestVenueSetup.PASSWORD));
                assertThat(readPacketType(other.getInputStream())).as("another address is not limited")
                    .isEqualTo('A');
            }

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> connectionCount() == PER_ADDRESS - 1);
            try (RawSoupClient again = new RawSoupClient(harness.nativeAddress(), 10_000))
            {
                again.login("alice", TestVenueSetup.PASSWORD, "", 0);
                assertThat(again.read().type()).as("a freed slot is usable again").isEqualTo((byte)'A');
            }
            assertThat(counters.protocolErrors(ProtocolError.CONNECTION_LIMIT)).isEqualTo(1);
        }
        finally
        {
            held.forEach(RawSoupClient::close);
        }
    }

    @Test
    void shouldDisconnectAndCountOversizeFramesBeforeAndAfterLogin()
    {
        try (RawSoupClient anonymous = new RawSoupClient(harness.nativeAddress(), 10_000))
        {
            anonymous.write(new byte[] {(byte)0xFF, (byte)0xFF, 'L', 0, 0, 0});
            assertThat(anonymous.readUntilClosed()).isEmpty();
        }
        assertThat(counters.protocolErrors(ProtocolError.OVERSIZED)).isEqualTo(1);

        try (RawSoupClient bob = new RawSoupClient(harness.nativeAddress(), 10_000))
        {
            bob.login("bob", TestVenueSetup.PASSWORD, "", 0);
            assertThat(bob.read().type()).isEqualTo((byte)'A');
            bob.send('U', new byte[4096]);
            assertThat(bob.readUntilClosed()).doesNotContain("S");
        }
        assertThat(counters.protocolErrors(ProtocolError.OVERSIZED)).isEqualTo(2);
        try (NativeTestClient bob = NativeTestClient.login(harness.nativeAddress(), "bob", TestVenueSetup.PASSWORD,
            0))
        {
            buy(bob, 1);
            assertThat(bob.awaitReports(1).get(0)).as("the session survives its connection's abuse")
                .startsWith("ACCEPTED");
        }
    }

    /**
     * Connects {@code rounds} times, each time writing random bytes (never a valid login: the first packet's type
     * is never 'L' or '+') until the gateway closes the connection.
     *
     * @return how many connections the gateway closed.
     */
    private int flood(final long seed, final int rounds) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        int closed = 0;
        for (int round = 0; round < rounds; round++)
        {
            try (Socket socket = new Socket())
            {
                socket.connect(harness.nativeAddress());
                socket.setSoTimeout(10_000);
                final byte[] garbage = new byte[256 + random.nextInt(4096)];
                random.nextBytes(garbage);
                garbage[2] = (byte)('a' + random.nextInt(26));
                try
                {
                    socket.getOutputStream().write(garbage);
                    final InputStream in = socket.getInputStream();
                    while (in.read() >= 0)
                    {
                        Thread.onSpinWait();
                    }
                    closed++;
                }
                catch (final SocketTimeoutException ex)
                {
                    throw new AssertionError("round " + round + " of seed " + seed + ": still open", ex);
                }
                catch (final IOException ex)
                {
                    closed++;
                }
            }
        }
        return closed;
    }

    private int connectionCount()
    {
        final int[] count = new int[1];
        harness.onGatewayThread(venue -> count[0] = harness.gateway().nativeConnections());
        return count[0];
    }

    private static char readPacketType(final InputStream in) throws IOException
    {
        final int high = in.read();
        final int low = in.read();
        final int type = in.read();
        if (high < 0 || low < 0 || type < 0)
        {
            return '?';
        }
        return (char)type;
    }

    private static byte[] loginPacket(final String user, final String password)
    {
        final byte[] payload = String.format("%-6s%-10s%10s%20d", user, password, "", 0)
            .getBytes(StandardCharsets.US_ASCII);
        final byte[] packet = new byte[3 + payload.length];
        packet[0] = (byte)((payload.length + 1) >> 8);
        packet[1] = (byte)(payload.length + 1);
        packet[2] = 'L';
        System.arraycopy(payload, 0, packet, 3, payload.length);
        return packet;
    }

    private static void buy(final NativeTestClient client, final int id)
    {
        client.client().newOrder(ClientOrderIds.encode("O" + id), 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            false, SelfTradePrevention.CANCEL_NEWEST, 9900, -2, 1, 0);
    }

    private static GatewayConfig config()
    {
        final GatewayConfig standard = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        return new GatewayConfig(standard.nativeAddress(), standard.poeAddress(), standard.heartbeatIntervalNanos(),
            standard.heartbeatTimeoutNanos(), LOGIN_TIMEOUT_NANOS, standard.reportStoreCapacity(),
            standard.defaultMaxOpenOrders(), standard.maxOpenOrders(), standard.instruments(), standard.users(),
            TOTAL, PER_ADDRESS);
    }
}
