package io.disruptorx.bench.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A TLS client connection as a non-blocking {@link ByteChannel}, on the JDK's {@link SSLEngine} over a
 * {@link SocketChannel}: what the gateway benchmark's SoupBinTCP client speaks to the TLS listener, so the TLS leg
 * pays the client's own encryption and nothing else (no relay on the client's side). The handshake blocks;
 * afterwards {@link #read} returns 0 when no whole record has arrived and {@link #write} takes only what it could
 * encrypt and send, keeping at most one record's ciphertext to send on the next call (each {@link #read} sends it
 * too). One thread.
 */
final class TlsClientChannel implements ByteChannel
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer appIn;
    /** The engine's largest plaintext of one record: read once, not from the session (a lock) per record. */
    private final int recordPlaintext;
    private boolean endOfStream;

    private TlsClientChannel(final SocketChannel socket, final SSLEngine engine)
    {
        this.socket = socket;
        this.engine = engine;
        final int packet = engine.getSession().getPacketBufferSize();
        // heap buffers: the JDK's AES-GCM copies direct ones through temporary arrays it allocates per record
        this.netIn = ByteBuffer.allocate(4 * packet);
        this.netOut = ByteBuffer.allocate(2 * packet).flip();
        this.recordPlaintext = engine.getSession().getApplicationBufferSize();
        this.appIn = ByteBuffer.allocate(4 * recordPlaintext);
    }

    /**
     * Connects and completes a TLS 1.3 handshake.
     *
     * @param address the TLS listener.
     * @param context trusts the listener's certificate.
     * @return the channel, non-blocking.
     * @throws IOException when the connection or the handshake fails.
     */
    static TlsClientChannel connect(final InetSocketAddress address, final SSLContext context) throws IOException
    {
        final SocketChannel socket = SocketChannel.open(address);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        final SSLEngine engine = context.createSSLEngine(address.getHostString(), address.getPort());
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[]{"TLSv1.3"});
        final TlsClientChannel channel = new TlsClientChannel(socket, engine);
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
        while (src.hasRemaining() && sendPending())
        {
            netOut.clear();
            final SSLEngineResult result = engine.wrap(src, netOut);
            netOut.flip();
            taken += result.bytesConsumed();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED)
            {
                throw new SSLException("the TLS connection is closed");
            }
        }
        sendPending();
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
        }
    }
}
