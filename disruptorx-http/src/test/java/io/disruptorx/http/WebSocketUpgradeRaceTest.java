package io.disruptorx.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its first WebSocket frame the moment it has read the {@code 101 Switching Protocols} (as a
 * page or a test subscribing right after connecting does) must have that frame reach the endpoint, after the
 * endpoint heard of the session's opening: hundreds of upgrades over real sockets on loopback, a few at a time, each
 * sending one masked text frame right after the 101's headers and waiting for its echo. The server's handler thread
 * once switched the pipeline to the session's frames only after the handshake had queued the 101, so the I/O thread
 * could send it, read the client's frame and drop it before the frames' handler was there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebSocketUpgradeRaceTest
{
    private static final int CLIENTS = 4;
    private static final int SESSIONS_PER_CLIENT = 250;
    /** How long a client waits for its echo before counting its first frame lost: a failure detector, not a bound. */
    private static final int ECHO_WAIT_MILLIS = 5_000;
    private static final byte[] UPGRADE = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
        "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);

    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    private final AtomicInteger textBeforeOpen = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start()
    {
        final Routes routes = Routes.create().webSocket("/ws", new WebSocketEndpoint()
        {
            @Override
            public void onOpen(final WebSocketSession session)
            {
                opened.add(session.id());
            }

            @Override
            public void onText(final WebSocketSession session, final String text)
            {
                if (!opened.contains(session.id()))
                {
                    textBeforeOpen.incrementAndGet();
                }
                session.send("echo " + text);
            }

            @Override
            public void onClose(final WebSocketSession session)
            {
                opened.remove(session.id());
            }
        });
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, 256, 1024, 1024, Duration.ofSeconds(20), 1, 1,
            1024, null, 1024, 1024), routes);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldHandTheEndpointAFrameSentTheMomentThe101Arrives() throws Exception
    {
        final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try
        {
            final List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++)
            {
                final int client = c;
                results.add(clients.submit(() -> sessions(client)));
            }
            final List<String> lost = new ArrayList<>();
            for (final Future<List<String>> result : results)
            {
                lost.addAll(result.get());
            }
            assertThat(lost).as("sessions whose first frame, sent right after the 101, got no echo, of %d",
                CLIENTS * SESSIONS_PER_CLIENT).isEmpty();
            assertThat(textBeforeOpen.get()).as("frames the endpoint heard before the session's opening").isZero();
        }
        finally
        {
            clients.shutdownNow();
        }
    }

    private List<String> sessions(final int client) throws IOException
    {
        final List<String> lost = new ArrayList<>();
        for (int i = 0; i < SESSIONS_PER_CLIENT; i++)
        {
            final String text = client + "-" + i;
            try (Socket socket = new Socket("127.0.0.1", server.port()))
            {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(ECHO_WAIT_MILLIS);
                final OutputStream out = socket.getOutputStream();
                final InputStream in = socket.getInputStream();
                out.write(UPGRADE);
                out.flush();
                final String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 101 ");
                out.write(maskedText(text, i));
                out.flush();
                try
                {
                    assertThat(readText(in)).isEqualTo("echo " + text);
                }
                catch (final SocketTimeoutException ex)
                {
                    lost.add(text);
                }
            }
        }
        return lost;
    }

    private static String readHead(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("closed before the end of the answer's headers: " + head);
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] maskedText(final String text, final int seed)
    {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final byte[] mask = {(byte)seed, (byte)(seed >> 8), 0x5A, (byte)0xA5};
        final byte[] frame = new byte[2 + mask.length + payload.length];
        frame[0] = (byte)0x81;
        frame[1] = (byte)(0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, mask.length);
        for (int i = 0; i < payload.length; i++)
        {
            frame[2 + mask.length + i] = (byte)(payload[i] ^ mask[i % mask.length]);
        }
        return frame;
    }

    private static String readText(final InputStream in) throws IOException
    {
        final int first = in.read();
        final int second = in.read();
        if (first < 0 || second < 0)
        {
            throw new IOException("closed before a frame");
        }
        assertThat(first).as("a final text frame").isEqualTo(0x81);
        assertThat(second).as("an unmasked frame under 126 bytes").isLessThan(126);
        return new String(in.readNBytes(second), StandardCharsets.UTF_8);
    }
}
