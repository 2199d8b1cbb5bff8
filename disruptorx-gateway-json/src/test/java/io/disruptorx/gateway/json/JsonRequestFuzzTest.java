package io.disruptorx.gateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static io.disruptorx.gateway.json.JsonFuzzChecks.check;
import static io.disruptorx.gateway.json.JsonFuzzChecks.errors;

/**
 * Jazzer fuzz target for the JSON edge's REST request parsers, each input sent over a real HTTP connection on
 * loopback to the real edge (HTTP server, REST API, gateway core, engine; {@link JsonTestVenue}): the body of a
 * {@code POST /api/v3/order} with alice's API key, as JSON (the strict {@link JsonParser}) or as a form, chosen by
 * the first byte. Every input is answered exactly once ({@link JsonFuzzChecks}). The build replays the seed corpus
 * ({@code src/test/resources/io/disruptorx/gateway/json/JsonRequestFuzzTestInputs}); {@code -Pslow} fuzzes it for a
 * million executions (docs/security.md, "Fuzzing"). The WebSocket API's target is a class of its own,
 * {@link JsonWebSocketFuzzTest}: Jazzer fuzzes one target per JVM, and {@code -Pslow} forks one JVM per class.
 */
class JsonRequestFuzzTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static JsonTestVenue venue;
    private static HttpClient http;

    @BeforeAll
    static void start()
    {
        venue = new JsonTestVenue();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void stop()
    {
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
        final long errors = errors(venue);
        final HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create(venue.baseUrl() + "/api/v3/order"))
            .header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded")
            .header("X-MBX-APIKEY", "alice-key")
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(venue, answer.statusCode(), answer.statusCode() == 200 ? null : JsonParser.parseObject(answer.body()),
            answer.body(), requests, errors);
    }
}
