package io.disruptorx.marketdata;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.paritytrading.nassau.soupbintcp.SoupBinTCP;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPServer;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPServerStatusListener;
import io.disruptorx.marketdata.server.TcpFeedServer;
import io.disruptorx.protocol.soupbintcp.AsciiFields;
import io.disruptorx.protocol.soupbintcp.LoginRequest;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our SoupBinTCP feed server against parity's nassau 1.0.0 {@code SoupBinTCPClient}, unmodified, on loopback: an
 * unknown session is rejected with 'S', every padded field is what the specification says and byte for byte what
 * nassau's own server sends, and heartbeats and timeouts work both ways at the specification's cadence. The server
 * is an agent driven by the test with a clock the test moves, so time-dependent behaviour is exact.
 */
class SoupBinTcpConformanceTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final TestFeed feed = new TestFeed(1024, 1400, 1_000_000);
    private final CachedNanoClock clock = new CachedNanoClock();

    private TcpFeedServer server()
    {
        clock.update(SECOND);
        return new TcpFeedServer(new InetSocketAddress(LOOPBACK, 0), TestFeed.SESSION, "SNAPSHOT", feed.store,
            SECOND, 15 * SECOND, clock);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRejectALoginToAnUnknownSessionWithReasonSessionNotAvailable() throws IOException
    {
        feed.addOrders(10);
        try (TcpFeedServer server = server(); NassauSoupClient nassau = new NassauSoupClient(server.address(), null))
        {
            nassau.login("user", "secret", "NOPE", 1);
            until(server, nassau, () -> nassau.rejectCode != 0);

            assertThat((char)nassau.rejectCode).isEqualTo((char)SoupBinTCP.LOGIN_REJECT_CODE_SESSION_NOT_AVAILABLE);
            assertThat(nassau.acceptedSequence).as("no login accepted").isEqualTo(-1);
            assertThat(server.counters().loginsUnknownSession()).isEqualTo(1);
            assertThat(server.counters().loginsAccepted()).isZero();
            until(server, nassau, () -> receive(nassau) < 0);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAcceptTheSessionNassauRequestsAndPadEveryFieldAsTheSpecificationSays() throws IOException
    {
        feed.addOrders(10);
        try (TcpFeedServer server = server(); NassauSoupClient nassau = new NassauSoupClient(server.address(), null))
        {
            nassau.login("user", "secret", TestFeed.SESSION, 5);
            until(server, nassau, () -> nassau.messages.size() == 6);

            assertThat(nassau.acceptedSession).as("session right-justified, padded on the left")
                .isEqualTo("    " + TestFeed.SESSION);
            assertThat(nassau.acceptedSequence).isEqualTo(5);
            assertThat(sequenceOf(nassau.messages.get(0))).isEqualTo(5);
            assertThat(sequenceOf(nassau.messages.get(5))).isEqualTo(10);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSendTheSameLoginAcceptedBytesAsNassausOwnServer() throws IOException
    {
        feed.addOrders(10);
        final byte[] ours;
        try (TcpFeedServer server = server(); Socket socket = new Socket(LOOPBACK, server.address().getPort()))
        {
            socket.setSoTimeout(5_000);
            final byte[] login = new byte[SoupBinTcp.LOGIN_REQUEST_LENGTH];
            Arrays.fill(login, (byte)' ');
            System.arraycopy("user".getBytes(StandardCharsets.US_ASCII), 0, login, 0, 4);
            System.arraycopy(TestFeed.SESSION.getBytes(StandardCharsets.US_ASCII), 0, login,
                LoginRequest.SESSION_OFFSET + SoupBinTcp.SESSION_LENGTH - TestFeed.SESSION.length(),
                TestFeed.SESSION.length());
            AsciiFields.putNumber(new UnsafeBuffer(login), LoginRequest.SEQUENCE_OFFSET, SoupBinTcp.SEQUENCE_LENGTH, 7);
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(1 + login.length);
            out.writeByte(SoupBinTcp.LOGIN_REQUEST);
            out.write(login);
            out.flush();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (in.available() < 3 + SoupBinTcp.LOGIN_ACCEPTED_LENGTH && System.nanoTime() < deadline)
            {
                server.doWork();
                LockSupport.parkNanos(100_000);
            }
            ours = new byte[3 + SoupBinTcp.LOGIN_ACCEPTED_LENGTH];
            in.readFully(ours);
        }
        final byte[] nassaus = nassauLoginAccepted(TestFeed.SESSION, 7);

        assertThat(ours).as("Login Accepted, byte for byte as nassau's SoupBinTCPServer writes it").isEqualTo(nassaus);
        final String fields = new String(ours, 3, SoupBinTcp.LOGIN_ACCEPTED_LENGTH, StandardCharsets.US_ASCII);
        assertThat(ours[2]).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
        assertThat(fields.substring(0, 10)).as("session, right-justified").isEqualTo("    DXFEED");
        assertThat(fields.substring(10)).as("sequence, right-justified, padded on the left with spaces")
            .isEqualTo(" ".repeat(19) + "7");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldHeartbeatOncePerSecondOfSilenceAndKeepAClientThatHeartbeatsButDropOneThatDoesNot() throws IOException
    {
        feed.addOrders(3);
        try (TcpFeedServer server = server();
            NassauSoupClient talking = new NassauSoupClient(server.address(), null);
            NassauSoupClient silent = new NassauSoupClient(server.address(), null))
        {
            talking.login("a", "a", "", 1);
            silent.login("b", "b", "", 1);
            until(server, talking, () -> talking.messages.size() == 3);
            until(server, silent, () -> silent.messages.size() == 3);
            final long heartbeatsBefore = server.counters().heartbeatsSent();

            for (int tenth = 1; tenth <= 140; tenth++)
            {
                clock.advance(SECOND / 10);
                talking.millis += 100;
                silent.millis += 100;
                step(server, talking);
                talking.client.keepAlive();
                step(server, silent);
                silent.client.keepAlive();
                if (tenth == 95)
                {
                    assertThat(server.counters().heartbeatsSent() - heartbeatsBefore)
                        .as("one heartbeat per client per second of send silence, 9.5 s").isEqualTo(18);
                }
            }
            assertThat(talking.heartbeatTimeouts).as("our heartbeats keep nassau from timing out").isZero();
            assertThat(server.counters().clientTimeouts()).isZero();

            for (int tenth = 1; tenth <= 160; tenth++)
            {
                clock.advance(SECOND / 10);
                talking.millis += 100;
                step(server, talking);
                talking.client.keepAlive();
                step(server, silent);
            }
            assertThat(server.counters().clientTimeouts())
                .as("the client that stopped heartbeating is dropped after 15 s of silence").isEqualTo(1);
            until(server, silent, () -> receive(silent) < 0);
            assertThat(talking.heartbeatTimeouts).isZero();
            step(server, talking);
            assertThat(talking.endOfSession).isFalse();
        }
    }

    private static byte[] nassauLoginAccepted(final String session, final long sequence) throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            try (Socket client = new Socket(LOOPBACK, listener.socket().getLocalPort());
                SocketChannel accepted = listener.accept())
            {
                final SoupBinTCPServer nassau = new SoupBinTCPServer(accepted, (buffer) ->
                {
                }, new SoupBinTCPServerStatusListener()
                {
                    @Override
                    public void heartbeatTimeout(final SoupBinTCPServer session)
                    {
                    }

                    @Override
                    public void loginRequest(final SoupBinTCPServer session, final SoupBinTCP.LoginRequest payload)
                    {
                    }

                    @Override
                    public void logoutRequest(final SoupBinTCPServer session)
                    {
                    }
                });
                final SoupBinTCP.LoginAccepted payload = new SoupBinTCP.LoginAccepted();
                payload.setSession(session);
                payload.setSequenceNumber(sequence);
                nassau.accept(payload);
                final byte[] bytes = new byte[3 + SoupBinTcp.LOGIN_ACCEPTED_LENGTH];
                client.setSoTimeout(5_000);
                new DataInputStream(client.getInputStream()).readFully(bytes);
                return bytes;
            }
        }
    }

    private static long sequenceOf(final byte[] message)
    {
        return ByteBuffer.wrap(message, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static int receive(final NassauSoupClient nassau)
    {
        try
        {
            return nassau.receive();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static void step(final TcpFeedServer server, final NassauSoupClient nassau) throws IOException
    {
        for (int i = 0; i < 3; i++)
        {
            server.doWork();
            LockSupport.parkNanos(200_000);
            nassau.receive();
        }
    }

    private static void until(final TcpFeedServer server, final NassauSoupClient nassau, final BooleanSupplier done)
        throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            server.doWork();
            LockSupport.parkNanos(100_000);
            if (nassau.receive() < 0)
            {
                return;
            }
        }
    }
}
