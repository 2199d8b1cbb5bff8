package io.disruptorx.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * HTTPS on the venue's HTTP server with real clients on loopback: the JDK's HttpClient and, for an independent
 * TLS stack, {@code openssl s_client}. Certificates come from throwaway authorities made with {@code keytool}
 * ({@link TestCertificates}, shared with the module's other TLS tests); the renewed certificate is the second
 * authority's, which the first authority's clients do not trust.
 *
 * <p>How it can fail: a server that accepts TLS 1.2 by default, that serves without the client certificate it
 * requires (or with an unknown or expired one), or that keeps the old certificate after its file was renewed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpsServerTest
{
    private static final char[] PASSWORD = TestCertificates.PASSWORD;
    private static Path dir;
    private static Certificates ca;
    private static Path serverStore;
    private static Path alice;
    private static Path expired;
    private static Path mallory;
    private static Certificates renewedCa;
    private static Path renewedStore;

    private HttpServer server;

    @BeforeAll
    static void makeCertificates() throws IOException
    {
        dir = Files.createDirectories(Path.of("target", "https-test", Long.toString(System.nanoTime()))
            .toAbsolutePath());
        final TestCertificates certificates = TestCertificates.shared();
        ca = certificates.authority();
        serverStore = certificates.server();
        alice = certificates.alice();
        expired = certificates.expired();
        mallory = certificates.mallory();
        renewedCa = certificates.otherAuthority();
        renewedStore = certificates.otherServer();
    }

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldServeTls13ToAClientThatTrustsTheAuthority(final TlsConfig.Provider provider) throws Exception
    {
        start(TlsConfig.server(serverStore, PASSWORD).withProvider(provider));

        final java.net.http.HttpResponse<String> response = get(client(null, ca.trustStore(), "TLSv1.3"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"hello\":\"tls\"}");
        assertThat(response.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(server.tlsHandshakes()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldRefuseTls12UnlessConfigured(final TlsConfig.Provider provider) throws Exception
    {
        start(TlsConfig.server(serverStore, PASSWORD).withProvider(provider));
        assertThatThrownBy(() -> get(client(null, ca.trustStore(), "TLSv1.2"))).isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(server.tlsHandshakeFailures()).isEqualTo(1));
        server.close();

        start(TlsConfig.server(serverStore, PASSWORD).withProtocols(List.of("TLSv1.3", "TLSv1.2"))
            .withProvider(provider));
        final java.net.http.HttpResponse<String> response = get(client(null, ca.trustStore(), "TLSv1.2"));
        assertThat(response.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo("TLSv1.2");
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldRequireAClientCertificateItsAuthoritySignedAndThatIsValid(final TlsConfig.Provider provider)
        throws Exception
    {
        start(TlsConfig.server(serverStore, PASSWORD).withProvider(provider)
            .withClientAuth(ca.trustStore(), PASSWORD, TlsConfig.ClientAuth.REQUIRED));

        assertThat(get(client(alice, ca.trustStore(), "TLSv1.3")).statusCode()).isEqualTo(200);
        refused("no client certificate", null);
        refused("a certificate from an unknown authority", mallory);
        refused("an expired certificate", expired);
        assertThat(get(client(alice, ca.trustStore(), "TLSv1.3")).statusCode()).as("still serving").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldServeARenewedCertificateWithoutARestartAndKeepTheOldOneWhenTheNewFileIsBroken(
        final TlsConfig.Provider provider) throws Exception
    {
        final Path live = dir.resolve("live-" + System.nanoTime() + ".p12");
        Files.copy(serverStore, live);
        start(TlsConfig.server(live, PASSWORD).withProvider(provider));
        assertThat(get(client(null, ca.trustStore(), "TLSv1.3")).statusCode()).isEqualTo(200);

        replace(live, renewedStore);

        assertThat(get(client(null, renewedCa.trustStore(), "TLSv1.3")).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> get(client(null, ca.trustStore(), "TLSv1.3")))
            .as("the old certificate is gone").isInstanceOf(IOException.class);
        assertThat(server.tls().reloads()).isEqualTo(1);

        final Path broken = dir.resolve("broken-" + System.nanoTime());
        Files.writeString(broken, "not a key store");
        replace(live, broken);
        assertThat(get(client(null, renewedCa.trustStore(), "TLSv1.3")).statusCode())
            .as("served with the previous certificate").isEqualTo(200);
        assertThat(server.tls().failedReloads()).isEqualTo(1);
        assertThat(server.tls().lastReloadError()).contains(live.toString())
            .doesNotContain(new String(PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldHandshakeWithOpensslOnTls13AndRefuseItsTls12(final TlsConfig.Provider provider) throws Exception
    {
        start(TlsConfig.server(serverStore, PASSWORD).withProvider(provider));

        final String tls13 = openssl("-tls1_3");
        assertThat(tls13).contains("New, TLSv1.3").contains("Verify return code: 0 (ok)");
        final String tls12 = openssl("-tls1_2");
        assertThat(tls12).contains("alert protocol version").contains("Cipher is (NONE)");
    }

    /**
     * The JDK's client retries a refused connection once, so each refusal is counted once or twice.
     */
    private void refused(final String why, final Path clientStore)
    {
        final long before = server.tlsHandshakeFailures();
        assertThatThrownBy(() -> get(client(clientStore, ca.trustStore(), "TLSv1.3"))).as(why)
            .isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(server.tlsHandshakeFailures()).as("refusals counted: %s", why).isGreaterThan(before));
    }

    private void start(final TlsConfig tls)
    {
        server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withTls(tls),
            Routes.create().get("/hello", request -> HttpResponse.json("{\"hello\":\"tls\"}")));
    }

    private java.net.http.HttpResponse<String> get(final HttpClient client) throws IOException, InterruptedException
    {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/hello"))
            .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private String openssl(final String protocol) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
            "-servername", "localhost", "-verify_hostname", "localhost", protocol, "-CAfile",
            ca.certificate().toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        final byte[] output;
        try (InputStream in = process.getInputStream())
        {
            output = in.readAllBytes();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }

    private static void replace(final Path live, final Path with) throws IOException
    {
        final FileTime before = Files.getLastModifiedTime(live);
        Files.copy(with, live, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(live, FileTime.from(before.toInstant().plusSeconds(2).isAfter(Instant.now()) ?
            before.toInstant().plusSeconds(2) : Instant.now()));
    }

    private static HttpClient client(final Path keyStore, final Path trustStore, final String protocol)
        throws IOException, GeneralSecurityException
    {
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        final List<javax.net.ssl.KeyManager> keyManagers = new ArrayList<>();
        if (keyStore != null)
        {
            keys.init(load(keyStore), PASSWORD);
            keyManagers.addAll(List.of(keys.getKeyManagers()));
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.toArray(javax.net.ssl.KeyManager[]::new), trust.getTrustManagers(), null);
        final SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(new String[]{protocol});
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
            .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static KeyStore load(final Path file) throws IOException, GeneralSecurityException
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
