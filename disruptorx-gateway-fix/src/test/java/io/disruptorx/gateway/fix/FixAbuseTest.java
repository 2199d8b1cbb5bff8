package io.disruptorx.gateway.fix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import io.disruptorx.core.net.SlowLoris;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.EncryptMethod;
import quickfix.field.HeartBtInt;
import quickfix.field.MsgSeqNum;
import quickfix.field.Password;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.TargetCompID;
import quickfix.field.Username;
import quickfix.fix44.Heartbeat;
import quickfix.fix44.Logon;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network abuse against the FIX acceptor's real listener, on loopback sockets, in front of the real engine: a
 * slow-loris Logon and a silent connection are closed at the login timeout, bytes that are not FIX and a first
 * message that is not a Logon are closed at once, a Logon or a later message declaring more than the limits is closed
 * before its body is read; each is counted once by kind ({@link FixConnectionCounters}) and answered with nothing,
 * while a QuickFIX/J client logged on throughout keeps trading, and new QuickFIX/J clients log on afterwards.
 */
@Timeout(120)
class FixAbuseTest
{
    private static final long WAIT_MS = 10_000;
    /** Long enough for QuickFIX/J, which sends its Logon on its session timer's next tick (every second). */
    private static final int LOGIN_TIMEOUT_MS = 4_000;
    /**
     * Artio times the login timeout in whole milliseconds from the start of the duty cycle that accepted the
     * connection, which can be a little before the client's connect returned: the close comes no earlier than this.
     */
    private static final Duration NOT_BEFORE = Duration.ofMillis(LOGIN_TIMEOUT_MS - 50);
    private static final char SOH = '\u0001';

    @TempDir
    Path directory;

    private FixTestVenue venue;
    private InetSocketAddress address;
    private int orders;

    @BeforeEach
    void setUp()
    {
        venue = new FixTestVenue(directory, LOGIN_TIMEOUT_MS);
        address = new InetSocketAddress("127.0.0.1", venue.port());
    }

    @AfterEach
    void tearDown()
    {
        venue.close();
    }

    @Test
    void shouldCloseASlowLorisLogonAndASilentConnectionAtTheLoginTimeout() throws Exception
    {
        final FixConnectionCounters counters = venue.fix().connectionCounters();
        try (QfjClient alice = logon("alice"))
        {
            final byte[] logon = logonBytes("carol", 1);
            final long trickled = SlowLoris.trickleUntilClosed(address, logon, logon.length);
            assertThat(Duration.ofNanos(trickled)).as("not closed before the login timeout")
                .isGreaterThanOrEqualTo(NOT_BEFORE);
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.loginTimeouts() == 1);
            assertStillTrading(alice);

            final long silent = SlowLoris.trickleUntilClosed(address, new byte[0], 0);
            assertThat(Duration.ofNanos(silent)).isGreaterThanOrEqualTo(NOT_BEFORE);
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.loginTimeouts() == 2);
            assertStillTrading(alice);
        }
        try (QfjClient carol = logon("carol"))
        {
            assertThat(carol.session().isLoggedOn()).as("the slow-loris's user logs on properly").isTrue();
        }
        assertThat(counters.notFix()).as("not FIX").isZero();
        assertThat(counters.notLoggedIn()).as("not logged in").isZero();
        assertThat(counters.oversized()).as("oversized").isZero();
        assertThat(venue.fix().counters().logonsRefused()).isZero();
    }

    @Test
    void shouldCloseOversizedMessagesBeforeTheirBodyIsRead() throws Exception
    {
        final FixConnectionCounters counters = venue.fix().connectionCounters();
        try (QfjClient alice = logon("alice"))
        {
            final String hugeLogon = "8=FIX.4.4" + SOH + "9=100000" + SOH + "35=A" + SOH;
            assertClosedWithoutAnswer(hugeLogon.getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.oversized() == 1);
            final String longLogon = "8=FIX.4.4" + SOH + "9=" + FixFrames.MAX_LOGON_BYTES + SOH + "35=A" + SOH;
            assertClosedWithoutAnswer(longLogon.getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.oversized() == 2);
            assertStillTrading(alice);

            try (Socket dave = new Socket(address.getAddress(), address.getPort()))
            {
                dave.getOutputStream().write(logonBytes("dave", 1));
                assertThat(readMessage(dave.getInputStream())).as("dave logged on").contains(SOH + "35=A" + SOH);
                final int length = FixFrames.MAX_MESSAGE_BYTES * 2;
                final byte[] header = ("8=FIX.4.4" + SOH + "9=" + length + SOH + "35=D" + SOH)
                    .getBytes(StandardCharsets.US_ASCII);
                final byte[] body = new byte[length];
                Arrays.fill(body, (byte)'x');
                assertClosedAfterWriting(dave, false, header, body);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.oversized() == 3);
            assertStillTrading(alice);
        }
        try (QfjClient bob = logon("bob"))
        {
            bob.send(limit("B1", "BTC-USD", Side.SELL, "101.00", "1"));
            assertThat(summary(bob.next(WAIT_MS))).startsWith("8 11=B1 ");
        }
        assertThat(counters.loginTimeouts()).as("login timeouts").isZero();
        assertThat(counters.notFix()).as("not FIX").isZero();
        assertThat(counters.notLoggedIn()).as("not logged in").isZero();
    }

    @Test
    void shouldCloseGarbageAndAFirstMessageOtherThanALogonAtOnce() throws Exception
    {
        final FixConnectionCounters counters = venue.fix().connectionCounters();
        final Random random = new Random(11);
        try (QfjClient alice = logon("alice"))
        {
            for (int i = 1; i <= 25; i++)
            {
                final byte[] garbage = new byte[1 + random.nextInt(4_096)];
                random.nextBytes(garbage);
                garbage[0] = (byte)('9' + random.nextInt(60));
                assertClosedWithoutAnswer(garbage);
                final int closed = i;
                await().atMost(Duration.ofSeconds(10)).until(() -> counters.notFix() == closed);
                if (i % 5 == 0)
                {
                    assertStillTrading(alice);
                }
            }
            assertClosedWithoutAnswer("GET / HTTP/1.1\r\nHost: venue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.notFix() == 26);
            final String notFixBodyLength = "8=FIX.4.4" + SOH + "35=A" + SOH + "9=70" + SOH;
            assertClosedWithoutAnswer(notFixBodyLength.getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.notFix() == 27);

            final Heartbeat heartbeat = new Heartbeat();
            header(heartbeat, "bob", 1);
            assertClosedWithoutAnswer(heartbeat.toString().getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.notLoggedIn() == 1);
            assertStillTrading(alice);
        }
        try (QfjClient bob = logon("bob"))
        {
            bob.send(limit("B1", "BTC-USD", Side.SELL, "101.00", "1"));
            assertThat(summary(bob.next(WAIT_MS))).startsWith("8 11=B1 ");
        }
        assertThat(counters.loginTimeouts()).as("login timeouts").isZero();
        assertThat(counters.oversized()).as("oversized").isZero();
        assertThat(venue.fix().refusedConnections()).as("every closed connection freed its slot").isZero();
    }

    private QfjClient logon(final String user) throws Exception
    {
        return QfjClient.loggedOn(venue.port(), user, PASSWORD, Map.of(), WAIT_MS);
    }

    /**
     * alice's next order is acknowledged: the acceptor and the gateway still serve her session.
     */
    private void assertStillTrading(final QfjClient alice) throws Exception
    {
        final String clOrdId = "A" + ++orders;
        alice.send(limit(clOrdId, "BTC-USD", Side.BUY, "99.00", "1"));
        assertThat(summary(alice.next(WAIT_MS))).startsWith("8 11=" + clOrdId + " ");
    }

    /**
     * @return a Logon as QuickFIX/J encodes it (BodyLength and CheckSum right) with the user's credentials.
     */
    private static byte[] logonBytes(final String user, final int sequence)
    {
        final Logon logon = new Logon(new EncryptMethod(EncryptMethod.NONE_OTHER), new HeartBtInt(30));
        header(logon, user, sequence);
        logon.setField(new Username(user));
        logon.setField(new Password(PASSWORD));
        return logon.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void header(final Message message, final String user, final int sequence)
    {
        message.getHeader().setField(new SenderCompID(user));
        message.getHeader().setField(new TargetCompID(FixTestVenue.COMP_ID));
        message.getHeader().setField(new MsgSeqNum(sequence));
        message.getHeader().setField(new SendingTime(LocalDateTime.now(ZoneOffset.UTC)));
    }

    /**
     * Connects, writes the bytes and expects the acceptor to close the connection without sending anything.
     */
    private void assertClosedWithoutAnswer(final byte[] bytes) throws IOException
    {
        try (Socket socket = new Socket(address.getAddress(), address.getPort()))
        {
            assertClosedAfterWriting(socket, true, bytes);
        }
    }

    /**
     * Writes the parts and expects the acceptor to close the connection: at once, with nothing read, or after
     * anything it had sent before (a logged-on session's messages) when {@code silent} is false.
     */
    private static void assertClosedAfterWriting(final Socket socket, final boolean silent, final byte[]... parts)
        throws IOException
    {
        socket.setSoTimeout((int)WAIT_MS);
        try
        {
            for (final byte[] part : parts)
            {
                socket.getOutputStream().write(part);
            }
            socket.getOutputStream().flush();
            int read = socket.getInputStream().read();
            while (!silent && read >= 0)
            {
                read = socket.getInputStream().read();
            }
            assertThat(read).as("closed without an answer").isEqualTo(-1);
        }
        catch (final SocketException ex)
        {
            assertThat(ex.getMessage()).as("closed while bytes of ours were unread")
                .containsAnyOf("reset", "Broken pipe");
        }
    }

    /**
     * @return one FIX message read from the stream, up to and including the SOH after its CheckSum(10).
     */
    private static String readMessage(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).matches("(?s).*\u000110=\\d{3}\u0001"))
        {
            final int b = in.read();
            assertThat(b).as("the connection stays open until a whole message arrived").isNotNegative();
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
