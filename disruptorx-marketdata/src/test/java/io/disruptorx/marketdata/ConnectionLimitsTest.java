package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The market data TCP servers (recovery and SoupBinTCP feed) hold at most {@code maxConnections} connections, and
 * {@code maxConnectionsPerAddress} from one source address, with real sockets on loopback from three source
 * addresses (127.0.0.1 to 127.0.0.3): one more is closed as it is accepted and counted, the held ones stay open, and
 * a freed slot is taken again.
 */
@Timeout(60)
class ConnectionLimitsTest
{
    private static final int HELD_MS = 300;

    @Test
    void shouldRefuseConnectionsBeyondTheTotalAndPerAddressLimitsOnBothTcpServers() throws Exception
    {
        try (FeedServer feed = FeedServer.start(FeedServerConfig.builder().connectionLimits(3, 2).build()))
        {
            assertLimits(feed.recoveryServer().address(), feed.recoveryServer()::refusedConnections);
            assertLimits(feed.tcpFeedServer().address(), feed.tcpFeedServer()::refusedConnections);
        }
    }

    @Test
    void shouldRejectLimitsThatCannotBeMet()
    {
        assertThatThrownBy(() -> FeedServerConfig.builder().connectionLimits(2, 3).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnectionsPerAddress");
        assertThatThrownBy(() -> FeedServerConfig.builder().connectionLimits(0, 0).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
    }

    private static void assertLimits(final InetSocketAddress address, final LongSupplier refused) throws Exception
    {
        final List<Socket> held = new ArrayList<>();
        try
        {
            held.add(connect(address, "127.0.0.1"));
            held.add(connect(address, "127.0.0.1"));
            awaitAccepted(held);
            try (Socket third = connect(address, "127.0.0.1"))
            {
                assertThat(closedByServer(third)).as("a third connection from 127.0.0.1").isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> refused.getAsLong() == 1);
            held.add(connect(address, "127.0.0.2"));
            awaitAccepted(held);
            try (Socket fourth = connect(address, "127.0.0.3"))
            {
                assertThat(closedByServer(fourth)).as("a fourth connection in all").isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> refused.getAsLong() == 2);
            held.remove(0).close();
            await("the freed slot taken again").atMost(Duration.ofSeconds(10)).until(() ->
            {
                try (Socket again = connect(address, "127.0.0.1"))
                {
                    return !closedByServer(again);
                }
            });
            assertThat(refused.getAsLong()).as("refused while the closed one was still held")
                .isBetween(2L, 100L);
        }
        finally
        {
            for (final Socket socket : held)
            {
                socket.close();
            }
        }
    }

    private static void awaitAccepted(final List<Socket> held) throws IOException
    {
        for (final Socket socket : held)
        {
            assertThat(closedByServer(socket)).as("a connection within the limits").isFalse();
        }
    }

    private static Socket connect(final InetSocketAddress address, final String from) throws IOException
    {
        final Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(address, 5_000);
        socket.setSoTimeout(HELD_MS);
        return socket;
    }

    /**
     * @return whether the server closed the connection (end of stream) rather than holding it silently.
     */
    private static boolean closedByServer(final Socket socket) throws IOException
    {
        try
        {
            return socket.getInputStream().read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
    }
}
