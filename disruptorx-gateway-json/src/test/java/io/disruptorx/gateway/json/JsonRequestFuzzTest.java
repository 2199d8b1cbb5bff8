package io.disruptorx.gateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz targets for the JSON edge's request parsers, each input sent over a real connection on loopback to
 * the real edge (HTTP server, REST and WebSocket APIs, gateway core, engine; {@link JsonTestVenue}):
 * <ul>
 * <li>{@code fuzzRestBody}: the body of a {@code POST /api/v3/order} with alice's API key, as JSON (the strict
 * {@link JsonParser}) or as a form, chosen by the first byte;</li>
 * <li>{@code fuzzWebSocketRequest}: one WebSocket API text message.</li>
 * </ul>
 * Every input is answered exactly once, on the same connection (so no thread and no connection died), is counted as
 * a request, and an answer other than 200 is a JSON error with a numeric {@code code} and a {@code msg}, counted once
 * by its code. The build replays the seed corpus ({@code src/test/resources/io/disruptorx/gateway/json/
 * JsonRequestFuzzTestInputs}); {@code -Pslow} fuzzes each target for a million executions (docs/security.md,
 * "Fuzzing").
 */
class JsonRequestFuzzTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static JsonTestVenue venue;
    private static HttpClient http;
    private static Messages messages;
    private static WebSocket socket;

    @BeforeAll
    static void start() throws Exception
    {
        venue = new JsonTestVenue();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
        messages = new Messages();
        socket = http.newWebSocketBuilder().buildAsync(URI.create(venue.webSocketUrl()), messages)
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop()
    {
        if (socket != null)
        {
            socket.abort();
        }
        if (venue != null)
        {
            venue.close();
        }
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzRestBody(final byte[] input) throws Exception
    {
        final boolean json = input.length > 0 && (input[0] & 1) == 1;
        final byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        final long requests = venue.json().counters().requests();
        final long errors = errors();
        final HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create(venue.baseUrl() + "/api/v3/order"))
            .header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded")
            .header("X-MBX-APIKEY", "alice-key")
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(answer.statusCode(), answer.statusCode() == 200 ? null : JsonParser.parseObject(answer.body()),
            answer.body(), requests, errors);
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzWebSocketRequest(final byte[] input) throws Exception
    {
        final String text = new String(input, StandardCharsets.UTF_8);
        final long requests = venue.json().counters().requests();
        final long errors = errors();
        socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        final String answer = messages.next();
        final Map<String, JsonValue> members = JsonParser.parseObject(answer);
        final JsonValue status = members.get("status");
        if (status == null || status.kind() != JsonValue.Kind.NUMBER)
        {
            throw new IllegalStateException("an answer without a status: " + answer);
        }
        final JsonValue error = members.get("error");
        check(Integer.parseInt(status.text()), error == null ? Map.of() : error.members(), answer, requests, errors);
    }

    private static void check(
        final int status,
        final Map<String, JsonValue> error,
        final String answer,
        final long requestsBefore,
        final long errorsBefore)
    {
        if (venue.json().counters().requests() != requestsBefore + 1)
        {
            throw new IllegalStateException("a request counted " +
                (venue.json().counters().requests() - requestsBefore) + " times");
        }
        if (status == 200)
        {
            return;
        }
        final JsonValue code = error.get("code");
        final JsonValue message = error.get("msg");
        if (code == null || code.kind() != JsonValue.Kind.NUMBER || message == null ||
            message.kind() != JsonValue.Kind.STRING || message.text().isEmpty())
        {
            throw new IllegalStateException("a refusal without a code and a reason: " + status + " " + answer);
        }
        if (errors() != errorsBefore + 1)
        {
            throw new IllegalStateException("a refusal counted " + (errors() - errorsBefore) + " times: " + answer);
        }
    }

    private static long errors()
    {
        long total = 0;
        for (final ApiError error : ApiError.values())
        {
            total += venue.json().counters().errors(error);
        }
        return total;
    }

    /**
     * The WebSocket connection's messages; a close or an error fails the next wait.
     */
    private static final class Messages implements WebSocket.Listener
    {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile String closed;

        String next() throws InterruptedException
        {
            final String message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null)
            {
                throw new IllegalStateException("no answer within " + WAIT + (closed == null ? "" : ": " + closed));
            }
            if (!queue.isEmpty())
            {
                throw new IllegalStateException("more than one answer: " + message + " then " + queue.peek());
            }
            return message;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                queue.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed = "closed by the edge: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            closed = "failed: " + error;
        }
    }
}
