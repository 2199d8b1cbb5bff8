package io.disruptorx.bench.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

/**
 * A TLS client connection as a non-blocking {@link ByteChannel}, on an {@link SSLEngine} over a
 * {@link SocketChannel}: what the gateway benchmark's SoupBinTCP client speaks to the TLS listener, so the TLS leg
 * pays the client's own encryption and nothing else (no relay on the client's side). The engine is the JDK's or
 * BoringSSL's through Netty ({@link #connect(InetSocketAddress, SSLContext)},
 * {@link #connect(InetSocketAddress, SslContext)}): at 10,000 orders/s, one record per order each way, the JDK's
 * engine took 1.7-3.1 us to seal or open one small record on the client's thread, BoringSSL's about 1 us on the
 * gateway's, and a paced order waits for both of the client's. The handshake blocks; afterwards {@link #read}
 * returns 0 when no whole record has arrived and {@link #write} seals what it is given into records of up to 16 KiB
 * (up to {@value #OUT_RECORDS} of them) and sends them with one socket {@code write}, as the gateway does with its
 * reports, keeping what the socket did not take for the next call (each {@link #read} sends it too). One thread.
 */
final class TlsClientChannel implements ByteChannel
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final String AES_128_GCM = "TLS_AES_128_GCM_SHA256";
    /** Records one {@link #write} seals at most before its one socket {@code write}. */
    private static final int OUT_RECORDS = 4;

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer appIn;
    /** The engine's largest record, header and overhead included: {@code netOut} holds {@value #OUT_RECORDS}. */
    private final int packetSize;
    /** The engine's largest plaintext of one record: read once, not from the session (a lock) per record. */
    private final int recordPlaintext;
    private boolean endOfStream;
    private long recordsSealed;
    private long bytesSealed;
    private long unwrapCalls;
    private long recordsOpened;
    private long bytesOpened;

    /**
     * @param heap heap buffers for the JDK's engine (its AES-GCM copies direct ones through temporary arrays it
     *             allocates per record), direct ones for BoringSSL's (which works on native memory and would copy
     *             heap ones).
     */
    private TlsClientChannel(final SocketChannel socket, final SSLEngine engine, final boolean heap)
    {
        this.socket = socket;
        this.engine = engine;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = allocate(4 * packetSize, heap);
        this.netOut = allocate(OUT_RECORDS * packetSize, heap).flip();
        this.recordPlaintext = engine.getSession().getApplicationBufferSize();
        this.appIn = allocate(4 * recordPlaintext, heap);
    }

    private static ByteBuffer allocate(final int capacity, final boolean heap)
    {
        return heap ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    /**
     * Connects and completes a TLS 1.3 handshake with the JDK's engine, offering TLS_AES_128_GCM_SHA256 first (as
     * the gateway's jdk provider prefers it; the JDK's own order puts AES-256 first, and BoringSSL follows the
     * client's order).
     *
     * @param address the TLS listener.
     * @param context trusts the listener's certificate.
     * @return the channel, non-blocking.
     * @throws IOException when the connection or the handshake fails.
     */
    static TlsClientChannel connect(final InetSocketAddress address, final SSLContext context) throws IOException
    {
        final SSLEngine engine = context.createSSLEngine(address.getHostString(), address.getPort());
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[]{"TLSv1.3"});
        engine.setEnabledCipherSuites(aes128First(engine.getEnabledCipherSuites()));
        return connect(address, engine, true);
    }

    /**
     * Connects and completes a TLS 1.3 handshake with BoringSSL's engine (netty-tcnative), which offers
     * TLS_AES_128_GCM_SHA256 first on a CPU with AES instructions.
     *
     * @param address the TLS listener.
     * @param context a client context of {@link SslProvider#OPENSSL} that trusts the listener's certificate.
     * @return the channel, non-blocking.
     * @throws IOException when the connection or the handshake fails.
     */
    static TlsClientChannel connect(final InetSocketAddress address, final SslContext context) throws IOException
    {
        final SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT, address.getHostString(),
            address.getPort());
        try
        {
            return connect(address, engine, false);
        }
        catch (final IOException | RuntimeException ex)
        {
            ReferenceCountUtil.release(engine);
            throw ex;
        }
    }

    private static String[] aes128First(final String[] enabled)
    {
        final String[] ordered = new String[enabled.length];
        int next = 0;
        for (final String suite : enabled)
        {
            if (AES_128_GCM.equals(suite))
            {
                ordered[next++] = suite;
            }
        }
        for (final String suite : enabled)
        {
            if (!AES_128_GCM.equals(suite))
            {
                ordered[next++] = suite;
            }
        }
        return ordered;
    }

    private static TlsClientChannel connect(final InetSocketAddress address, final SSLEngine engine,
        final boolean heap) throws IOException
    {
        final SocketChannel socket = SocketChannel.open(address);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        final TlsClientChannel channel = new TlsClientChannel(socket, engine, heap);
        try
        {
            channel.handshake();
            socket.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            socket.close();
            throw ex;
        }
        return channel;
    }

    /**
     * @return the negotiated protocol, e.g. {@code TLSv1.3}.
     */
    String protocol()
    {
        return engine.getSession().getProtocol();
    }

    /**
     * @return the negotiated cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}.
     */
    String cipherSuite()
    {
        return engine.getSession().getCipherSuite();
    }

    private void handshake() throws IOException
    {
        engine.beginHandshake();
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        while (status != SSLEngineResult.HandshakeStatus.FINISHED &&
            status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING)
        {
            switch (status)
            {
                case NEED_WRAP:
                {
                    netOut.clear();
                    final SSLEngineResult result = engine.wrap(EMPTY, netOut);
                    netOut.flip();
                    while (netOut.hasRemaining())
                    {
                        socket.write(netOut);
                    }
                    status = result.getHandshakeStatus();
                    break;
                }
                case NEED_TASK:
                    runTasks();
                    status = engine.getHandshakeStatus();
                    break;
                default:
                {
                    netIn.flip();
                    final SSLEngineResult result = engine.unwrap(netIn, appIn);
                    netIn.compact();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && socket.read(netIn) < 0)
                    {
                        throw new EOFException("the TLS listener closed during the handshake");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED)
                    {
                        throw new SSLException("the TLS listener refused the handshake");
                    }
                    status = result.getHandshakeStatus();
                }
            }
        }
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            task.run();
        }
    }

    /**
     * @return what this connection's engine has done since it connected: records sealed and opened, their plaintext
     * bytes, and {@code unwrap} calls (a call that finds only part of a record opens none).
     */
    RecordCounts counts()
    {
        return new RecordCounts(recordsSealed, bytesSealed, recordsOpened, bytesOpened, unwrapCalls);
    }

    /**
     * Counts of one connection's records (the client's view: what it sealed the gateway opens, and the other way).
     *
     * @param sealed      records sealed ({@code wrap} calls that took plaintext).
     * @param bytesSealed their plaintext bytes.
     * @param opened      records opened ({@code unwrap} calls that gave plaintext).
     * @param bytesOpened their plaintext bytes.
     * @param unwraps     {@code unwrap} calls.
     */
    record RecordCounts(long sealed, long bytesSealed, long opened, long bytesOpened, long unwraps)
    {
        /**
         * @param before the counts at the start of a pass.
         * @param orders the pass's orders.
         * @return records per order each way, plaintext bytes per record, and the client's {@code unwrap} calls per
         * record opened.
         */
        String describeSince(final RecordCounts before, final long orders)
        {
            final long in = sealed - before.sealed;
            final long out = opened - before.opened;
            final double perOrder = Math.max(1, orders);
            return String.format(Locale.ROOT, "records per order: to the gateway %.4f (%,.0f B each), " +
                "from it %.4f (%,.0f B each); the client's unwrap calls per record opened %.2f", in / perOrder,
                (bytesSealed - before.bytesSealed) / (double)Math.max(1, in), out / perOrder,
                (bytesOpened - before.bytesOpened) / (double)Math.max(1, out),
                (unwraps - before.unwraps) / (double)Math.max(1, out));
        }
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        sendPending();
        if (!endOfStream && netIn.hasRemaining() && socket.read(netIn) < 0)
        {
            endOfStream = true;
        }
        while (netIn.position() > 0 && appIn.remaining() >= recordPlaintext)
        {
            netIn.flip();
            final SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            unwrapCalls++;
            if (result.bytesProduced() > 0)
            {
                recordsOpened++;
                bytesOpened += result.bytesProduced();
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK)
            {
                runTasks();
            }
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0)
            {
                endOfStream |= result.getStatus() == SSLEngineResult.Status.CLOSED;
                break;
            }
        }
        if (appIn.position() == 0)
        {
            return endOfStream ? -1 : 0;
        }
        appIn.flip();
        final int length = Math.min(appIn.remaining(), dst.remaining());
        final int limit = appIn.limit();
        appIn.limit(appIn.position() + length);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return length;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        int taken = 0;
        if (sendPending())
        {
            netOut.clear();
            try
            {
                while (src.hasRemaining() && netOut.remaining() >= packetSize)
                {
                    final SSLEngineResult result = engine.wrap(src, netOut);
                    taken += result.bytesConsumed();
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED)
                    {
                        throw new SSLException("the TLS connection is closed");
                    }
                    if (result.bytesConsumed() == 0)
                    {
                        break;
                    }
                    recordsSealed++;
                    bytesSealed += result.bytesConsumed();
                }
            }
            finally
            {
                netOut.flip();
            }
            sendPending();
        }
        return taken;
    }

    /**
     * @return whether no ciphertext is left to send.
     */
    private boolean sendPending() throws IOException
    {
        while (netOut.hasRemaining())
        {
            if (socket.write(netOut) == 0)
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isOpen()
    {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            engine.closeOutbound();
            if (sendPending())
            {
                netOut.clear();
                engine.wrap(EMPTY, netOut);
                netOut.flip();
                sendPending();
            }
        }
        finally
        {
            socket.close();
            ReferenceCountUtil.release(engine);
        }
    }
}
