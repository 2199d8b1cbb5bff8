package io.disruptorx.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch of WebSocket messages over a real server on loopback, with the JDK's client: each session gets its own
 * messages in order, a shared message arrives whole at every session it went to, a closed session is skipped; the
 * frames the batch builds itself carry each length form (7-bit, 16-bit and 64-bit lengths) and multi-byte UTF-8.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketBatchTest
{
    private final List<WebSocketSession> sessions = new CopyOnWriteArrayList<>();
    private final HttpServer server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0),
        Routes.create().webSocket("/ws", new WebSocketEndpoint()
        {
            @Override
            public void onOpen(final WebSocketSession session)
            {
                sessions.add(session);
            }

            @Override
            public void onText(final WebSocketSession session, final String text)
            {
            }

            @Override
            public void onClose(final WebSocketSession session)
            {
                sessions.remove(session);
            }
        }));

    @AfterEach
    void tearDown()
    {
        server.close();
    }

    @Test
    void shouldEncodeASharedMessageOnceAndDeliverEveryMessageInOrder() throws Exception
    {
        final HttpClient client = HttpClient.newHttpClient();
        final List<List<String>> received = new ArrayList<>();
        final List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final List<String> mine = new CopyOnWriteArrayList<>();
            received.add(mine);
            sockets.add(client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                new WebSocket.Listener()
                {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data,
                        final boolean last)
                    {
                        text.append(data);
                        if (last)
                        {
                            mine.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS));
            final int opened = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> sessions.size() == opened);
        }
        final String shared = "{\"shared\":\"é\"," + "x".repeat(70_000) + "}";
        final WebSocketBatch batch = new WebSocketBatch();
        for (int round = 0; round < 3; round++)
        {
            batch.add(sessions.get(0), shared);
            batch.add(sessions.get(1), shared);
            batch.add(sessions.get(2), "own " + round + "y".repeat(round * 100));
            assertThat(batch.send()).isEqualTo(3);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(list -> list.size() == 3));
        assertThat(received.get(0)).containsExactly(shared, shared, shared);
        assertThat(received.get(1)).containsExactly(shared, shared, shared);
        assertThat(received.get(2)).containsExactly("own 0", "own 1" + "y".repeat(100), "own 2" + "y".repeat(200));

        final WebSocketSession first = sessions.get(0);
        sockets.get(0).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isOpen());
        batch.add(first, "late");
        batch.add(sessions.get(sessions.size() - 1), "last");
        assertThat(batch.send()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get(2).size() == 4);
        assertThat(received.get(2).get(3)).isEqualTo("last");
        assertThat(received.get(0)).hasSize(3);
    }
}
