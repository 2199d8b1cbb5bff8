package io.disruptorx.node.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigBinder;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.node.http.NodeHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dx certs} makes stores a node's {@code node.http.tls} section can use as printed, and that section's
 * mistakes are reported by key.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CertsCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldMakeCertificatesANodeServesHttpsWith() throws Exception
    {
        final Path certs = dir.resolve("certs");
        assertThat(dx("certs", "--dir", certs.toString(), "--users", "alice,bob", "--days", "30")).isZero();

        assertThat(certs.resolve("server.p12")).exists();
        assertThat(certs.resolve("alice.p12")).exists();
        assertThat(certs.resolve("bob.p12")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("password"))))
            .isEqualTo("rw-------");
        final String password = Files.readAllLines(certs.resolve("password")).get(0);
        assertThat(out.toString()).contains("node.http.tls { key-store = \"" + certs.resolve("server.p12"))
            .doesNotContain(password);

        final String printed = out.toString().lines().filter(l -> l.startsWith("node.http.tls")).findFirst()
            .orElseThrow();
        final TlsConfig tls = bind(ConfigFactory.parseString(printed));
        try (NodeHttpServer server = NodeHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withTls(tls),
            NodeHttpServer.routes(new MetricsRegistry(), () -> "{\"status\":\"UP\"}", Map.of())))
        {
            final HttpResponse<String> health = client(certs.resolve("trust.p12"), password.toCharArray())
                .send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
        }

        assertThat(dx("certs", "--dir", certs.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already holds a certificate authority");
    }

    @Test
    void shouldNameEveryMistakeOfATlsSection()
    {
        final Config section = ConfigFactory.parseString("node.http.tls { key-store = \"/nowhere/server.p12\", " +
            "key-store-password-file = \"/nowhere/password\", protocols = [], client-auth = required }");

        assertThatThrownBy(() -> bind(section)).isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("node.http.tls.key-store-password-file")
            .hasMessageContaining("node.http.tls.protocols")
            .hasMessageContaining("node.http.tls.trust-store");
    }

    private static TlsConfig bind(final Config given)
    {
        final Config config = given.withFallback(ConfigFactory.parseResources("dx-node-defaults.conf")).resolve();
        final ConfigReader reader = new ConfigReader(config, "test.conf");
        return reader.finish(TlsConfigBinder.bind(config, reader, "node.http.tls"));
    }

    private static HttpClient client(final Path trustStore, final char[] password) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore))
        {
            store.load(in, password);
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private int dx(final String... args)
    {
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
