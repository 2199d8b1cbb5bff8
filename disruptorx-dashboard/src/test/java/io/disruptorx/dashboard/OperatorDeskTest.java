package io.disruptorx.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator actions' endpoints on a real HTTP server on loopback, with a real audit trail: sign-in and its
 * cookie, the role check on every action, the refusals (each with its status and audit record) and what reaches
 * the venue.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OperatorDeskTest
{
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Set<OperatorAction>> roles = new ConcurrentHashMap<>();
    private final OperatorUsers users = new OperatorUsers()
    {
        @Override
        public Set<OperatorAction> signIn(final String user, final String password, final String source)
        {
            return password.equals(user + "-pw") && roles.containsKey(user) ? permitted(user) : null;
        }

        @Override
        public Set<OperatorAction> permitted(final String user)
        {
            return roles.getOrDefault(user, EnumSet.noneOf(OperatorAction.class));
        }
    };
    @TempDir
    Path dir;
    private Dashboard dashboard;
    private HttpServer server;
    private AuditTrail audit;

    @BeforeEach
    void setUp() throws IOException
    {
        roles.put("oper", EnumSet.of(OperatorAction.HALT, OperatorAction.RESUME, OperatorAction.SNAPSHOT));
        roles.put("risk", EnumSet.of(OperatorAction.KILL_SWITCH, OperatorAction.MASS_CANCEL));
        roles.put("viewer", EnumSet.noneOf(OperatorAction.class));
        final Routes routes = Routes.create();
        dashboard = Dashboard.mount(routes, new MetricsRegistry(), new MarketView(),
            (action, instrument, account, maxQuantity, maxNotional) ->
            {
                sent.add(action.wireName() + " i=" + instrument + " a=" + account + " q=" + maxQuantity + " n=" +
                    maxNotional);
                return 100 + sent.size();
            });
        server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0), routes);
        audit = AuditTrail.start(dir.resolve("audit"));
    }

    @AfterEach
    void tearDown()
    {
        server.close();
        dashboard.close();
        audit.close();
    }

    @Test
    void shouldBeReadOnlyUntilTheUsersAreKnown() throws Exception
    {
        assertThat(get("/dashboard/api/session", null).body())
            .isEqualTo("{\"signIn\":false,\"user\":null,\"actions\":[]}");
        assertThat(post("/dashboard/api/signin", "{\"user\":\"oper\",\"password\":\"oper-pw\"}", null).statusCode())
            .isEqualTo(503);
        assertThat(post("/dashboard/api/action", "{\"action\":\"halt\",\"instrument\":3}", null).statusCode())
            .isEqualTo(401);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldSignAnOperatorInWithAnHttpOnlyStrictCookieAndSendItsHaltToTheVenue() throws Exception
    {
        dashboard.secure(users, audit.ring());
        final String cookie = signIn("oper");
        assertThat(get("/dashboard/api/session", cookie).body())
            .isEqualTo("{\"signIn\":true,\"user\":\"oper\",\"actions\":[\"halt\",\"resume\",\"snapshot\"]}");

        final HttpResponse<String> halt =
            post("/dashboard/api/action", "{\"action\":\"halt\",\"instrument\":3}", cookie);
        assertThat(halt.statusCode()).isEqualTo(200);
        assertThat(halt.body()).isEqualTo("{\"ok\":true,\"action\":\"halt\",\"sequence\":101}");
        assertThat(post("/dashboard/api/action", "{\"action\":\"snapshot\"}", cookie).statusCode()).isEqualTo(200);
        assertThat(sent).containsExactly("halt i=3 a=0 q=0 n=0", "snapshot i=0 a=0 q=0 n=0");
        awaitAudit("oper", lines -> assertThat(lines).hasSize(3)
            .anyMatch(line -> line.contains("\"LOGIN_OK\""))
            .anyMatch(line -> line.contains("\"COMMAND\"") && line.contains("\"halt\"") &&
                line.contains("sequence 101")));

        assertThat(post("/dashboard/api/signout", "{}", cookie).statusCode()).isEqualTo(200);
        assertThat(post("/dashboard/api/action", "{\"action\":\"resume\",\"instrument\":3}", cookie).statusCode())
            .isEqualTo(401);
        assertThat(sent).hasSize(2);
    }

    @Test
    void shouldRefuseAndAuditWhatNoRoleOfTheUserPermitsCheckedOnEveryRequest() throws Exception
    {
        dashboard.secure(users, audit.ring());
        final String viewer = signIn("viewer");
        assertThat(post("/dashboard/api/action", "{\"action\":\"halt\",\"instrument\":3}", viewer).statusCode())
            .isEqualTo(403);
        final String risk = signIn("risk");
        assertThat(post("/dashboard/api/action", "{\"action\":\"snapshot\"}", risk).statusCode()).isEqualTo(403);
        assertThat(post("/dashboard/api/action", "{\"action\":\"kill-switch\",\"account\":7,\"maxQuantity\":100," +
            "\"maxNotional\":5000}", risk).statusCode()).isEqualTo(200);
        roles.put("risk", EnumSet.noneOf(OperatorAction.class));
        assertThat(post("/dashboard/api/action", "{\"action\":\"mass-cancel\",\"account\":7}", risk).statusCode())
            .as("the role was taken away after the sign-in").isEqualTo(403);
        assertThat(sent).containsExactly("kill-switch i=0 a=7 q=100 n=5000");
        awaitAudit("viewer", lines -> assertThat(lines).anyMatch(line -> line.contains("\"DENIAL\"") &&
            line.contains("\"halt\"") && line.contains("ROLE_NOT_PERMITTED")));
        awaitAudit("risk", lines -> assertThat(lines).filteredOn(line -> line.contains("\"DENIAL\"")).hasSize(2));
    }

    @Test
    void shouldRefuseForgedMalformedAndCrossSiteRequests() throws Exception
    {
        dashboard.secure(users, audit.ring());
        assertThat(post("/dashboard/api/signin", "{\"user\":\"oper\",\"password\":\"nope\"}", null).statusCode())
            .isEqualTo(401);
        awaitAudit("oper", lines -> assertThat(lines).singleElement().asString().contains("\"LOGIN_FAILED\""));
        final String cookie = signIn("oper");
        final String halt = "{\"action\":\"halt\",\"instrument\":3}";
        assertThat(post("/dashboard/api/action", halt, "dx_dashboard=forged").statusCode()).isEqualTo(401);
        assertThat(send("/dashboard/api/action", halt, cookie, "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(send("/dashboard/api/action", halt, cookie, "application/json", "https://evil.example")
            .statusCode()).isEqualTo(403);
        assertThat(post("/dashboard/api/action", "{\"action\":\"halt\"}", cookie).statusCode()).isEqualTo(400);
        assertThat(post("/dashboard/api/action", "{\"action\":\"halt\",\"instrument\":-3}", cookie).statusCode())
            .isEqualTo(400);
        assertThat(post("/dashboard/api/action", "{\"action\":\"launch\"}", cookie).statusCode()).isEqualTo(400);
        assertThat(post("/dashboard/api/action", "{\"action\":\"halt\",\"instrument\":[3]}", cookie).statusCode())
            .isEqualTo(400);
        assertThat(post("/dashboard/api/action", "{\"action\":\"halt\",\"instrument\":3,\"instrument\":4}", cookie)
            .statusCode()).isEqualTo(400);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldReadOnlyFlatObjectsOfStringsAndIntegers()
    {
        assertThat(FlatJson.parse(" { \"a\" : \"x\\\"y\\u0041\" , \"b\" : -12 } "))
            .isEqualTo(Map.of("a", "x\"yA", "b", -12L));
        assertThat(FlatJson.parse("{}")).isEmpty();
        for (final String bad : List.of("", "[]", "{\"a\":1.5}", "{\"a\":{}}", "{\"a\":1} x", "{\"a\":1,}",
            "{\"a\" 1}", "{\"a\":\"x}", "{a:1}", "{\"a\":99999999999999999999}"))
        {
            assertThat(FlatJson.parse(bad)).as(bad).isNull();
        }
    }

    private String signIn(final String user) throws Exception
    {
        final HttpResponse<String> response = post("/dashboard/api/signin",
            "{\"user\":\"" + user + "\",\"password\":\"" + user + "-pw\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        final String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).startsWith("dx_dashboard=").contains("; HttpOnly").contains("; SameSite=Strict")
            .contains("; Path=/dashboard/");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private List<String> auditLines(final String user) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        new AuditQuery(user, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(audit.directory(), lines::add);
        return lines;
    }

    private void awaitAudit(final String user, final ThrowingConsumer<List<String>> check)
    {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> check.accept(auditLines(user)));
    }

    private HttpResponse<String> get(final String path, final String cookie) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5));
        if (cookie != null)
        {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String path, final String body, final String cookie) throws Exception
    {
        return send(path, body, cookie, "application/json", null);
    }

    private HttpResponse<String> send(
        final String path, final String body, final String cookie, final String type, final String origin)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
            .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null)
        {
            request.header("Cookie", cookie);
        }
        if (origin != null)
        {
            request.header("Origin", origin);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
