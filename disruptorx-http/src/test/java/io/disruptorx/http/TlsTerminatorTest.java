package io.disruptorx.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigException;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The TLS terminator in front of a plain TCP echo service, with the JDK's SSLSocket as the client on loopback, served
 * by each provider: the JDK's and OpenSSL's (BoringSSL through Netty).
 *
 * <p>How it can fail: bytes lost or reordered in either direction (the client's first bytes racing the service
 * connection, a large transfer under flow control), a refused handshake that still reaches the service, or a
 * client left hanging when the service is down; the OpenSSL provider accepting what the JDK's refuses (TLS 1.2 by
 * default, an expired or unknown client certificate) or silently serving with the JDK's engines.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsTerminatorTest
{
    private static final char[] PASSWORD = TestCertificates.PASSWORD;
    private static Certificates ca;
    private static Path serverStore;
    private static Path alice;
    private static Path expired;
    private static Path mallory;

    private EchoService service;
    private TlsTerminator terminator;

    @BeforeAll
    static void makeCertificates()
    {
        final TestCertificates certificates = TestCertificates.shared();
        ca = certificates.authority();
        serverStore = certificates.server();
        alice = certificates.alice();
        expired = certificates.expired();
        mallory = certificates.mallory();
    }

    @AfterEach
    void stop() throws IOException
    {
        if (terminator != null)
        {
            terminator.close();
        }
        if (service != null)
        {
            service.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldRelayBothWaysInOrderIncludingALargeTransfer(final TlsConfig.Provider provider) throws Exception
    {
        service = new EchoService();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0), service.address(),
            TlsConfig.server(serverStore, PASSWORD).withProvider(provider), 1);
        final SSLEngine engine = terminator.tls().newServerEngine();
        assertThat(engine instanceof ReferenceCountedOpenSslEngine).as("an OpenSSL engine")
            .isEqualTo(provider == TlsConfig.Provider.OPENSSL);
        ReferenceCountUtil.release(engine);

        try (SSLSocket socket = connect(null, "TLSv1.3"))
        {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            final byte[] greeting = socket.getInputStream().readNBytes(EchoService.GREETING.length);
            assertThat(greeting).isEqualTo(EchoService.GREETING);

            final byte[] payload = new byte[1 << 20];
            new Random(42).nextBytes(payload);
            final Thread writer = new Thread(() -> write(socket, payload), "tls-test-writer");
            writer.start();
            final byte[] echoed = socket.getInputStream().readNBytes(payload.length);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(Arrays.equals(echoed, payload)).as("1 MiB echoed through TLS, in order").isTrue();
        }
        assertThat(terminator.handshakes()).isEqualTo(1);
        assertThat(service.connections()).isEqualTo(1);
    }

    /**
     * The relay writes what one side sends as it reads it and flushes once per pass of its I/O thread, on the
     * channel it wrote to: what the service sends unprompted (its greeting), each small exchange and a burst of
     * records all arrive without the other side sending more. Flushing the channel that read instead (each handler's
     * own {@code ctx.flush()} in {@code channelReadComplete}) holds each direction's bytes until the other side
     * speaks: the greeting never arrives, the hang of the first coalescing attempt.
     */
    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldFlushEachDirectionOncePerPassWithoutWaitingForTheOtherSide(final TlsConfig.Provider provider)
        throws Exception
    {
        service = new EchoService();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0), service.address(),
            TlsConfig.server(serverStore, PASSWORD).withProvider(provider), 1);

        try (SSLSocket socket = connect(null, "TLSv1.3"))
        {
            socket.setSoTimeout(5_000);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            assertThat(in.readNBytes(EchoService.GREETING.length)).as("the greeting, before the client sent a byte")
                .isEqualTo(EchoService.GREETING);
            for (int i = 0; i < 200; i++)
            {
                final byte[] message = ("order " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                out.write(message);
                out.flush();
                assertThat(in.readNBytes(message.length)).as("round trip %d", i).isEqualTo(message);
            }
            final byte[] burst = new byte[64 * 100];
            new Random(7).nextBytes(burst);
            for (int offset = 0; offset < burst.length; offset += 100)
            {
                out.write(burst, offset, 100);
            }
            out.flush();
            assertThat(in.readNBytes(burst.length)).as("64 records written back to back").isEqualTo(burst);
        }
        assertThat(service.connections()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldKeepARefusedHandshakeAwayFromTheService(final TlsConfig.Provider provider) throws Exception
    {
        service = new EchoService();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0), service.address(),
            TlsConfig.server(serverStore, PASSWORD).withProvider(provider).withClientAuth(ca.trustStore(), PASSWORD,
                TlsConfig.ClientAuth.REQUIRED), 1);

        assertThatThrownBy(() -> handshakeAndRead(connect(null, "TLSv1.3"))).as("no client certificate")
            .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> handshakeAndRead(connect(alice, "TLSv1.2"))).as("TLS 1.2")
            .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> handshakeAndRead(connect(mallory, "TLSv1.3"))).as("another authority's")
            .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> handshakeAndRead(connect(expired, "TLSv1.3"))).as("an expired certificate")
            .isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(terminator.handshakeFailures()).isEqualTo(4));
        assertThat(service.connections()).as("connections that reached the service").isZero();

        try (SSLSocket socket = connect(alice, "TLSv1.3"))
        {
            assertThat(socket.getInputStream().readNBytes(EchoService.GREETING.length))
                .isEqualTo(EchoService.GREETING);
        }
        assertThat(service.connections()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldAcceptTls12OnlyWhenConfigured(final TlsConfig.Provider provider) throws Exception
    {
        service = new EchoService();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0), service.address(),
            TlsConfig.server(serverStore, PASSWORD).withProvider(provider)
                .withProtocols(List.of(TlsConfig.TLS_1_3, "TLSv1.2")), 1);

        try (SSLSocket socket = connect(null, "TLSv1.2"))
        {
            assertThat(socket.getInputStream().readNBytes(EchoService.GREETING.length))
                .isEqualTo(EchoService.GREETING);
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
        assertThat(terminator.handshakes()).isEqualTo(1);
    }

    @Test
    void shouldRefuseACipherSuiteOpensslDoesNotKnowAtStart()
    {
        final TlsConfig config = new TlsConfig(serverStore, PASSWORD, null, null, List.of(TlsConfig.TLS_1_3, "TLSv1.2"),
            List.of("TLS_NO_SUCH_SUITE"), TlsConfig.ClientAuth.NONE, TlsConfig.Provider.OPENSSL);

        assertThatThrownBy(() -> TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", 1), config, 1))
            .isInstanceOf(TlsConfigException.class).hasMessageContaining("tls provider openssl")
            .hasMessageContaining("TLS_NO_SUCH_SUITE").hasMessageNotContaining(new String(PASSWORD));
    }

    @Test
    void shouldSayWhyWhenOpensslsNativeLibraryCannotLoad()
    {
        final UnsatisfiedLinkError cause = new UnsatisfiedLinkError("no netty_tcnative_linux_aarch_64");

        assertThatThrownBy(() -> OpenSslEngines.requireAvailable(false, cause))
            .isInstanceOf(TlsConfigException.class)
            .hasMessageContaining("tls provider openssl: the native library of netty-tcnative-boringssl-static " +
                "cannot load")
            .hasMessageContaining("no netty_tcnative_linux_aarch_64").hasMessageContaining("use provider jdk")
            .hasCause(cause);
        OpenSslEngines.requireAvailable(true, null);
    }

    @Test
    void shouldCloseTheClientWhenTheServiceIsDown() throws Exception
    {
        final int closedPort = TestPorts.port();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", closedPort), TlsConfig.server(serverStore, PASSWORD), 1);

        try (SSLSocket socket = connect(null, "TLSv1.3"))
        {
            socket.startHandshake();
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
        assertThat(terminator.serviceUnreachable()).isEqualTo(1);
    }

    private static void handshakeAndRead(final SSLSocket socket) throws IOException
    {
        try (socket)
        {
            socket.startHandshake();
            if (socket.getInputStream().read() < 0)
            {
                throw new IOException("closed by the terminator");
            }
        }
    }

    private static void write(final Socket socket, final byte[] payload)
    {
        try
        {
            final OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < payload.length; offset += 16 * 1024)
            {
                out.write(payload, offset, Math.min(16 * 1024, payload.length - offset));
            }
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private SSLSocket connect(final Path keyStore, final String protocol) throws Exception
    {
        KeyManagerFactory keys = null;
        if (keyStore != null)
        {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD);
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(ca.trustStore()));
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        final SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("127.0.0.1", terminator.port());
        socket.setEnabledProtocols(new String[]{protocol});
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static KeyStore load(final Path file) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, PASSWORD);
        }
        return store;
    }

    /**
     * A plain TCP service on loopback: greets each connection, then echoes what it reads.
     */
    private static final class EchoService implements AutoCloseable
    {
        static final byte[] GREETING = "hello from the service\n".getBytes(StandardCharsets.US_ASCII);

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "echo-service");

        EchoService() throws IOException
        {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address()
        {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        int connections()
        {
            return connections.get();
        }

        private void accept()
        {
            while (!server.isClosed())
            {
                try
                {
                    final Socket socket = server.accept();
                    connections.incrementAndGet();
                    final Thread echo = new Thread(() -> echo(socket), "echo-connection");
                    echo.setDaemon(true);
                    echo.start();
                }
                catch (final IOException ex)
                {
                    return;
                }
            }
        }

        private static void echo(final Socket socket)
        {
            try (socket)
            {
                socket.getOutputStream().write(GREETING);
                socket.getInputStream().transferTo(socket.getOutputStream());
            }
            catch (final IOException ex)
            {
                return;
            }
        }

        @Override
        public void close() throws IOException
        {
            server.close();
        }
    }
}
