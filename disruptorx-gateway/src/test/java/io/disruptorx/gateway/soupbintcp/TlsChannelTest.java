package io.disruptorx.gateway.soupbintcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsContext;
import io.disruptorx.gateway.support.TrustingContexts;
import io.disruptorx.http.OpenSslEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TlsChannel} over a real loopback connection, driven here as the gateway's duty cycle drives it, with the
 * JDK's {@code SSLSocket} as the client and the raw socket under it for bytes no TLS client sends: record headers
 * announcing more than the engine's packet size. The JDK's engine refuses such a header at once; BoringSSL's takes a
 * record of up to its plaintext buffer, and while one arrives the channel has no work (no {@code unwrap} per duty
 * cycle) until it is whole and refused; a record longer than the plaintext buffer, or than any buffer, is refused
 * rather than polled, and so is one longer than the ciphertext buffer that an engine would wait for. A test whose body
 * is the same for both providers runs once per provider.
 */
@Timeout(60)
class TlsChannelTest
{
    private static final char[] STORE_PASSWORD = "store-pass".toCharArray();
    /** A record header's length: content type, version, and the two bytes of the length. */
    private static final int HEADER = 5;
    private static final byte APPLICATION_DATA = 23;
    /** Duty cycles a refusal may take: a record arriving in pieces takes a few. */
    private static final int MAX_CYCLES = 100;

    /**
     * Every failure's message starts with the test's name, so that of a test run once per provider says which provider
     * failed where the build's report gives only the invocation's index.
     */
    @RegisterExtension
    static final TestExecutionExceptionHandler NAMED_FAILURES = (context, failure) ->
    {
        throw new AssertionError(context.getDisplayName() + ": " + failure.getMessage(), failure);
    };

    @TempDir
    static Path certs;

    private static Certificates authority;
    private static Path serverStore;

    private SoupBinTcpTls tls;
    private ServerSocketChannel server;
    private Selector selector;
    private Socket raw;
    private SSLSocket client;
    private CountingEngine engine;
    private TlsChannel channel;
    private final ByteBuffer plaintext = ByteBuffer.allocate(64 * 1024);

    @BeforeAll
    static void makeCertificates() throws IOException
    {
        authority = Certificates.createAuthority(certs.resolve("ca"), "test CA", STORE_PASSWORD, 30);
        serverStore = authority.issueServer("server", List.of("localhost", "127.0.0.1"), 30);
    }

    @AfterEach
    void close() throws IOException
    {
        if (channel != null)
        {
            channel.close();
        }
        raw.close();
        selector.close();
        server.close();
        tls.close();
    }

    @Test
    void shouldHaveNoWorkWhileALongRecordOpenSslTakesArrivesAndRefuseItWhole() throws Exception
    {
        connect(TlsConfig.Provider.OPENSSL);
        final int packetSize = engine.getSession().getPacketBufferSize();
        final int record = packetSize + 3_000;
        assertThat(record - HEADER).as("a record the plaintext buffer holds").isLessThanOrEqualTo(
            channel.plaintextCapacity());
        send(record - HEADER, 1_000);
        readWhatArrives();
        final int unwraps = engine.unwraps;

        assertThat(channel.hasInput()).as("a record's start is not work").isFalse();
        for (int i = 0; i < 3; i++)
        {
            assertThat(channel.read(plaintext)).isZero();
        }
        assertThat(engine.unwraps).as("no unwrap for a record still arriving").isEqualTo(unwraps);

        raw.getOutputStream().write(new byte[record - HEADER - 1_000]);
        assertThatThrownBy(this::readUntilRefused).isInstanceOf(SSLException.class);
        assertThat(engine.unwraps).as("the whole record handed over once (BoringSSL then asks to send its alert and " +
            "refuses on the next call)").isBetween(unwraps + 1, unwraps + 2);
        assertClosedByTheGateway();
    }

    /**
     * A burst of whole records read back 1,000 bytes at a time, as a reader with little room does. With BoringSSL's
     * buffer sizes the plaintext buffer then fills until the next record does not fit, and the engine answers
     * {@code BUFFER_OVERFLOW} with plaintext waiting. That is the reader's turn, not a refusal: every byte is read back
     * in order and the connection stays open. (The JDK's plaintext buffer holds both records the ciphertext buffer
     * can, so its engine never gets there.)
     */
    @Test
    void shouldReadABurstOfFullRecordsInSmallReadsWithOpenSsl() throws Exception
    {
        connect(TlsConfig.Provider.OPENSSL);
        final byte[] burst = new byte[64 * 1024];
        for (int i = 0; i < burst.length; i++)
        {
            burst[i] = (byte)(i * 31);
        }
        client.getOutputStream().write(burst);

        final ByteBuffer received = ByteBuffer.allocate(burst.length);
        for (int cycle = 0; received.hasRemaining() && cycle < MAX_CYCLES * 10; cycle++)
        {
            if (!channel.hasInput())
            {
                selector.select(1_000);
            }
            selector.selectedKeys().clear();
            plaintext.clear();
            plaintext.limit(Math.min(1_000, received.remaining()));
            assertThat(channel.read(plaintext)).as("no end of stream").isNotNegative();
            plaintext.flip();
            received.put(plaintext);
        }
        assertThat(received.array()).as("every byte, in order").isEqualTo(burst);
        assertThat(engine.overflows).as("a record waited for the reader's turn").isPositive();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void shouldRefuseARecordLongerThanThePacketSizeAtItsHeaderWithTheJdkEngine() throws Exception
    {
        connect(TlsConfig.Provider.JDK);
        send(engine.getSession().getPacketBufferSize() + 3_000 - HEADER, 1_000);

        assertThatThrownBy(this::readUntilRefused).isInstanceOf(SSLException.class);
        assertClosedByTheGateway();
    }

    /**
     * A whole record whose plaintext could not fit the channel's buffer even with nothing else in it: BoringSSL
     * answers {@code BUFFER_OVERFLOW} for it on every call, so the channel refuses it rather than ask again.
     */
    @ParameterizedTest(name = "{displayName} with {0}")
    @EnumSource(TlsConfig.Provider.class)
    void shouldRefuseARecordLongerThanThePlaintextBuffer(final TlsConfig.Provider provider) throws Exception
    {
        connect(provider);
        final int length = channel.plaintextCapacity() + 300;
        send(length, length);

        assertThatThrownBy(this::readUntilRefused).isInstanceOf(SSLException.class);
        assertClosedByTheGateway();
    }

    @ParameterizedTest(name = "{displayName} with {0}")
    @EnumSource(TlsConfig.Provider.class)
    void shouldRefuseALengthNoBufferHoldsAtItsHeader(final TlsConfig.Provider provider) throws Exception
    {
        connect(provider);
        send(0xFFFF, 100);

        assertThatThrownBy(this::readUntilRefused).isInstanceOf(SSLException.class);
        assertThat(engine.unwraps).as("refused from the header, once").isEqualTo(engine.unwrapsAtHandshake + 1);
        assertClosedByTheGateway();
    }

    /**
     * An engine that answers {@code BUFFER_UNDERFLOW} for a record longer than the channel's ciphertext buffer (two
     * packets) would have the channel wait for bytes it cannot hold: the channel refuses the record at that first
     * answer instead, and the connection closes as at any other refusal.
     */
    @ParameterizedTest(name = "{displayName} with {0}")
    @EnumSource(TlsConfig.Provider.class)
    void shouldRefuseARecordLongerThanTheCiphertextBufferThatTheEngineWaitsFor(final TlsConfig.Provider provider)
        throws Exception
    {
        connect(provider);
        assertThat(HEADER + 0xFFFF).as("longer than two packets").isGreaterThan(
            2 * engine.getSession().getPacketBufferSize());
        engine.awaitingEveryRecord = true;
        send(0xFFFF, 100);

        assertThatThrownBy(this::readUntilRefused).isInstanceOf(SSLException.class);
        assertThat(engine.unwraps).as("refused at the engine's first answer").isEqualTo(
            engine.unwrapsAtHandshake + 1);
        assertClosedByTheGateway();
    }

    /**
     * Connects a TLS 1.3 client, and runs duty cycles until the handshake is over on both sides and a byte the client
     * sends then is read (BoringSSL's engine ends its handshake on the first record after the client's Finished) and
     * the channel has no more work.
     */
    private void connect(final TlsConfig.Provider provider) throws Exception
    {
        final TlsConfig config = TlsConfig.server(serverStore, STORE_PASSWORD).withProvider(provider);
        tls = new SoupBinTcpTls(provider == TlsConfig.Provider.JDK ? TlsContext.load(config) :
            OpenSslEngines.load(config));
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        selector = Selector.open();
        raw = new Socket();
        raw.setTcpNoDelay(true);
        raw.setSoTimeout(10_000);
        raw.connect(server.getLocalAddress());
        final SocketChannel accepted = server.accept();
        accepted.configureBlocking(false);
        accepted.register(selector, SelectionKey.OP_READ);
        engine = new CountingEngine(tls.newEngine());
        channel = new TlsChannel(accepted, engine, tls);
        client = (SSLSocket)trusting().getSocketFactory().createSocket(raw, "127.0.0.1",
            raw.getPort(), false);
        client.setEnabledProtocols(new String[]{"TLSv1.3"});
        final CompletableFuture<Void> handshake = CompletableFuture.runAsync(() ->
        {
            try
            {
                client.startHandshake();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        while (!handshake.isDone())
        {
            selector.select(1);
            selector.selectedKeys().clear();
            channel.read(plaintext);
        }
        handshake.join();
        client.getOutputStream().write(1);
        while (plaintext.position() == 0 || channel.hasInput())
        {
            selector.select(1);
            selector.selectedKeys().clear();
            channel.read(plaintext);
        }
        plaintext.clear();
        assertThat(tls.handshakes()).isEqualTo(1);
        engine.unwrapsAtHandshake = engine.unwraps;
    }

    /**
     * Closes the channel, as the connection does when a read throws, and reads the client's side to its end (what
     * came before, a session ticket and the alert, is dropped; a reset, when the gateway closed with bytes unread,
     * counts as closed): a connection left open fails the read after the socket's ten-second timeout instead.
     */
    private void assertClosedByTheGateway() throws IOException
    {
        assertThat(tls.handshakeFailures()).as("refused after the handshake").isZero();
        channel.close();
        final InputStream in = raw.getInputStream();
        final byte[] bytes = new byte[1024];
        int read;
        try
        {
            do
            {
                read = in.read(bytes);
            }
            while (read > 0);
        }
        catch (final SocketException reset)
        {
            read = -1;
        }
        assertThat(read).as("the connection closed").isNegative();
    }

    /**
     * Sends, in one write, the header of an application data record of {@code length} bytes (versioned as TLS 1.3's
     * records are) and the first {@code sent} of them (zeros).
     */
    private void send(final int length, final int sent) throws IOException
    {
        final byte[] bytes = new byte[HEADER + sent];
        bytes[0] = APPLICATION_DATA;
        bytes[1] = 3;
        bytes[2] = 3;
        bytes[3] = (byte)(length >>> 8);
        bytes[4] = (byte)length;
        raw.getOutputStream().write(bytes);
    }

    /**
     * Reads, as the duty cycle does when the selector marks the connection, until the socket has nothing more.
     */
    private void readWhatArrives() throws IOException
    {
        assertThat(selector.select(10_000)).as("the bytes arrive").isPositive();
        do
        {
            selector.selectedKeys().clear();
            channel.read(plaintext);
        }
        while (selector.selectNow() > 0);
        selector.selectedKeys().clear();
    }

    /**
     * Runs duty cycles until the channel throws, or returns after {@link #MAX_CYCLES} or once one finds nothing to do
     * in ten seconds.
     */
    private void readUntilRefused() throws IOException
    {
        for (int i = 0; i < MAX_CYCLES && dutyCycle(10_000); i++)
        {
            assertThat(channel.isOpen()).isTrue();
        }
    }

    /**
     * One duty cycle: waits up to {@code millis} for the socket unless the channel has work of its own, then reads
     * when either holds.
     *
     * @return whether it read.
     */
    private boolean dutyCycle(final long millis) throws IOException
    {
        final boolean readable = (channel.hasInput() ? selector.selectNow() : selector.select(millis)) > 0;
        selector.selectedKeys().clear();
        if (readable || channel.hasInput())
        {
            assertThat(channel.read(plaintext)).as("no plaintext").isLessThanOrEqualTo(0);
            return true;
        }
        return false;
    }

    private static SSLContext trusting() throws IOException, GeneralSecurityException
    {
        return TrustingContexts.trusting(authority.trustStore(), STORE_PASSWORD);
    }
}
