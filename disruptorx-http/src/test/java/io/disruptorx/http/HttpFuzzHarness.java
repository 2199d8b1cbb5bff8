package io.disruptorx.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;

/**
 * The venue's HTTP server as a node mounts it ({@code /health}, {@code /metrics}, a JSON API, the dashboard's static
 * files under {@code /static/}, a WebSocket endpoint), on loopback, with one I/O thread and one handler thread, and a
 * client that sends one input as a raw byte stream on a connection of its own and checks what comes back:
 * <ol>
 * <li>the input is written whole (or until the server closes the connection);</li>
 * <li>a legitimate request on a fresh connection must be answered 200 with the right body; as the server reads and
 *     handles requests in order on its one thread of each kind, every request the input completed has been answered
 *     by then;</li>
 * <li>the client ends its stream, and the server must close the connection;</li>
 * <li>another legitimate request on a fresh connection, after which every count of the input is in.</li>
 * </ol>
 * Every step must end within 10 s (a hang otherwise). What the input's connection received must be whole, well-formed
 * responses ({@link HttpAnswers}); no 200 may carry anything but a file of the static root or a route's answer (files
 * outside the static root hold a canary, and class files start with {@code CAFEBABE}); every 400 and 417 answered
 * must be counted as malformed and every 413, 414 and 431 as oversized, with at most one refusal more, unanswered (the
 * request the client's end of stream cut short); no other refusal may be answered (and no 500: these handlers never
 * fail), no connection closed idle, and a connection the server closes before the client's end must end with an
 * answer saying so, a close frame, or a count; and the WebSocket endpoint must never hear of a session closing that
 * it did not hear open.
 */
final class HttpFuzzHarness implements AutoCloseable
{
    static final String STATIC_ROOT = "io/disruptorx/http/static/";
    private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String HEALTH = "{\"status\":\"UP\"}";
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] CANARY = "DX-FUZZ-CANARY".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLASS_MAGIC = {(byte)0xCA, (byte)0xFE, (byte)0xBA, (byte)0xBE};

    private final MetricsRegistry metrics = new MetricsRegistry();
    private final HttpServer server;
    private final InetSocketAddress address;
    private final List<byte[]> staticFiles;
    private final byte[] index;
    private final Selector selector;
    private final EchoEndpoint webSocket = new EchoEndpoint();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private long legitimate;

    HttpFuzzHarness()
    {
        final PrometheusCollector collector = new PrometheusCollector(metrics);
        final Routes routes = Routes.create()
            .get("/health", request -> HttpResponse.json(HEALTH))
            .get("/metrics", request -> HttpResponse.of(200, METRICS_TYPE, collector.scrapeText()))
            .get("/api/trades", request -> HttpResponse.json("{\"trades\":[{\"id\":1,\"price\":100,\"qty\":5}]," +
                "\"parameters\":" + request.query().size() + "}"))
            .post("/api/echo", request -> HttpResponse.json("{\"bytes\":" + request.body().length + ",\"headers\":" +
                request.headers().size() + "}"))
            .resources("/static/", STATIC_ROOT)
            .webSocket("/ws", webSocket);
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, 256, 1024, 1024, Duration.ofSeconds(30), 1, 1,
            1024), routes);
        server.registerMetrics(metrics, "fuzz");
        address = new InetSocketAddress("127.0.0.1", server.port());
        staticFiles = staticFiles();
        try
        {
            index = Files.readAllBytes(staticRoot().resolve("index.html"));
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Sends one input and checks everything the class describes.
     *
     * @param input the client's bytes.
     */
    void exchange(final byte[] input)
    {
        final long malformed = server.malformedRequests();
        final long oversized = server.oversizedRequests();
        final long idle = server.idleClosed();
        final Connection fuzzed;
        final boolean closedByServer;
        try (SocketChannel channel = SocketChannel.open(address))
        {
            fuzzed = connect(channel, ByteBuffer.wrap(input));
            pump(() -> fuzzed.outputDone, "took the input", input);
            legitimateRequest(input);
            closedByServer = fuzzed.closed;
            if (!fuzzed.closed)
            {
                channel.shutdownOutput();
                pump(() -> fuzzed.closed, "closed the connection after the client's end of stream", input);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        legitimateRequest(input);
        check(input, HttpAnswers.read(fuzzed.received, fuzzed.length), server.malformedRequests() - malformed,
            server.oversizedRequests() - oversized, closedByServer);
        if (server.idleClosed() != idle)
        {
            throw new AssertionError("a connection closed idle while fuzzing: " + preview(input));
        }
        final String unopened = webSocket.closedUnopened.getAndSet(null);
        if (unopened != null)
        {
            throw new AssertionError("the endpoint was told session " + unopened + " closed, never told it opened: " +
                preview(input));
        }
    }

    private void check(final byte[] input, final HttpAnswers.Reading reading, final long countedMalformed,
        final long countedOversized, final boolean closedByServer)
    {
        int malformed = 0;
        int oversized = 0;
        for (final HttpAnswers.Answer answer : reading.answers())
        {
            switch (answer.status())
            {
                case 400, 417 -> malformed++;
                case 413, 414, 431 -> oversized++;
                case 200 -> checkServed(answer, input);
                default ->
                {
                    if (answer.status() >= 400 && answer.status() != 404 && answer.status() != 405 &&
                        answer.status() != 426)
                    {
                        throw new AssertionError("a refusal " + answer.status() + " that no counter counts: " +
                            preview(input));
                    }
                }
            }
        }
        final long unanswered = countedMalformed - malformed + countedOversized - oversized;
        if (countedMalformed < malformed || countedOversized < oversized || unanswered > 1)
        {
            throw new AssertionError("answered " + malformed + " malformed and " + oversized + " oversized, counted " +
                countedMalformed + " and " + countedOversized + ": " + preview(input));
        }
        final HttpAnswers.Answer last = reading.last();
        if (closedByServer && countedMalformed + countedOversized == 0 && !reading.closeFrame() &&
            (last == null || !last.closes()))
        {
            throw new AssertionError("the server closed the connection with no answer that says so and nothing " +
                "counted (answers " + reading.answers().size() + ", frames " + reading.frames() + "): " +
                preview(input));
        }
    }

    private void checkServed(final HttpAnswers.Answer answer, final byte[] input)
    {
        if (indexOf(answer.body(), CANARY) >= 0 || indexOf(answer.body(), CLASS_MAGIC) >= 0)
        {
            throw new AssertionError("served a file outside the static root: " + preview(input));
        }
        final String type = answer.contentType();
        if (type.startsWith(HttpResponse.JSON) || type.equals(METRICS_TYPE))
        {
            return;
        }
        final int length = Integer.parseInt(answer.headers().get("content-length"));
        for (final byte[] file : staticFiles)
        {
            if (Arrays.equals(file, answer.body()) || answer.body().length == 0 && file.length == length)
            {
                return;
            }
        }
        throw new AssertionError("a 200 (" + type + ", " + length + " bytes) that is no file of the static root: " +
            preview(input));
    }

    /**
     * A GET on a fresh connection, alternately {@code /health} and the static root's index, which must be answered
     * 200 with the right body, once, and closed (it asks for that); the input's connection is read meanwhile.
     */
    private void legitimateRequest(final byte[] input)
    {
        final boolean health = (legitimate++ & 1) == 0;
        final String path = health ? "/health" : "/static/index.html";
        final byte[] expected = health ? HEALTH.getBytes(StandardCharsets.UTF_8) : index;
        try (SocketChannel channel = SocketChannel.open(address))
        {
            final Connection connection = connect(channel, ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\n" +
                "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            pump(() -> connection.closed, "answered GET " + path + " on a fresh connection", input);
            final HttpAnswers.Reading reading = HttpAnswers.read(connection.received, connection.length);
            if (reading.answers().size() != 1 || reading.last().status() != 200 ||
                !Arrays.equals(reading.last().body(), expected))
            {
                throw new AssertionError("GET " + path + " on a fresh connection answered " +
                    HttpAnswers.preview(connection.received, 0, connection.length) + " after " + preview(input));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Connection connect(final SocketChannel channel, final ByteBuffer output) throws IOException
    {
        channel.configureBlocking(false);
        final Connection connection = new Connection(channel, output);
        connection.key = channel.register(selector,
            output.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ, connection);
        return connection;
    }

    /**
     * Moves bytes on every open connection until {@code done}, failing after {@link #BOUND_NANOS}.
     */
    private void pump(final BooleanSupplier done, final String what, final byte[] input) throws IOException
    {
        final long deadline = System.nanoTime() + BOUND_NANOS;
        while (!done.getAsBoolean())
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                throw new AssertionError("the server never " + what + " in 10 s: " + preview(input));
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            for (final SelectionKey key : selector.selectedKeys())
            {
                ((Connection)key.attachment()).ready(readBuffer);
            }
            selector.selectedKeys().clear();
        }
        selector.selectNow();
    }

    @Override
    public void close()
    {
        server.close();
        try
        {
            selector.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<byte[]> staticFiles()
    {
        try (Stream<Path> files = Files.walk(staticRoot()))
        {
            final List<byte[]> contents = new ArrayList<>();
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                contents.add(Files.readAllBytes(file));
            }
            return contents;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path staticRoot()
    {
        try
        {
            return Path.of(HttpFuzzHarness.class.getClassLoader().getResource(STATIC_ROOT).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static int indexOf(final byte[] bytes, final byte[] part)
    {
        for (int i = 0; i + part.length <= bytes.length; i++)
        {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length))
            {
                return i;
            }
        }
        return -1;
    }

    private static String preview(final byte[] input)
    {
        return input.length + " bytes " + HttpAnswers.preview(input, 0, input.length);
    }

    /**
     * One client connection: what it still has to write, what it has read, whether the server ended it.
     */
    private static final class Connection
    {
        private final SocketChannel channel;
        private final ByteBuffer output;
        private SelectionKey key;
        private byte[] received = new byte[4096];
        private int length;
        private boolean outputDone;
        private boolean closed;

        Connection(final SocketChannel channel, final ByteBuffer output)
        {
            this.channel = channel;
            this.output = output;
            this.outputDone = !output.hasRemaining();
        }

        void ready(final ByteBuffer buffer)
        {
            if (!key.isValid())
            {
                return;
            }
            if (key.isWritable())
            {
                write();
            }
            if (key.isValid() && key.isReadable())
            {
                read(buffer);
            }
        }

        private void write()
        {
            try
            {
                channel.write(output);
            }
            catch (final IOException ex)
            {
                // the server closed the connection before it took every byte (a refusal)
                output.position(output.limit());
            }
            if (!output.hasRemaining())
            {
                outputDone = true;
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void read(final ByteBuffer buffer)
        {
            try
            {
                int read;
                do
                {
                    buffer.clear();
                    read = channel.read(buffer);
                    if (read > 0)
                    {
                        if (length + read > received.length)
                        {
                            received = Arrays.copyOf(received, Math.max(received.length * 2, length + read));
                        }
                        buffer.flip().get(received, length, read);
                        length += read;
                    }
                }
                while (read > 0);
                if (read < 0)
                {
                    end();
                }
            }
            catch (final IOException ex)
            {
                // reset by the server after a refusal: nothing more to read
                end();
            }
        }

        private void end()
        {
            closed = true;
            outputDone = true;
            key.cancel();
        }
    }

    /**
     * Echoes text, as the venue's WebSocket APIs answer each message, and notes a session closed that never opened
     * (an endpoint that counts its sessions, as the dashboard does, would go wrong).
     */
    private static final class EchoEndpoint implements WebSocketEndpoint
    {
        private final Set<String> open = ConcurrentHashMap.newKeySet();
        private final AtomicReference<String> closedUnopened = new AtomicReference<>();

        @Override
        public void onOpen(final WebSocketSession session)
        {
            open.add(session.id());
            session.send("hello");
        }

        @Override
        public void onText(final WebSocketSession session, final String text)
        {
            session.send("echo " + text);
        }

        @Override
        public void onClose(final WebSocketSession session)
        {
            if (!open.remove(session.id()))
            {
                closedUnopened.set(session.id());
            }
        }
    }
}
