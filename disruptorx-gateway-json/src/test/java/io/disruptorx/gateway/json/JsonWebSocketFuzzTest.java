package io.disruptorx.gateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.disruptorx.core.net.TextMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static io.disruptorx.gateway.json.JsonFuzzChecks.check;
import static io.disruptorx.gateway.json.JsonFuzzChecks.errors;

/**
 * Jazzer fuzz target for the JSON edge's WebSocket API: one text message (any bytes, as UTF-8) per input, sent over
 * one real WebSocket connection on loopback to the real edge (HTTP server, WebSocket API, gateway core, engine;
 * {@link JsonTestVenue}). Every input is answered exactly once, on the same connection (so no thread and no
 * connection died; {@link JsonFuzzChecks}). The build replays the seed corpus ({@code src/test/resources/io/
 * disruptorx/gateway/json/JsonWebSocketFuzzTestInputs}); {@code -Pslow} fuzzes it for a million executions
 * (docs/security.md, "Fuzzing").
 */
class JsonWebSocketFuzzTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final BlockingQueue<String> ANSWERS = new LinkedBlockingQueue<>();

    private static JsonTestVenue venue;
    private static TextMessages messages;
    private static WebSocket socket;

    @BeforeAll
    static void start() throws Exception
    {
        venue = new JsonTestVenue();
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT)
            .build();
        messages = new TextMessages(ANSWERS);
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
    void fuzzWebSocketRequest(final byte[] input) throws Exception
    {
        final String text = new String(input, StandardCharsets.UTF_8);
        final long requests = venue.json().counters().requests();
        final long errors = errors(venue);
        socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        final String answer = nextAnswer();
        final Map<String, JsonValue> members = JsonParser.parseObject(answer);
        final JsonValue status = members.get("status");
        if (status == null || status.kind() != JsonValue.Kind.NUMBER)
        {
            throw new IllegalStateException("an answer without a status: " + answer);
        }
        final JsonValue error = members.get("error");
        check(venue, Integer.parseInt(status.text()), error == null ? Map.of() : error.members(), answer, requests,
            errors);
    }

    /**
     * The one answer to a request: fails when none comes within the wait (saying how the socket ended, if it did) or
     * when more than one came.
     */
    private static String nextAnswer() throws InterruptedException
    {
        final String message = ANSWERS.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null)
        {
            final String ended = messages.ended();
            throw new IllegalStateException("no answer within " + WAIT + (ended == null ? "" : ": " + ended));
        }
        if (!ANSWERS.isEmpty())
        {
            throw new IllegalStateException("more than one answer: " + message + " then " + ANSWERS.peek());
        }
        return message;
    }
}
