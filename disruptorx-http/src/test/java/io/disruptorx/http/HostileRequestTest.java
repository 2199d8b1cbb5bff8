package io.disruptorx.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@link HttpRequestFuzzTest} found, kept as tests over real sockets on loopback: refusals the server answered
 * without counting them (417, 413 to an {@code Expect}), a malformed percent escape answered 500 as if a handler had
 * failed (in the query) or the connection closed with no answer (in the path), an upgrade request the WebSocket
 * handshake refused closed with no answer (and the endpoint told of a session closing that never opened), a
 * directory of the static root served as a file (its listing), and a request pipelined behind an answer that said
 * {@code Connection: close} handled and answered anyway.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileRequestTest
{
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";

    private final List<String> events = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start()
    {
        final Routes routes = Routes.create()
            .post("/echo", request ->
            {
                events.add("echo");
                return HttpResponse.text(200, request.bodyText());
            })
            .resources("/static/", HttpFuzzHarness.STATIC_ROOT)
            .webSocket("/ws", new WebSocketEndpoint()
            {
                @Override
                public void onOpen(final WebSocketSession session)
                {
                    events.add("open");
                }

                @Override
                public void onText(final WebSocketSession session, final String text)
                {
                    events.add("text");
                }

                @Override
                public void onClose(final WebSocketSession session)
                {
                    events.add("close");
                }
            });
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, 256, 1024, 1024, Duration.ofSeconds(20), 1, 1,
            1024), routes);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldAnswerAMalformedWebSocketUpgradeWith400AndCountIt() throws Exception
    {
        assertThat(exchange("GET /ws HTTP/1.1\r\nHost: x\r\n" + UPGRADE + "\r\n"))
            .as("no Sec-WebSocket-Key").startsWith("HTTP/1.1 400 ").contains("connection: close");
        assertThat(exchange("POST /ws HTTP/1.1\r\nHost: x\r\n" + UPGRADE +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nContent-Length: 0\r\n\r\n"))
            .as("not a GET").startsWith("HTTP/1.1 400 ");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        assertThat(server.malformedRequests()).isEqualTo(2);
        assertThat(events).as("the endpoint hears nothing of a refused upgrade").isEmpty();
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: x\r\n" + UPGRADE +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            final byte[] answer = new byte[12];
            assertThat(socket.getInputStream().readNBytes(answer, 0, answer.length)).isEqualTo(answer.length);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 101");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.equals(List.of("open")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.equals(List.of("open", "close")));
    }

    @Test
    void shouldCountTheRefusalsOfAnExpectHeader() throws Exception
    {
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 5\r\n\r\nhello"))
            .startsWith("HTTP/1.1 417 ");
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"))
            .startsWith("HTTP/1.1 413 ");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        assertThat(server.malformedRequests()).as("417").isEqualTo(1);
        assertThat(server.oversizedRequests()).as("413").isEqualTo(1);
    }

    @Test
    void shouldAnswerAMalformedPercentEscapeWith400AndCountIt() throws Exception
    {
        assertThat(exchange("POST /echo?from=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
            .as("in the query").startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /static/%zz HTTP/1.1\r\nHost: x\r\n\r\n")).as("in the path")
            .startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /static/index.html%2 HTTP/1.1\r\nHost: x\r\n\r\n")).as("cut short")
            .startsWith("HTTP/1.1 400 ");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        assertThat(server.malformedRequests()).isEqualTo(3);
    }

    @Test
    void shouldNeitherHandleNorAnswerARequestPipelinedBehindAClose() throws Exception
    {
        final String answers = exchange("GET /static/ HTTP/1.0\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\n" +
            "Content-Length: 2\r\n\r\nhi");
        assertThat(answers).startsWith("HTTP/1.1 200 ").contains("connection: close").endsWith("</html>\n");
        assertThat(answers.split("HTTP/1.1 ", -1)).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        assertThat(events).as("the POST behind the close never ran").isEmpty();
    }

    @Test
    void shouldServeNoDirectoryOfTheStaticRoot() throws Exception
    {
        assertThat(exchange("GET /static/css HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(exchange("GET /static/css/ HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(exchange("GET /static/css/site.css HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200 ")
            .endsWith("body { color: #222; }\n");
    }

    /**
     * Sends a request, ends the client's stream once the first bytes of the answer are in, and returns all that the
     * server wrote before it closed.
     */
    private String exchange(final String request) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            final byte[] buffer = new byte[8192];
            int length = in.read(buffer);
            if (length < 0)
            {
                return "";
            }
            socket.shutdownOutput();
            for (int read; (read = in.read(buffer, length, buffer.length - length)) > 0; )
            {
                length += read;
            }
            return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
