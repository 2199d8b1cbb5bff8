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
