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
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The TLS terminator in front of a plain TCP echo service, with the JDK's SSLSocket as the client on loopback.
 *
 * <p>How it can fail: bytes lost or reordered in either direction (the client's first bytes racing the service
 * connection, a large transfer under flow control), a refused handshake that still reaches the service, or a
 * client left hanging when the service is down.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsTerminatorTest
{
    private static final char[] PASSWORD = "terminator-test".toCharArray();
    private static Certificates ca;
    private static Path serverStore;
    private static Path alice;

    private EchoService service;
    private TlsTerminator terminator;

    @BeforeAll
    static void makeCertificates()
    {
        ca = Certificates.createAuthority(Path.of("target", "tls-terminator-test", Long.toString(System.nanoTime()))
            .toAbsolutePath(), "Terminator Test CA", PASSWORD, 10);
        serverStore = ca.issueServer("server", List.of("localhost", "127.0.0.1"), 10);
        alice = ca.issueClient("alice", 10);
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

    @Test
    void shouldRelayBothWaysInOrderIncludingALargeTransfer() throws Exception
    {
        service = new EchoService();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0), service.address(),
            TlsConfig.server(serverStore, PASSWORD), 1);

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

    @Test
    void shouldKeepARefusedHandshakeAwayFromTheService() throws Exception
    {
        service = new EchoService();
        terminator = TlsTerminator.start(new InetSocketAddress("127.0.0.1", 0), service.address(),
            TlsConfig.server(serverStore, PASSWORD).withClientAuth(ca.trustStore(), PASSWORD,
                TlsConfig.ClientAuth.REQUIRED), 1);

        assertThatThrownBy(() -> handshakeAndRead(connect(null, "TLSv1.3"))).as("no client certificate")
            .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> handshakeAndRead(connect(alice, "TLSv1.2"))).as("TLS 1.2")
            .isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(terminator.handshakeFailures()).isEqualTo(2));
        assertThat(service.connections()).as("connections that reached the service").isZero();

        try (SSLSocket socket = connect(alice, "TLSv1.3"))
        {
            assertThat(socket.getInputStream().readNBytes(EchoService.GREETING.length))
                .isEqualTo(EchoService.GREETING);
        }
        assertThat(service.connections()).isEqualTo(1);
    }

    @Test
    void shouldCloseTheClientWhenTheServiceIsDown() throws Exception
    {
        final int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            closedPort = probe.getLocalPort();
        }
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
