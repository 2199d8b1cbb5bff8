package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.http.OpenSslEngines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH over one paced order's TLS records in memory (no socket, no thread hand-off): what each side's engine costs
 * when every order and every report is a record of its own, as at 10,000 orders/s. The client is the bench's
 * ({@link TlsClientChannel}: the JDK's engine, heap buffers, the JDK's default suite order); the gateway's engine
 * comes from the listener's provider as {@code dx node} builds it ({@link OpenSslEngines#load}), with
 * {@code TlsChannel}'s buffers (heap for jdk, direct for openssl). {@link #clientSeal} and {@link #gatewaySeal} each
 * seal one record; {@link #roundTrip} seals and opens both (the client seals an order, the gateway opens it and seals
 * a report, the client opens that), so the two opens together are {@code roundTrip - clientSeal - gatewaySeal}.
 *
 * <p>What {@code TlsChannel} adds around the gateway's {@code unwrap}, in two shapes: a paced order (one record of one
 * order) and a saturated read (two records of {@value #ORDERS_PER_RECORD} orders each, about what the bench's client
 * gathers per record at saturation, in the ciphertext buffer at once). {@link #openPaced} and {@link #openSaturated}
 * have the client seal and the gateway open in place, records one after another, into one buffer;
 * {@link #openPacedAsChannel} and {@link #openSaturatedAsChannel} seal the same and open them with the steps
 * {@code TlsChannel.read} takes (the plaintext buffer compacted before each {@code unwrap}, the ciphertext buffer
 * compacted after it, the plaintext copied to the session's receive buffer), in buffers of its sizes. The difference is
 * the channel's own cost per record; the client's seal is in both. {@link #channelStepsPaced} and
 * {@link #channelStepsSaturated} take the same steps on the same buffers without the engines ({@code unwrap}'s
 * effect on the two buffers' positions stands in for it, the bytes left as they are): what removing every step but
 * the {@code unwrap} could save at most.
 *
 * <pre>
 * java -cp disruptorx-bench/target/dx-bench.jar org.openjdk.jmh.Main 'io.disruptorx.bench.gateway.TlsRecordBenchmark'
 *     -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TlsRecordBenchmark
{
    /** About a native NewOrder in its SoupBinTCP packet. */
    private static final int ORDER_BYTES = 64;
    /** About a native OrderAccepted in its SoupBinTCP packet. */
    private static final int REPORT_BYTES = 96;
    /** Orders per record at saturation: the bench's client counted about 133 (one window refill). */
    private static final int ORDERS_PER_RECORD = 128;
    /** A record's header: content type, version, length. */
    private static final int RECORD_HEADER = 5;
    /** A TLS 1.3 AES-GCM record's bytes besides its plaintext: the header, the inner content type, the tag. */
    private static final int RECORD_OVERHEAD = RECORD_HEADER + 1 + 16;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** The gateway listener's provider. */
    @Param({"jdk", "openssl"})
    public String provider;

    private SSLEngine client;
    private SSLEngine gateway;
    private ByteBuffer order;
    private ByteBuffer report;
    private ByteBuffer toGateway;
    private ByteBuffer toClient;
    private ByteBuffer gatewayPlain;
    private ByteBuffer clientPlain;
    private ByteBuffer orders;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer rx;

    /**
     * Throwaway certificates, both engines, the handshake, and a few orders so that post-handshake messages are gone.
     *
     * @throws IOException when the certificates or the handshake fail.
     */
    @Setup
    public void setUp() throws IOException
    {
        final Path directory = Files.createTempDirectory("dx-tls-record");
        final TlsLeg.Certs certs = TlsLeg.certificates(directory);
        final TlsConfig.Provider chosen = TlsConfig.Provider.valueOf(provider.toUpperCase(Locale.ROOT));
        gateway = OpenSslEngines.load(TlsConfig.server(certs.server(), TlsLeg.STORE_PASSWORD).withProvider(chosen))
            .newServerEngine();
        client = TlsLeg.context(certs.authority().trustStore()).createSSLEngine("127.0.0.1", 1);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[]{"TLSv1.3"});
        final int packet = Math.max(client.getSession().getPacketBufferSize(),
            gateway.getSession().getPacketBufferSize());
        final int plain = Math.max(client.getSession().getApplicationBufferSize(),
            gateway.getSession().getApplicationBufferSize());
        final boolean heap = chosen == TlsConfig.Provider.JDK;
        toGateway = allocate(4 * packet, heap);
        toClient = ByteBuffer.allocate(4 * packet);
        gatewayPlain = allocate(2 * plain, heap);
        clientPlain = ByteBuffer.allocate(2 * plain);
        order = ByteBuffer.allocateDirect(ORDER_BYTES);
        report = allocate(REPORT_BYTES, heap);
        orders = ByteBuffer.allocateDirect(ORDERS_PER_RECORD * ORDER_BYTES);
        netIn = allocate(2 * gateway.getSession().getPacketBufferSize(), heap);
        appIn = allocate(2 * gateway.getSession().getApplicationBufferSize(), heap).flip();
        rx = ByteBuffer.allocateDirect(appIn.capacity());
        handshake();
        for (int i = 0; i < 16; i++)
        {
            roundTrip();
        }
    }

    /**
     * @return ciphertext bytes: the client seals one order.
     * @throws SSLException never, with a live engine.
     */
    @Benchmark
    public int clientSeal() throws SSLException
    {
        order.clear();
        toGateway.clear();
        return client.wrap(order, toGateway).bytesProduced();
    }

    /**
     * @return ciphertext bytes: the gateway seals one report.
     * @throws SSLException never, with a live engine.
     */
    @Benchmark
    public int gatewaySeal() throws SSLException
    {
        report.clear();
        toClient.clear();
        return gateway.wrap(report, toClient).bytesProduced();
    }

    /**
     * @return plaintext bytes opened on both sides: an order sealed and opened, its report sealed and opened.
     * @throws SSLException never, with live engines.
     */
    @Benchmark
    public int roundTrip() throws SSLException
    {
        order.clear();
        toGateway.clear();
        client.wrap(order, toGateway);
        toGateway.flip();
        gatewayPlain.clear();
        openAll(gateway, toGateway, gatewayPlain);
        report.clear();
        toClient.clear();
        gateway.wrap(report, toClient);
        toClient.flip();
        clientPlain.clear();
        openAll(client, toClient, clientPlain);
        return gatewayPlain.position() + clientPlain.position();
    }

    /**
     * @return plaintext bytes: the client seals an order, the gateway opens it in place.
     * @throws SSLException never, with live engines.
     */
    @Benchmark
    public int openPaced() throws SSLException
    {
        order.clear();
        toGateway.clear();
        client.wrap(order, toGateway);
        return openInPlace();
    }

    /**
     * @return plaintext bytes: the client seals an order, the gateway opens it as {@code TlsChannel} does.
     * @throws SSLException never, with live engines.
     */
    @Benchmark
    public int openPacedAsChannel() throws SSLException
    {
        order.clear();
        client.wrap(order, netIn);
        return openAsChannel();
    }

    /**
     * @return plaintext bytes: the client seals two records of {@value #ORDERS_PER_RECORD} orders, the gateway opens
     * them in place.
     * @throws SSLException never, with live engines.
     */
    @Benchmark
    public int openSaturated() throws SSLException
    {
        toGateway.clear();
        sealOrders(toGateway);
        sealOrders(toGateway);
        return openInPlace();
    }

    /**
     * @return plaintext bytes: the client seals two records of {@value #ORDERS_PER_RECORD} orders, the gateway opens
     * them as {@code TlsChannel} does.
     * @throws SSLException never, with live engines.
     */
    @Benchmark
    public int openSaturatedAsChannel() throws SSLException
    {
        sealOrders(netIn);
        sealOrders(netIn);
        return openAsChannel();
    }

    /**
     * @return plaintext bytes: {@code TlsChannel}'s steps for a paced order's record, without the engine.
     */
    @Benchmark
    public int channelStepsPaced()
    {
        return channelSteps(1, ORDER_BYTES);
    }

    /**
     * @return plaintext bytes: {@code TlsChannel}'s steps for two records of {@value #ORDERS_PER_RECORD} orders,
     * without the engine.
     */
    @Benchmark
    public int channelStepsSaturated()
    {
        return channelSteps(2, ORDERS_PER_RECORD * ORDER_BYTES);
    }

    /**
     * {@link #openAsChannel} with each {@code unwrap} replaced by what it does to the buffers' positions.
     */
    private int channelSteps(final int records, final int plaintextPerRecord)
    {
        netIn.clear();
        netIn.position(records * (RECORD_OVERHEAD + plaintextPerRecord));
        for (int i = 0; i < records; i++)
        {
            appIn.compact();
            netIn.flip();
            netIn.position(netIn.position() + RECORD_OVERHEAD + plaintextPerRecord);
            appIn.position(appIn.position() + plaintextPerRecord);
            netIn.compact();
            appIn.flip();
        }
        rx.clear();
        final int length = appIn.remaining();
        rx.put(appIn);
        return length;
    }

    private void sealOrders(final ByteBuffer dst) throws SSLException
    {
        orders.clear();
        client.wrap(orders, dst);
    }

    private int openInPlace() throws SSLException
    {
        toGateway.flip();
        gatewayPlain.clear();
        openAll(gateway, toGateway, gatewayPlain);
        return gatewayPlain.position();
    }

    /**
     * {@code TlsChannel.read}'s steps once the socket has filled {@link #netIn}: every whole record opened into
     * {@link #appIn}, each {@code unwrap} between the two buffers' compactions, then the plaintext copied to the
     * session's buffer.
     */
    private int openAsChannel() throws SSLException
    {
        while (netIn.position() >= RECORD_HEADER && netIn.position() >= RECORD_HEADER +
            ((netIn.get(3) & 0xFF) << 8 | (netIn.get(4) & 0xFF)))
        {
            appIn.compact();
            netIn.flip();
            final SSLEngineResult result;
            try
            {
                result = gateway.unwrap(netIn, appIn);
            }
            finally
            {
                netIn.compact();
                appIn.flip();
            }
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0)
            {
                throw new SSLException("cannot open a record: " + result);
            }
        }
        rx.clear();
        final int length = appIn.remaining();
        rx.put(appIn);
        return length;
    }

    private static void openAll(final SSLEngine engine, final ByteBuffer in, final ByteBuffer out) throws SSLException
    {
        while (in.hasRemaining())
        {
            final SSLEngineResult result = engine.unwrap(in, out);
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK)
            {
                runTasks(engine);
            }
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0)
            {
                throw new SSLException("cannot open a record: " + result);
            }
        }
    }

    private void handshake() throws SSLException
    {
        client.beginHandshake();
        gateway.beginHandshake();
        final ByteBuffer clientIn = ByteBuffer.allocate(1 << 17);
        final ByteBuffer gatewayIn = allocate(1 << 17, provider.equals("jdk"));
        final ByteBuffer scratch = allocate(1 << 17, provider.equals("jdk"));
        for (int i = 0; i < 1_000 && !(finished(client) && finished(gateway)); i++)
        {
            step(client, clientIn, gatewayIn, scratch);
            step(gateway, gatewayIn, clientIn, scratch);
        }
        if (!finished(client) || !finished(gateway))
        {
            throw new SSLException("no handshake: client " + client.getHandshakeStatus() + ", gateway " +
                gateway.getHandshakeStatus());
        }
        toClient.clear();
        gateway.wrap(EMPTY, toClient);
        toClient.flip();
        clientIn.flip();
        scratch.clear();
        while (clientIn.hasRemaining() && client.unwrap(clientIn, scratch).bytesConsumed() > 0)
        {
            scratch.clear();
        }
        scratch.clear();
        while (toClient.hasRemaining() && client.unwrap(toClient, scratch).bytesConsumed() > 0)
        {
            scratch.clear();
        }
    }

    private static boolean finished(final SSLEngine engine)
    {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /**
     * One move of an engine: its delegated tasks, a flight wrapped into the peer's input, or its input unwrapped.
     */
    private static void step(final SSLEngine engine, final ByteBuffer in, final ByteBuffer peerIn,
        final ByteBuffer scratch) throws SSLException
    {
        switch (engine.getHandshakeStatus())
        {
            case NEED_TASK:
                runTasks(engine);
                break;
            case NEED_WRAP:
                engine.wrap(EMPTY, peerIn);
                break;
            case NEED_UNWRAP:
            case NEED_UNWRAP_AGAIN:
                in.flip();
                scratch.clear();
                engine.unwrap(in, scratch);
                in.compact();
                break;
            default:
                break;
        }
    }

    private static void runTasks(final SSLEngine engine)
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            task.run();
        }
    }

    private static ByteBuffer allocate(final int capacity, final boolean heap)
    {
        return heap ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }
}
