package io.disruptorx.core.tls;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;

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
    void shouldPreferAes128GcmAmongTheJdkDefaultsAndKeepConfiguredSuitesAsGiven() throws Exception
    {
        final SSLEngine defaults = TlsContext.load(TlsConfig.server(server, PASSWORD)).newServerEngine();
        final SSLEngine jdk = SSLContext.getDefault().createSSLEngine();
        jdk.setUseClientMode(false);

        assertThat(defaults.getEnabledCipherSuites()[0]).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(defaults.getEnabledCipherSuites()).containsExactlyInAnyOrder(jdk.getEnabledCipherSuites());
        assertThat(defaults.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
        // a JDK client lists AES-256-GCM first; the server's order decides
        assertThat(handshake(defaults)).isEqualTo("TLS_AES_128_GCM_SHA256");

        final TlsConfig only256 = new TlsConfig(server, PASSWORD, null, null, List.of(TlsConfig.TLS_1_3),
            List.of("TLS_AES_256_GCM_SHA384"), TlsConfig.ClientAuth.NONE);
        final SSLEngine configured = TlsContext.load(only256).newServerEngine();
        assertThat(configured.getEnabledCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
        assertThat(handshake(configured)).isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    /**
     * A TLS 1.3 handshake in memory between the server engine and a JDK client with its default suites.
     *
     * @return the negotiated cipher suite.
     */
    private static String handshake(final SSLEngine serverEngine) throws Exception
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ca.trustStore()))
        {
            trust.load(in, PASSWORD);
        }
        final TrustManagerFactory trustManagers =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        final SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trustManagers.getTrustManagers(), null);
        final SSLEngine client = context.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        final int size = 2 * Math.max(client.getSession().getPacketBufferSize(),
            serverEngine.getSession().getPacketBufferSize());
        final ByteBuffer toServer = ByteBuffer.allocate(size);
        final ByteBuffer toClient = ByteBuffer.allocate(size);
        final ByteBuffer plain = ByteBuffer.allocate(size);
        client.beginHandshake();
        serverEngine.beginHandshake();
        for (int i = 0; i < 50 && !(finished(client) && finished(serverEngine)); i++)
        {
            step(client, toServer, toClient, plain);
            step(serverEngine, toClient, toServer, plain);
        }
        assertThat(finished(client) && finished(serverEngine)).isTrue();
        assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
        return serverEngine.getSession().getCipherSuite();
    }

    private static boolean finished(final SSLEngine engine)
    {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void step(final SSLEngine engine, final ByteBuffer out, final ByteBuffer in, final ByteBuffer plain)
        throws Exception
    {
        for (int moves = 0; moves < 10; moves++)
        {
            switch (engine.getHandshakeStatus())
            {
                case NEED_TASK ->
                {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null)
                    {
                        task.run();
                    }
                }
                case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
                case NEED_UNWRAP ->
                {
                    in.flip();
                    final SSLEngineResult result = engine.unwrap(in, plain);
                    in.compact();
                    plain.clear();
                    if (result.bytesConsumed() == 0)
                    {
                        return;
                    }
                }
                default ->
                {
                    return;
                }
            }
        }
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
