package io.disruptorx.marketdata;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.client.TcpRecoveryClient;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.TcpFeedServer;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.protocol.soupbintcp.AsciiFields;
import io.disruptorx.protocol.soupbintcp.LoginRequest;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The servers on real sockets (127.0.0.1): bad input is counted and ignored while service goes on; TCP
 * retransmission and the SoupBinTCP feed.
 */
class ServersTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] SESSION = MoldUdp64.session(TestFeed.SESSION);

    private final TestFeed feed = new TestFeed(64, 1400, 1_000_000);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCountMalformedRequestsAndKeepServing() throws IOException
    {
        feed.addOrders(200);
        try (RetransmitServer server = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0), SESSION, feed.store,
            null, 1400, 20, 0, 0, 0, 1024, new RequestRateLimiter(1000, 1000, 100), SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server);
            DatagramChannel client = DatagramChannel.open())
        {
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            final SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 20; i++)
            {
                final byte[] garbage = new byte[1 + random.nextInt(100)];
                random.nextBytes(garbage);
                if (garbage.length == MoldUdp64.REQUEST_LENGTH)
                {
                    garbage[0] = 'Z';
                }
                client.send(ByteBuffer.wrap(garbage), server.address());
            }
            send(client, server, "OTHERSESS ".getBytes(), 150, 5);
            send(client, server, SESSION, 150, 0);
            send(client, server, SESSION, 0, 5);
            send(client, server, SESSION, 5_000, 5);
            await().atMost(10, TimeUnit.SECONDS).until(() -> server.counters().requestsReceived() == 24);
            assertThat(server.counters().requestsMalformed()).isEqualTo(23);
            assertThat(server.counters().requestsBeyondEnd()).isEqualTo(1);

            send(client, server, SESSION, 1, 5);
            await().atMost(10, TimeUnit.SECONDS).until(() -> server.counters().requestsTooOld() == 1);
            sendExtended(client, server, SESSION, 1, 5);
            final UnsafeBuffer refusal = receive(client);
            assertThat(MoldUdp64.isRefusal(refusal, 0, refusal.capacity()))
                .as("a refusal, shorter than any MoldUDP64 header, only to a requester that asked for refusals")
                .isTrue();
            assertThat(refusal.capacity()).isLessThan(MoldUdp64.HEADER_LENGTH);
            assertThat(refusal.getByte(MoldUdp64.REFUSAL_REASON_OFFSET)).isEqualTo(MoldUdp64.REFUSAL_TOO_OLD);
            assertThat(refusal.getLong(MoldUdp64.REFUSAL_OLDEST_OFFSET, ByteOrder.BIG_ENDIAN)).isEqualTo(137);
            assertThat(server.counters().requestsTooOld()).isEqualTo(2);

            send(client, server, SESSION, 150, 0xFFFE);
            final UnsafeBuffer clamped = receive(client);
            assertThat(MoldUdp64.sequence(clamped, 0)).isEqualTo(150);
            assertThat(MoldUdp64.count(clamped, 0)).isEqualTo(20);
            assertThat(server.counters().requestsClamped()).isEqualTo(1);

            send(client, server, SESSION, 190, 5);
            final UnsafeBuffer answer = receive(client);
            assertThat(MoldUdp64.sequence(answer, 0)).isEqualTo(190);
            assertThat(MoldUdp64.count(answer, 0)).isEqualTo(5);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAnswerTcpRetransmissionAndSayTooOldBeyondTheStore() throws IOException
    {
        feed.addOrders(200);
        try (RecoveryServer server = new RecoveryServer(new InetSocketAddress(LOOPBACK, 0), feed.store,
            new RequestRateLimiter(1000, 1000, 100), 1000, SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            final TcpRecoveryClient client = new TcpRecoveryClient(server.address(), 5_000);
            final List<Long> sequences = new ArrayList<>();
            assertThat(client.retransmit(180, 10, (s, b, o, l) -> sequences.add(s)))
                .isEqualTo(RecoveryProtocol.STATUS_OK);
            assertThat(sequences).containsExactly(180L, 181L, 182L, 183L, 184L, 185L, 186L, 187L, 188L, 189L);
            assertThat(client.retransmit(1, 10, (s, b, o, l) -> sequences.add(s)))
                .isEqualTo(RecoveryProtocol.STATUS_TOO_OLD);

            try (Socket socket = new Socket(LOOPBACK, server.address().getPort()))
            {
                socket.setSoTimeout(5_000);
                final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeShort(3);
                out.writeByte('Q');
                out.writeShort(0);
                out.flush();
                final DataInputStream in = new DataInputStream(socket.getInputStream());
                in.readUnsignedShort();
                assertThat(in.readByte()).isEqualTo(RecoveryProtocol.RETRANSMIT_END);
                assertThat(in.readByte()).isEqualTo(RecoveryProtocol.STATUS_BAD_REQUEST);
            }
            assertThat(server.counters().badRequests()).isPositive();
            assertThat(client.retransmit(199, 5, (s, b, o, l) -> sequences.add(s)))
                .isEqualTo(RecoveryProtocol.STATUS_OK);
            assertThat(sequences).endsWith(199L, 200L);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldStreamTheFeedOverSoupBinTcpFromTheLoginSequenceWithHeartbeats() throws IOException
    {
        feed.addOrders(100);
        try (TcpFeedServer server = new TcpFeedServer(new InetSocketAddress(LOOPBACK, 0), TestFeed.SESSION,
            "SNAPSHOT", feed.store, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(15),
            SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            try (Socket socket = login(server, 50))
            {
                final DataInputStream in = new DataInputStream(socket.getInputStream());
                final byte[] accepted = readPacket(in);
                assertThat(accepted[0]).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
                assertThat(AsciiFields.parseNumber(new UnsafeBuffer(accepted), 11, 20)).isEqualTo(50);
                long expected = 50;
                while (expected <= 100)
                {
                    final byte[] packet = readPacket(in);
                    assertThat(packet[0]).isEqualTo(SoupBinTcp.SEQUENCED_DATA);
                    final long sequence = ByteBuffer.wrap(packet, 1 + 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    assertThat(sequence).isEqualTo(expected++);
                }
                feed.addOrders(1);
                byte[] next = readPacket(in);
                while (next[0] == SoupBinTcp.SERVER_HEARTBEAT)
                {
                    next = readPacket(in);
                }
                assertThat(next[0]).isEqualTo(SoupBinTcp.SEQUENCED_DATA);
                assertThat(ByteBuffer.wrap(next, 1 + 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(101);
                assertThat(readPacket(in)[0]).isEqualTo(SoupBinTcp.SERVER_HEARTBEAT);
            }
            try (Socket socket = login(server, 1))
            {
                final byte[] rejected = readPacket(new DataInputStream(socket.getInputStream()));
                assertThat(rejected[0]).isEqualTo(SoupBinTcp.LOGIN_REJECTED);
                assertThat(rejected[1]).isEqualTo(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            }
            assertThat(server.counters().loginsAccepted()).isEqualTo(1);
            assertThat(server.counters().loginsRejected()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFrameEveryPacketOfASnapshotLargerThanTheConnectionsFirstOutputBuffer() throws IOException
    {
        final int orders = 3_000;
        final TestFeed large = new TestFeed(4096, 1400, 1_000_000);
        large.addOrders(orders);
        try (TcpFeedServer server = new TcpFeedServer(new InetSocketAddress(LOOPBACK, 0), TestFeed.SESSION,
            "SNAPSHOT", large.store, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(15),
            SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, server))
        {
            try (Socket socket = await().atMost(10, TimeUnit.SECONDS)
                .until(() -> acceptedLogin(server, "SNAPSHOT"), Objects::nonNull))
            {
                final DataInputStream in = new DataInputStream(socket.getInputStream());
                int sequenced = 0;
                byte[] packet = readPacket(in);
                while (packet[0] == SoupBinTcp.SEQUENCED_DATA)
                {
                    sequenced++;
                    packet = readPacket(in);
                }
                assertThat(packet[0]).as("after %d sequenced packets", sequenced).isEqualTo(SoupBinTcp.END_OF_SESSION);
                assertThat(sequenced).isGreaterThan(orders);
            }
        }
    }

    /**
     * @return a socket logged in to the session, or null (closed) when the server rejected the login.
     */
    private static Socket acceptedLogin(final TcpFeedServer server, final String session) throws IOException
    {
        final Socket socket = login(server, session, 0);
        if (readPacket(new DataInputStream(socket.getInputStream()))[0] == SoupBinTcp.LOGIN_ACCEPTED)
        {
            return socket;
        }
        socket.close();
        return null;
    }

    private static Socket login(final TcpFeedServer server, final long sequence) throws IOException
    {
        return login(server, "", sequence);
    }

    private static Socket login(final TcpFeedServer server, final String session, final long sequence)
        throws IOException
    {
        final Socket socket = new Socket(LOOPBACK, server.address().getPort());
        socket.setSoTimeout(5_000);
        final byte[] payload = new byte[SoupBinTcp.LOGIN_REQUEST_LENGTH];
        LoginRequest.encode(new UnsafeBuffer(payload), 0, "", "", session, sequence);
        final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeShort(1 + payload.length);
        out.writeByte(SoupBinTcp.LOGIN_REQUEST);
        out.write(payload);
        out.flush();
        return socket;
    }

    private static byte[] readPacket(final DataInputStream in) throws IOException
    {
        final byte[] packet = new byte[in.readUnsignedShort()];
        in.readFully(packet);
        return packet;
    }

    private static void send(
        final DatagramChannel client, final RetransmitServer server, final byte[] session, final long sequence,
        final int count) throws IOException
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[MoldUdp64.REQUEST_LENGTH]);
        MoldUdp64.writeHeader(request, 0, session, sequence, count);
        client.send(ByteBuffer.wrap(request.byteArray()), server.address());
    }

    private static void sendExtended(
        final DatagramChannel client, final RetransmitServer server, final byte[] session, final long sequence,
        final int count) throws IOException
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[MoldUdp64.EXTENDED_REQUEST_LENGTH]);
        MoldUdp64.writeHeader(request, 0, session, sequence, count);
        request.putByte(MoldUdp64.REQUEST_FLAGS_OFFSET, MoldUdp64.FLAG_REFUSALS);
        client.send(ByteBuffer.wrap(request.byteArray()), server.address());
    }

    private static UnsafeBuffer receive(final DatagramChannel client) throws IOException
    {
        client.socket().setSoTimeout(5_000);
        final byte[] bytes = new byte[2048];
        final DatagramPacket packet = new DatagramPacket(bytes, bytes.length);
        try
        {
            client.socket().receive(packet);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("no answer", ex);
        }
        return new UnsafeBuffer(bytes, 0, packet.getLength());
    }
}
