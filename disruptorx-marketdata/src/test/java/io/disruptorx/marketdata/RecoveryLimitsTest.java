package io.disruptorx.marketdata;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.client.TcpRecoveryClient;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Limits of TCP recovery, on real sockets (127.0.0.1): the client bounds what a server can make it hold and checks
 * the END frame; the server's request limit belongs to the client's address, so reconnecting does not reset it.
 */
class RecoveryLimitsTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRefuseASnapshotLargerThanTheMaximum() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK))
        {
            final byte[] order = new byte[RecoveryProtocol.ORDER_LENGTH];
            final Thread endless = new Thread(() -> answer(server, (out) ->
            {
                for (int i = 0; i < 1_000_000; i++)
                {
                    out.writeShort(1 + RecoveryProtocol.ORDER_LENGTH);
                    out.writeByte(RecoveryProtocol.ORDER);
                    out.write(order);
                }
            }), "md-test-endless-snapshot");
            endless.start();
            final TcpRecoveryClient client = new TcpRecoveryClient(
                new InetSocketAddress(LOOPBACK, server.getLocalPort()), 5_000, 64 * 1024);
            assertThatThrownBy(() -> client.fetchSnapshot(0, new ExpandableArrayBuffer(1024)))
                .isInstanceOf(IOException.class).hasMessage("snapshot larger than 65536 bytes, refused");
            endless.join();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRejectAnEndFrameWithoutAStatus() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK))
        {
            final Thread shortEnd = new Thread(() -> answer(server, (out) ->
            {
                out.writeShort(1);
                out.writeByte(RecoveryProtocol.RETRANSMIT_END);
            }), "md-test-short-end");
            shortEnd.start();
            final TcpRecoveryClient client = new TcpRecoveryClient(
                new InetSocketAddress(LOOPBACK, server.getLocalPort()), 5_000);
            assertThatThrownBy(() -> client.retransmit(1, 10, (s, b, o, l) ->
            {
            })).isInstanceOf(IOException.class).hasMessage("END frame without a status");
            shortEnd.join();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldKeepTheRequestLimitOfAnAddressAcrossConnections() throws IOException
    {
        final TestFeed feed = new TestFeed(64, 1400, 1_000_000);
        feed.addOrders(20);
        try (RecoveryServer server = new RecoveryServer(new InetSocketAddress(LOOPBACK, 0), feed.store,
            new RequestRateLimiter(0.001, 2, 100), 1000, SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            final TcpRecoveryClient client = new TcpRecoveryClient(server.address(), 5_000);
            final List<Long> sequences = new ArrayList<>();
            assertThat(client.retransmit(1, 2, (s, b, o, l) -> sequences.add(s))).isEqualTo(RecoveryProtocol.STATUS_OK);
            assertThat(client.retransmit(3, 2, (s, b, o, l) -> sequences.add(s))).isEqualTo(RecoveryProtocol.STATUS_OK);
            for (int i = 0; i < 3; i++)
            {
                assertThat(client.retransmit(5, 2, (s, b, o, l) -> sequences.add(s)))
                    .as("each request is a new connection from a new port, and gets no new burst")
                    .isEqualTo(RecoveryProtocol.STATUS_RATE_LIMITED);
            }
            assertThat(sequences).containsExactly(1L, 2L, 3L, 4L);
            assertThat(server.counters().rateLimited()).isEqualTo(3);
        }
    }

    private static void answer(final ServerSocket server, final Answer answer)
    {
        try (Socket socket = server.accept())
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readFully(new byte[in.readUnsignedShort()]);
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            answer.write(out);
            out.flush();
            socket.shutdownOutput();
            in.transferTo(OutputStream.nullOutputStream());
        }
        catch (final IOException ignore)
        {
            // the client closed the connection: what these tests make it do
        }
    }

    @FunctionalInterface
    private interface Answer
    {
        void write(DataOutputStream out) throws IOException;
    }
}
