package io.disruptorx.marketdata;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import io.disruptorx.core.net.ConnectionLimitProbe;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The market data TCP servers (recovery and SoupBinTCP feed) hold at most {@code maxConnections} connections, and
 * {@code maxConnectionsPerAddress} from one source address, counted by core's connection limiter like the
 * order-entry edges: probed with real sockets on loopback from three source addresses (127.0.0.1 to 127.0.0.3) by
 * the probe the edges share ({@link ConnectionLimitProbe}); every slot is given back once its connections close.
 */
@Timeout(60)
class ConnectionLimitsTest
{
    @Test
    void shouldRefuseConnectionsBeyondTheTotalAndPerAddressLimitsOnBothTcpServers() throws Exception
    {
        try (FeedServer feed = FeedServer.start(FeedServerConfig.builder()
            .connectionLimits(ConnectionLimitProbe.TOTAL, ConnectionLimitProbe.PER_ADDRESS).build()))
        {
            ConnectionLimitProbe.assertLimits(feed.recoveryServer().address(),
                feed.recoveryServer()::refusedConnections);
            ConnectionLimitProbe.assertLimits(feed.tcpFeedServer().address(),
                feed.tcpFeedServer()::refusedConnections);
            await("every probe connection's slot given back").atMost(Duration.ofSeconds(10)).until(() ->
                feed.recoveryServer().openConnections() == 0 && feed.tcpFeedServer().openConnections() == 0);
            final InetSocketAddress recovery = feed.recoveryServer().address();
            try (Socket first = new Socket(recovery.getAddress(), recovery.getPort());
                Socket second = new Socket(recovery.getAddress(), recovery.getPort()))
            {
                await().atMost(Duration.ofSeconds(10)).until(() -> feed.recoveryServer().openConnections() == 2);
                assertThat(first.isConnected() && second.isConnected()).isTrue();
            }
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
}
