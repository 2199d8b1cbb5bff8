package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.net.TextMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx demo} serves the JSON edge's public streams: a client of its printed {@code /stream} address that
 * subscribes to the trade stream of an instrument receives the demo's trades, and its book ticker.
 */
class DemoStreamsCommandTest
{
    private static final Pattern STREAMS = Pattern.compile("public streams on (ws://127\\.0\\.0\\.1:\\d+/stream)");

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void shouldServeTradesOnThePublicStreams() throws Exception
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        final CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> commandLine.execute("demo",
            "--duration", "8", "--data-dir", dir.toString(), "--http-port", "-1", "--feed-port", "0",
            "--feed-subscribers", "0", "--gateway-port", "0", "--instruments", "1", "--accounts", "10", "--rate",
            "2000"));
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final String[] address = new String[1];
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() ->
        {
            final Matcher matcher = STREAMS.matcher(out.toString());
            if (matcher.find())
            {
                address[0] = matcher.group(1);
            }
            return address[0] != null || demo.isDone();
        });
        assertThat(address[0]).as("the streams' address in %s", out).isNotNull();
        final WebSocket socket = TextMessages.connect(URI.create(address[0]), messages);
        socket.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"dx1@trade\",\"dx1@bookTicker\"],\"id\":7}", true)
            .get(10, TimeUnit.SECONDS);
        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"result\":null,\"id\":7}");
        boolean trade = false;
        boolean ticker = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(trade && ticker) && System.nanoTime() < deadline)
        {
            final String message = messages.poll(1, TimeUnit.SECONDS);
            if (message != null)
            {
                trade |= message.matches("\\{\"stream\":\"dx1@trade\",\"data\":\\{\"e\":\"trade\",\"E\":\\d+," +
                    "\"s\":\"DX1\",\"t\":\\d+,\"p\":\"\\d+\\.\\d{2}\",\"q\":\"\\d+\".*");
                ticker |= message.startsWith("{\"stream\":\"dx1@bookTicker\",\"data\":{\"u\":");
            }
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(trade).as("a trade on dx1@trade").isTrue();
        assertThat(ticker).as("a book ticker on dx1@bookTicker").isTrue();
        assertThat(demo.get(60, TimeUnit.SECONDS)).as("dx demo's exit code; output:%n%s", out).isZero();
    }
}
