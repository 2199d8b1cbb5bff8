package io.disruptorx.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The server over real sockets on loopback: clients that stall mid-request or wait on a slow handler do not hold up
 * others, methods and sizes are policed, failures stay on the server, resources and WebSockets are served.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerTest
{
    private final CountDownLatch release = new CountDownLatch(1);
    private final LinkedBlockingQueue<String> closed = new LinkedBlockingQueue<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @BeforeEach
    void start()
    {
        final Routes routes = Routes.create()
            .get("/health", request -> HttpResponse.json("{\"status\":\"UP\"}"))
            .get("/slow", request ->
            {
                release.await(30, TimeUnit.SECONDS);
                return HttpResponse.text(200, "slow\n");
            })
            .get("/fail", request ->
            {
                throw new IllegalStateException("secret detail");
            })
            .post("/echo", request -> HttpResponse.text(200, request.method() + " " + request.bodyText() + " " +
                request.queryParameter("x") + " " + request.header("X-Test")))
            .resources("/static/", "io/disruptorx/http/static/")
            .webSocket("/ws", new WebSocketEndpoint()
            {
                @Override
                public void onOpen(final WebSocketSession session)
                {
                    session.send("hello " + session.path());
                }

                @Override
                public void onText(final WebSocketSession session, final String text)
                {
                    session.send("echo " + text);
                }

                @Override
                public void onClose(final WebSocketSession session)
                {
                    closed.add(session.id());
                }
            });
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, 256, 1024, 1024, Duration.ofSeconds(20), 1, 2,
            4096), routes);
    }

    @AfterEach
    void stop()
    {
        release.countDown();
        server.close();
    }

    @Test
    void shouldServeOthersWhileAClientSendsHalfARequestAndStalls() throws Exception
    {
        try (Socket stalledHeaders = new Socket("127.0.0.1", server.port());
            Socket stalledBody = new Socket("127.0.0.1", server.port()))
        {
            stalledHeaders.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Partial: ".getBytes(
                StandardCharsets.US_ASCII));
            stalledBody.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" +
                "only ten..").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20; i++)
            {
                assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
            }
            stalledBody.getOutputStream().write(new byte[90]);
            assertThat(readResponse(stalledBody)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void shouldServeOthersWhileAHandlerIsSlow() throws Exception
    {
        final CompletableFuture<java.net.http.HttpResponse<String>> slow =
            client.sendAsync(request("/slow").build(), BodyHandlers.ofString());
        for (int i = 0; i < 10; i++)
        {
            assertThat(get("/health").statusCode()).isEqualTo(200);
        }
        assertThat(slow).isNotDone();
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow\n");
    }

    @Test
    void shouldCloseAConnectionThatStaysIdle() throws Exception
    {
        server.close();
        server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withIdleTimeout(Duration.ofMillis(300)),
            Routes.create().get("/health", request -> HttpResponse.json("{}")));
        try (Socket stalled = new Socket("127.0.0.1", server.port()))
        {
            stalled.setSoTimeout(10_000);
            stalled.getOutputStream().write("GET /heal".getBytes(StandardCharsets.US_ASCII));
            assertThat(stalled.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.idleClosed() == 1);
        assertThat(server.malformedRequests() + server.oversizedRequests()).isZero();
    }

    @Test
    void shouldAnswerOtherMethodsOnReadOnlyPathsWith405() throws Exception
    {
        final java.net.http.HttpResponse<String> post = client.send(request("/health")
            .POST(BodyPublishers.ofString("x")).build(), BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        final java.net.http.HttpResponse<String> delete = client.send(request("/static/index.html").DELETE().build(),
            BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        final java.net.http.HttpResponse<String> getOnPost = get("/echo");
        assertThat(getOnPost.statusCode()).isEqualTo(405);
        assertThat(getOnPost.headers().firstValue("Allow")).hasValue("POST");
        final java.net.http.HttpResponse<String> head = client.send(request("/health")
            .method("HEAD", BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("15");
    }

    @Test
    void shouldPassTheRequestToAPostHandler() throws Exception
    {
        final java.net.http.HttpResponse<String> echo = client.send(request("/echo?x=1").header("X-Test", "t")
            .POST(BodyPublishers.ofString("body")).build(), BodyHandlers.ofString());
        assertThat(echo.body()).isEqualTo("POST body 1 t");
    }

    @Test
    void shouldRefuseRequestsOverTheLimits() throws Exception
    {
        assertThat(client.send(request("/echo").POST(BodyPublishers.ofString("x".repeat(2048))).build(),
            BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(raw("GET /" + "a".repeat(400) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
        assertThat(raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n"))
            .startsWith("HTTP/1.1 431");
        assertThat(raw("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.oversizedRequests() == 3);
        assertThat(server.malformedRequests()).as("the request that is not HTTP").isEqualTo(1);
        assertThat(server.idleClosed()).isZero();
    }

    @Test
    void shouldHideHandlerFailuresFromTheClient() throws Exception
    {
        final java.net.http.HttpResponse<String> failed = get("/fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("internal error\n").doesNotContain("secret", "Exception", "at io.");
        final java.net.http.HttpResponse<String> missing = get("/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("/health", "/static/");
    }

    @Test
    void shouldServeResourcesAndNothingOutsideThem() throws Exception
    {
        final java.net.http.HttpResponse<String> index = get("/static/");
        assertThat(index.body()).contains("<body>dx</body>");
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(get("/static/app.js").headers().firstValue("Content-Type"))
            .hasValue("text/javascript; charset=utf-8");
        assertThat(get("/static/missing.css").statusCode()).isEqualTo(404);
        assertThat(raw("GET /static/../HttpServer.class HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
        assertThat(raw("GET /static/%2e%2e/HttpServer.class HTTP/1.1\r\nHost: x\r\n\r\n"))
            .startsWith("HTTP/1.1 404");
    }

    @Test
    void shouldTalkToAWebSocketClientAndRefuseAPlainGet() throws Exception
    {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final WebSocket socket = client.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener()
            {
                @Override
                public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data,
                    final boolean last)
                {
                    received.add(data.toString());
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello /ws");
        socket.sendText("ping", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo ping");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(closed.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(get("/ws").statusCode()).isEqualTo(426);
    }

    @Test
    void shouldNameTheAddressWhenThePortIsInUse() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            assertThatThrownBy(() -> HttpServer.start(HttpServerConfig.defaults("127.0.0.1", taken.getLocalPort()),
                Routes.create())).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort() + ": address in use");
        }
    }

    private java.net.http.HttpRequest.Builder request(final String path)
    {
        return java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    }

    private java.net.http.HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return client.send(request(path).build(), BodyHandlers.ofString());
    }

    private String raw(final String request) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(socket);
        }
    }

    private static String readResponse(final Socket socket) throws IOException
    {
        socket.setSoTimeout(10_000);
        final InputStream in = socket.getInputStream();
        final byte[] buffer = new byte[4096];
        final int read = in.read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
    }
}
