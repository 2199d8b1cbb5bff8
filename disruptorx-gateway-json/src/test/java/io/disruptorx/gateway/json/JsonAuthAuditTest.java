package io.disruptorx.gateway.json;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.audit.AuditVerifier;
import io.disruptorx.core.net.TextMessages;
import io.disruptorx.gateway.audit.RingGatewayAudit;
import io.disruptorx.gateway.auth.LoginThrottle;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.gateway.json.JsonTestClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST edge over real loopback with the hash-chained audit trail and the login throttle: a signed request's
 * commands are credited to the client's address, and a failed authentication (bad signature, unknown key) is a
 * failed login, audited with its reason and address and counted by the throttle, which then refuses even a good
 * signature until its backoff has passed.
 */
class JsonAuthAuditTest
{
    private static final long SECOND = 1_000_000_000L;
    /** Backoffs far longer than the test runs, so only the clock the test moves ends them. */
    private static final LoginThrottle.Settings SETTINGS =
        new LoginThrottle.Settings(1, 600 * SECOND, 1_200 * SECOND, 10, 3_600 * SECOND, 100);
    private static final String BAD_SIGNATURE = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void shouldCreditASignedOrderToTheClientsAddress() throws IOException
    {
        try (AuditTrail trail = AuditTrail.start(dir.resolve("audit"));
            JsonTestVenue venue = new JsonTestVenue(new LoginThrottle(SETTINGS),
                new RingGatewayAudit(trail.ring(), new SystemEpochNanoClock())))
        {
            final JsonTestClient alice = JsonTestClient.hmac(venue.baseUrl(), "alice");
            assertThat(alice.signed("POST", "/api/v3/order", order("a1")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> trail.recorded() >= 2);
        }

        assertThat(AuditVerifier.verify(dir.resolve("audit")).intact()).isTrue();
        final List<String> lines = query("alice");
        assertThat(lines).extracting(JsonAuthAuditTest::event).containsExactly("LOGIN_OK", "COMMAND");
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"source\":\"127.0.0.1:")
            .contains("\"protocol\":\"json\""));
        assertThat(lines.get(1)).contains("\"command\":\"NEW_ORDER\"");
    }

    @Test
    void shouldAuditBadSignaturesAsFailedLoginsAndThrottleEvenAGoodSignatureUntilTheBackoffPasses()
        throws IOException
    {
        final LoginThrottle throttle = new LoginThrottle(SETTINGS);
        try (AuditTrail trail = AuditTrail.start(dir.resolve("audit"));
            JsonTestVenue venue = new JsonTestVenue(throttle,
                new RingGatewayAudit(trail.ring(), new SystemEpochNanoClock())))
        {
            final JsonTestClient alice = JsonTestClient.hmac(venue.baseUrl(), "alice");
            final String invalid = error(-1022, "Signature for this request is not valid.");
            assertThat(badlySigned(alice, "b1")).isEqualTo(new JsonTestClient.Answer(400, invalid));
            assertThat(badlySigned(alice, "b2")).isEqualTo(new JsonTestClient.Answer(400, invalid));

            final JsonTestClient.Answer throttled = new JsonTestClient.Answer(429, error(-1193,
                "Too many failed authentications for this API key's user or this address: retry later."));
            assertThat(alice.signed("POST", "/api/v3/order", order("g1"))).as("a good signature in the backoff")
                .isEqualTo(throttled);
            assertThat(badlySigned(alice, "b3")).as("a bad one is not told apart").isEqualTo(throttled);
            assertThat(venue.commandsTaken()).isZero();
            assertThat(throttle.failures()).isEqualTo(2);
            assertThat(throttle.throttledByUser()).isEqualTo(2);
            assertThat(venue.json().counters().errors(ApiError.LOGIN_THROTTLED)).isEqualTo(2);

            venue.advanceJsonClock(600 * SECOND);
            assertThat(alice.signed("POST", "/api/v3/order", order("g2")).status()).as("after the backoff")
                .isEqualTo(200);

            final JsonTestClient stranger = new JsonTestClient(venue.baseUrl(), "nobody-key-123",
                "nobody-secret".getBytes(StandardCharsets.UTF_8), null);
            assertThat(stranger.signed("POST", "/api/v3/order", order("s1"))).isEqualTo(new JsonTestClient.Answer(
                401, error(-2015, "Invalid API-key, IP, or permissions for action.")));
            assertThat(throttle.failures()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> trail.recorded() >= 7);
        }

        assertThat(AuditVerifier.verify(dir.resolve("audit")).intact()).isTrue();
        final List<String> lines = query("alice");
        assertThat(lines).extracting(JsonAuthAuditTest::event).containsExactly(
            "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_OK", "COMMAND");
        assertThat(lines).extracting(JsonAuthAuditTest::detail).containsExactly(
            "INVALID_SIGNATURE", "INVALID_SIGNATURE", "THROTTLED", "THROTTLED", "", "");
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"source\":\"127.0.0.1:")
            .contains("\"protocol\":\"json\""));
        final List<String> stranger = query("key:nobody-k");
        assertThat(stranger).extracting(JsonAuthAuditTest::event).containsExactly("LOGIN_FAILED");
        assertThat(stranger).extracting(JsonAuthAuditTest::detail).containsExactly("REJECTED_MBX_KEY");
        assertThat(stranger.get(0)).contains("\"source\":\"127.0.0.1:");
        assertThat(String.join("\n", query(null))).doesNotContain("secret").doesNotContain(BAD_SIGNATURE)
            .doesNotContain("nobody-key-123");
    }

    @Test
    void shouldAuditABadSignatureOnTheWebSocketAsAFailedLogin() throws Exception
    {
        final LoginThrottle throttle = new LoginThrottle(SETTINGS);
        try (AuditTrail trail = AuditTrail.start(dir.resolve("audit"));
            JsonTestVenue venue = new JsonTestVenue(throttle,
                new RingGatewayAudit(trail.ring(), new SystemEpochNanoClock())))
        {
            final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            final WebSocket socket = TextMessages.connect(URI.create(venue.webSocketUrl()), messages);
            socket.sendText("{\"id\":1,\"method\":\"order.place\",\"params\":{\"symbol\":\"BTC-USD\"," +
                "\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":\"1\",\"apiKey\":\"alice-key\"," +
                "\"timestamp\":" + System.currentTimeMillis() + ",\"signature\":\"" + BAD_SIGNATURE + "\"}}", true)
                .get(10, TimeUnit.SECONDS);
            assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"id\":1,\"status\":400,\"error\":" +
                error(-1022, "Signature for this request is not valid.") + "}");
            assertThat(throttle.failures()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> trail.recorded() >= 1);
        }

        final List<String> lines = query("alice");
        assertThat(lines).extracting(JsonAuthAuditTest::event).containsExactly("LOGIN_FAILED");
        assertThat(lines.get(0)).contains("\"source\":\"127.0.0.1:").contains("\"protocol\":\"json\"")
            .contains("\"detail\":\"INVALID_SIGNATURE\"").doesNotContain(BAD_SIGNATURE);
    }

    private static JsonTestClient.Answer badlySigned(final JsonTestClient client, final String clientOrderId)
    {
        final Map<String, String> all = order(clientOrderId);
        all.put("timestamp", Long.toString(System.currentTimeMillis()));
        return client.send("POST", "/api/v3/order?" + JsonTestClient.form(all) + "&signature=" + BAD_SIGNATURE, "",
            null);
    }

    private static Map<String, String> order(final String clientOrderId)
    {
        return params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "1",
            "price", "99.50", "newClientOrderId", clientOrderId);
    }

    private List<String> query(final String user) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        new AuditQuery(user, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir.resolve("audit"), lines::add);
        return lines;
    }

    private static String event(final String line)
    {
        return field(line, "event");
    }

    private static String detail(final String line)
    {
        return field(line, "detail");
    }

    private static String field(final String line, final String name)
    {
        final int at = line.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return line.substring(at, line.indexOf('"', at));
    }

    private static String error(final int code, final String message)
    {
        return "{\"code\":" + code + ",\"msg\":\"" + message + "\"}";
    }
}
