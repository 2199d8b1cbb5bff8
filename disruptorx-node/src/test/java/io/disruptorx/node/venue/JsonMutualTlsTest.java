package io.disruptorx.node.venue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.audit.AuditSegments;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.net.TextMessages;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.json.ApiError;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.TestCertificates;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The JSON edge's TLS listener ({@code gateways.json.tls}) with optional mutual TLS and a user file whose
 * {@code certificate-subjects} name users. Real certificates from {@link Certificates}; the JDK's
 * {@link HttpClient} and its {@link WebSocket} as clients over TLS 1.3 on loopback, in front of a real embedded
 * node. Alice's certificate with alice's API key trades over REST and over the WebSocket API; alice's certificate
 * with bob's key (signature right) is refused with {@link ApiError#CERTIFICATE_MISMATCH} over both, and a trusted
 * certificate of no user with alice's key too; each refusal is counted ({@code dx_json_errors_total}) and audited
 * as a failed login of the key's user, reason {@code CERTIFICATE_MISMATCH}. A client without a certificate signs
 * as its key's user (client certificates optional); a TLS 1.2 client is refused at the handshake.
 */
@Timeout(120)
class JsonMutualTlsTest
{
    private static final char[] STORE_PASSWORD = TestCertificates.STORE_PASSWORD.toCharArray();
    private static final String ORDER = "symbol=BTC-USD&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=99.00";

    @TempDir
    Path dir;

    @Test
    void shouldLetACertificateSignOnlyAsTheUserItNames() throws Exception
    {
        final TestCertificates certificates = TestCertificates.shared();
        final Certificates authority = certificates.authority();
        final Path serverStore = certificates.server();
        final Path aliceStore = certificates.alice();
        final Path malloryStore = certificates.mallory();
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, password-hash = \"" + hash + "\", roles = [trader], accounts = [1, 2], " +
            "certificate-subjects = [\"CN=alice\"] }\n" +
            "  { name = bob, password-hash = \"" + hash + "\", roles = [trader], accounts = [3] }\n]\n");
        final Path audit = dir.resolve("audit");
        final GatewaySecurityConfig security = GatewaySecurityConfig.bind(ConfigFactory.parseString(
            "gateways.security { users-file = \"" + users + "\", audit-directory = \"" + audit + "\" }"), "test");
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of(
            new ApiKeyCredential("ak", user(config, "alice"), ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                "as".getBytes(StandardCharsets.UTF_8)),
            new ApiKeyCredential("bk", user(config, "bob"), ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                "bs".getBytes(StandardCharsets.UTF_8))))
            .withTls(new InetSocketAddress("127.0.0.1", 0), TlsConfig.server(serverStore, STORE_PASSWORD)
                .withClientAuth(authority.trustStore(), STORE_PASSWORD, TlsConfig.ClientAuth.OPTIONAL));
        final MetricsRegistry metrics = new MetricsRegistry();

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(), config, json, security,
                new BackoffIdleStrategy(1, 1, 1_000, 100_000)))
            {
                gateways.registerMetrics(metrics);
                final String base = "https://127.0.0.1:" + gateways.jsonTlsPort();
                final HttpClient alice = client(authority, aliceStore, "TLSv1.3");

                final HttpResponse<String> own = post(alice, base, "ak", "as", ORDER + "&newClientOrderId=a1");
                assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
                assertThat(own.body()).contains("\"clientOrderId\":\"a1\"").contains("\"status\":\"NEW\"");
                assertThat(own.sslSession()).hasValueSatisfying(
                    session -> assertThat(session.getProtocol()).isEqualTo("TLSv1.3"));

                final HttpResponse<String> posing = post(alice, base, "bk", "bs", ORDER + "&newClientOrderId=b1");
                assertThat(posing.statusCode()).as("alice's certificate signing as bob").isEqualTo(401);
                assertThat(posing.body()).contains("\"code\":-1192")
                    .contains("The client certificate does not name this API key's user.");

                final HttpResponse<String> stranger = post(client(authority, malloryStore, "TLSv1.3"), base, "ak",
                    "as", ORDER + "&newClientOrderId=a2");
                assertThat(stranger.statusCode()).as("a trusted certificate of no user").isEqualTo(401);
                assertThat(stranger.body()).contains("\"code\":-1192")
                    .contains("The client certificate names no user.");

                final HttpResponse<String> noCertificate = post(client(authority, null, "TLSv1.3"), base, "bk", "bs",
                    ORDER + "&newClientOrderId=b2");
                assertThat(noCertificate.statusCode()).as("no certificate: the key alone, as optional mutual TLS " +
                    "allows").isEqualTo(200);

                final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
                final WebSocket socket = alice.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("wss://127.0.0.1:" + gateways.jsonTlsPort() + "/ws-api/v3"),
                        new TextMessages(answers)).get(10, TimeUnit.SECONDS);
                socket.sendText(place(7, "bk", "bs", "b3"), true).get(10, TimeUnit.SECONDS);
                assertThat(answers.poll(10, TimeUnit.SECONDS)).as("over the WebSocket API too")
                    .startsWith("{\"id\":7,\"status\":401,").contains("\"code\":-1192");
                socket.sendText(place(8, "ak", "as", "a3"), true).get(10, TimeUnit.SECONDS);
                assertThat(answers.poll(10, TimeUnit.SECONDS)).startsWith("{\"id\":8,\"status\":200,")
                    .contains("\"clientOrderId\":\"a3\"");
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

                assertThat(gateways.json().counters().errors(ApiError.CERTIFICATE_MISMATCH)).isEqualTo(3);
                assertThat(new PrometheusCollector(metrics).scrapeText())
                    .contains("dx_json_errors_total{code=\"CERTIFICATE_MISMATCH\"} 3")
                    .containsPattern("dx_tls_handshakes_total\\{edge=\"json\"} [1-9]");

                final HttpClient old = client(authority, aliceStore, "TLSv1.2");
                final long failures = handshakeFailures(metrics);
                assertThat(refused(old, base)).as("a TLS 1.2 client").isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> handshakeFailures(metrics) > failures);
            }
        }
        await().atMost(Duration.ofSeconds(10))
            .until(() -> mismatches(audit).size() == 3);
        assertThat(mismatches(audit)).filteredOn(line -> line.contains("\"user\":\"bob\"")).hasSize(2);
        assertThat(mismatches(audit)).filteredOn(line -> line.contains("\"user\":\"alice\"")).hasSize(1);
        assertThat(mismatches(audit)).allSatisfy(line -> assertThat(line).contains("127.0.0.1:"));
    }

    @Test
    void shouldBindTheTlsListenerAndNameEveryMissingPart() throws Exception
    {
        final Path password = Files.writeString(dir.resolve("password"), "secret\n");
        final JsonConfig bound = JsonConfig.bind(ConfigFactory.parseString("gateways.json { listen = " +
            "\"127.0.0.1:0\", tls { listen = \"127.0.0.1:31190\", key-store = \"server.p12\", " +
            "key-store-password-file = \"" + password + "\" } }"), "test", List.of());
        assertThat(bound.tlsAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 31190));
        assertThat(bound.tls().keyStore()).isEqualTo(Path.of("server.p12"));
        assertThat(bound.tls().protocols()).containsExactly("TLSv1.3");
        assertThat(JsonConfig.bind(ConfigFactory.parseString("gateways.json.listen = \"127.0.0.1:0\""), "test",
            List.of()).tls()).as("none by default").isNull();
        assertThatThrownBy(() -> JsonConfig.bind(ConfigFactory.parseString("gateways.json { listen = " +
            "\"127.0.0.1:0\", tls.listen = \"127.0.0.1:31190\" }"), "test", List.of()))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("gateways.json.tls.key-store");
        assertThatThrownBy(() -> JsonConfig.bind(ConfigFactory.parseString("gateways.json { listen = \"\", " +
            "tls { listen = \"127.0.0.1:31190\", key-store = \"server.p12\", key-store-password-file = \"" +
            password + "\" } }"), "test", List.of()))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("gateways.json.tls.listen");
        assertThatThrownBy(() -> JsonConfig.bind(ConfigFactory.parseString("gateways.json { listen = " +
            "\"127.0.0.1:0\", tls { key-store = \"server.p12\", key-store-password-file = \"" + password +
            "\" } }"), "test", List.of()))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("gateways.json.tls.listen");
    }

    private static long handshakeFailures(final MetricsRegistry metrics)
    {
        final String text = new PrometheusCollector(metrics).scrapeText();
        final int at = text.indexOf("dx_tls_handshake_failures_total{edge=\"json\"} ");
        assertThat(at).isGreaterThanOrEqualTo(0);
        final String rest = text.substring(at + "dx_tls_handshake_failures_total{edge=\"json\"} ".length());
        return (long)Double.parseDouble(rest.substring(0, rest.indexOf('\n')));
    }

    private static boolean refused(final HttpClient client, final String base)
    {
        try
        {
            client.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/ping")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static User user(final GatewayConfig config, final String name)
    {
        return config.users().stream().filter(entry -> entry.user().name().equals(name)).findFirst().orElseThrow()
            .user();
    }

    private static List<String> mismatches(final Path audit) throws IOException
    {
        final StringBuilder log = new StringBuilder();
        for (final Path segment : AuditSegments.list(audit))
        {
            log.append(Files.readString(segment, StandardCharsets.UTF_8));
        }
        return log.toString().lines().filter(line -> line.contains("CERTIFICATE_MISMATCH")).toList();
    }

    private static HttpClient client(final Certificates authority, final Path keyStore, final String protocol)
        throws IOException, GeneralSecurityException
    {
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(authority.trustStore()));
        KeyManagerFactory keys = null;
        if (keyStore != null)
        {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), STORE_PASSWORD);
        }
        final SSLContext context = SSLContext.getInstance(protocol);
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        final var parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(new String[]{protocol});
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
            .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static KeyStore load(final Path file) throws IOException, GeneralSecurityException
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, STORE_PASSWORD);
        }
        return store;
    }

    private static HttpResponse<String> post(final HttpClient client, final String base, final String key,
        final String secret, final String params) throws Exception
    {
        final String query = params + "&timestamp=" + System.currentTimeMillis();
        return client.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/order?" + query + "&signature=" +
            sign(secret, query))).POST(HttpRequest.BodyPublishers.noBody()).header("X-MBX-APIKEY", key)
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String place(final int id, final String key, final String secret, final String clientOrderId)
        throws GeneralSecurityException
    {
        final Map<String, String> params = new TreeMap<>(Map.of("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "1", "price", "98.00", "newClientOrderId", clientOrderId, "apiKey", key,
            "timestamp", Long.toString(System.currentTimeMillis())));
        final StringBuilder payload = new StringBuilder();
        final StringBuilder json = new StringBuilder();
        for (final Map.Entry<String, String> entry : params.entrySet())
        {
            payload.append(payload.length() == 0 ? "" : "&").append(entry.getKey()).append('=')
                .append(entry.getValue());
            final String quote = "timestamp".equals(entry.getKey()) ? "" : "\"";
            json.append('"').append(entry.getKey()).append("\":").append(quote).append(entry.getValue())
                .append(quote).append(',');
        }
        return "{\"id\":" + id + ",\"method\":\"order.place\",\"params\":{" + json + "\"signature\":\"" +
            sign(secret, payload.toString()) + "\"}}";
    }

    private static String sign(final String secret, final String payload) throws GeneralSecurityException
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
