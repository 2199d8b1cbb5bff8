package io.disruptorx.http;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the server ends every connection it holds even while its I/O thread does not run (what a server at the
 * lowest priority meets on a machine whose cores are full: the dashboard's pages must see the venue go, and say so).
 * The server's one I/O thread is held by a task for the whole close, real clients on loopback hold a keep-alive
 * HTTP connection and a WebSocket, and each must hear its connection end while the thread is still held.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerCloseTest
{
    private final CountDownLatch ioThreadHeld = new CountDownLatch(1);
    private final CountDownLatch releaseIoThread = new CountDownLatch(1);
    private final List<String> serverEnded = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Thread closing;

    @AfterEach
    void release() throws InterruptedException
    {
        releaseIoThread.countDown();
        if (closing != null)
        {
            closing.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void shouldEndEveryConnectionWhenItsIoThreadDoesNotRun() throws Exception
    {
        server = HttpServer.startInBackground(new HttpServerConfig("127.0.0.1", 0, 256, 1024, 1024,
            Duration.ofSeconds(30), 1, 1, 4096), Routes.create()
            .get("/health", request -> HttpResponse.json("{\"status\":\"UP\"}"))
            .webSocket("/ws", new WebSocketEndpoint()
            {
                @Override
                public void onOpen(final WebSocketSession session)
                {
                    session.send("hello");
                }

                @Override
                public void onText(final WebSocketSession session, final String text)
                {
                    session.send(text);
                }

                @Override
                public void onClose(final WebSocketSession session)
                {
                    serverEnded.add(session.id());
                }
            }));
        final CompletableFuture<String> wsEnded = new CompletableFuture<>();
        final CompletableFuture<String> greeted = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener()
            {
                @Override
                public CompletionStage<?> onText(final WebSocket socket, final CharSequence text, final boolean last)
                {
                    greeted.complete(text.toString());
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(final WebSocket socket, final int status, final String reason)
                {
                    wsEnded.complete("closed " + status);
                    return null;
                }

                @Override
                public void onError(final WebSocket socket, final Throwable error)
                {
                    wsEnded.complete("ended " + error);
                }
            }).get(10, TimeUnit.SECONDS);
        assertThat(greeted.get(10, TimeUnit.SECONDS)).isEqualTo("hello");

        try (Socket keepAlive = new Socket("127.0.0.1", server.port()))
        {
            keepAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(
                StandardCharsets.US_ASCII));
            final InputStream in = keepAlive.getInputStream();
            assertThat(readAnswer(in)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
            assertThat(server.openConnections()).isEqualTo(2);

            server.loop().execute(() ->
            {
                ioThreadHeld.countDown();
                awaitRelease();
            });
            assertThat(ioThreadHeld.await(10, TimeUnit.SECONDS)).isTrue();
            closing = new Thread(server::close, "closing-server");
            closing.start();

            keepAlive.setSoTimeout((int)TimeUnit.SECONDS.toMillis(20));
            assertThat(readEnd(in)).as("the keep-alive connection, its I/O thread held").isTrue();
            assertThat(wsEnded.get(20, TimeUnit.SECONDS)).as("the WebSocket, its I/O thread held").isNotNull();
            assertThat(releaseIoThread.getCount()).as("the I/O thread still held").isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.forcedCloses() == 2);
        }
        releaseIoThread.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(server.forcedCloses()).as("each connection shut down once").isEqualTo(2);
        assertThat(closing.isAlive()).as("the close finished once the I/O thread ran").isFalse();
        assertThat(serverEnded).as("the WebSocket's end reached its endpoint").hasSize(1);
    }

    private void awaitRelease()
    {
        try
        {
            releaseIoThread.await(60, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static String readAnswer(final InputStream in) throws Exception
    {
        final StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("}"))
        {
            final int b = in.read();
            if (b < 0)
            {
                break;
            }
            answer.append((char)b);
        }
        return answer.toString();
    }

    /** Reads until the connection ends: true at its end (or a reset), false when nothing came within the timeout. */
    private static boolean readEnd(final InputStream in) throws Exception
    {
        try
        {
            while (in.read() >= 0)
            {
                continue;
            }
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final SocketException ex)
        {
            return true;
        }
    }
}
