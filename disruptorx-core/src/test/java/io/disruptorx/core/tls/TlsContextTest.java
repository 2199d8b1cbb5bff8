package io.disruptorx.core.tls;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS settings and contexts: what a server engine accepts by default, and that every unusable setting is refused
 * with a message that names the file or setting and never a password.
 */
class TlsContextTest
{
    private static final char[] PASSWORD = "core-test-password".toCharArray();
    private static Certificates ca;
    private static Path server;

    @BeforeAll
    static void makeCertificates()
    {
        ca = Certificates.createAuthority(Path.of("target", "tls-context-test", Long.toString(System.nanoTime()))
            .toAbsolutePath(), "Core Test CA", PASSWORD, 10);
        server = ca.issueServer("server", List.of("localhost", "127.0.0.1"), 10);
    }

    @Test
    void shouldMakeServerEnginesThatAcceptOnlyTls13AndNoClientCertificateByDefault()
    {
        final SSLEngine engine = TlsContext.load(TlsConfig.server(server, PASSWORD)).newServerEngine();

        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(engine.getNeedClientAuth()).isFalse();
        assertThat(engine.getWantClientAuth()).isFalse();
    }

    @Test
    void shouldAskForClientCertificatesWhenConfigured()
    {
        final TlsConfig required = TlsConfig.server(server, PASSWORD)
            .withClientAuth(ca.trustStore(), PASSWORD, TlsConfig.ClientAuth.REQUIRED);
        final TlsConfig optional = TlsConfig.server(server, PASSWORD)
            .withClientAuth(ca.trustStore(), PASSWORD, TlsConfig.ClientAuth.OPTIONAL);

        assertThat(TlsContext.load(required).newServerEngine().getNeedClientAuth()).isTrue();
        assertThat(TlsContext.load(optional).newServerEngine().getWantClientAuth()).isTrue();
    }

    @Test
    void shouldRefuseAWrongPasswordNamingTheFileAndNotThePassword()
    {
        final char[] wrong = "not-the-password".toCharArray();

        assertThatThrownBy(() -> TlsContext.load(TlsConfig.server(server, wrong)))
            .isInstanceOf(TlsConfigException.class)
            .hasMessageContaining(server.toString())
            .hasMessageContaining("wrong password")
            .hasMessageNotContaining("not-the-password");
    }

    @Test
    void shouldRefuseAMissingFileAndAnUnknownProtocol()
    {
        final Path missing = server.resolveSibling("missing.p12");
        assertThatThrownBy(() -> TlsContext.load(TlsConfig.server(missing, PASSWORD)))
            .isInstanceOf(TlsConfigException.class).hasMessageContaining(missing.toString());

        assertThatThrownBy(() -> TlsContext.load(TlsConfig.server(server, PASSWORD).withProtocols(List.of("SSLv9"))))
            .isInstanceOf(TlsConfigException.class).hasMessageContaining("SSLv9").hasMessageContaining("TLSv1.3");
    }

    @Test
    void shouldRefuseClientAuthenticationWithoutATrustStoreAndNeverPrintAPassword()
    {
        assertThatThrownBy(() -> new TlsConfig(server, PASSWORD, null, null, List.of(TlsConfig.TLS_1_3), List.of(),
            TlsConfig.ClientAuth.REQUIRED)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("needs a trust store");

        final TlsConfig config = TlsConfig.server(server, PASSWORD)
            .withClientAuth(ca.trustStore(), PASSWORD, TlsConfig.ClientAuth.OPTIONAL);
        assertThat(config.toString()).contains(server.toString()).doesNotContain(new String(PASSWORD));
    }
}
