package io.disruptorx.gateway.soupbintcp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * The server's side of one TLS connection as a non-blocking {@link ByteChannel}, on an {@link SSLEngine} over the
 * accepted {@link SocketChannel}, driven by the gateway thread itself: no relay, no other I/O thread. {@link #read}
 * reads what the socket has, moves the handshake on and returns the plaintext of every whole record;
 * {@link #write} encrypts as much of its source as the outbound buffer holds (records of up to 16 KiB, so all the
 * reports one duty cycle gathered leave in one record or a few, with one {@code write} call) and keeps what the
 * socket did not take for the next call ({@link #hasPendingOutput()}). The engine's delegated tasks (the JDK
 * provider's handshake signatures and certificate checks) run on {@link SoupBinTcpTls}'s handshake thread, so a
 * handshake never stalls the other sessions; the engine is not touched until they are done.
 *
 * <p>Once the handshake is done the engine is asked only to open whole records and seal: its handshake status is
 * taken from the results of those calls (a post-handshake message, such as a key update, shows there and brings
 * the handshake path back), not polled per duty cycle; a record's start waits in the buffer for the rest without an
 * {@code unwrap} call that would only say so; and the socket is not read while plaintext already opened waits for
 * the session's buffer (the selector, level-triggered, marks the connection again while bytes wait in the socket).
 */
final class TlsChannel implements ByteChannel
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** A TLS record's header: content type, version, and the length of what follows (two bytes, big-endian). */
    private static final int RECORD_HEADER = 5;

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final SoupBinTcpTls tls;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer appIn;
    private final int packetSize;
    private final AtomicInteger tasksRunning = new AtomicInteger();
    private boolean established;
    /**
     * Whether the engine may have handshake work (a flight to wrap, a task, a message to read): its status is polled
     * only while this holds; set again by any result that reports handshaking.
     */
    private boolean handshaking = true;
    /**
     * Whether the engine has seen the header of the record at the start of the ciphertext and answered that it needs
     * the rest ({@code BUFFER_UNDERFLOW}): that record then waits until it is whole.
     */
    private boolean awaitingRest;
    private boolean endOfStream;
    private boolean failed;
    private boolean open = true;

    TlsChannel(final SocketChannel socket, final SSLEngine engine, final SoupBinTcpTls tls) throws SSLException
    {
        this.socket = socket;
        this.engine = engine;
        this.tls = tls;
        this.packetSize = engine.getSession().getPacketBufferSize();
        final boolean heap = tls.heapBuffers();
        this.netIn = allocate(2 * packetSize, heap);
        this.netOut = allocate(5 * packetSize, heap).flip();
        this.appIn = allocate(2 * engine.getSession().getApplicationBufferSize(), heap).flip();
        engine.beginHandshake();
    }

    /**
     * The JDK provider's AES-GCM reads and writes arrays: given direct buffers it copies each record through
     * temporary arrays it allocates (about 110 bytes per order on the gateway thread in the saturated bench), so its
     * buffers are on the heap (the socket copies them through its cached direct buffer instead). BoringSSL works on
     * native memory, so OpenSSL's are direct.
     */
    private static ByteBuffer allocate(final int capacity, final boolean heap)
    {
        return heap ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    /**
     * @return the most plaintext {@link #read} can have ready at once: the records opened from one read of the
     * socket (up to two whole ones) wait in a buffer of this size, so a reader whose buffer has this much room takes
     * all of them in one call.
     */
    int plaintextCapacity()
    {
        return appIn.capacity();
    }

    /**
     * @return whether the handshake completed.
     */
    boolean established()
    {
        return established;
    }

    /**
     * @return the subject of the certificate the client showed, or {@code null} when it showed none.
     */
    X500Principal peerSubject()
    {
        try
        {
            return established ? (X500Principal)engine.getSession().getPeerPrincipal() : null;
        }
        catch (final SSLPeerUnverifiedException ex)
        {
            return null;
        }
    }

    /**
     * Counts a client closed after its handshake because its certificate names no user.
     */
    void unknownSubject()
    {
        tls.unknownSubject();
    }

    /**
     * @return whether {@link #read} has work even when the socket has nothing new to read: the handshake (whose
     * delegated tasks end on another thread), a flight the engine still has to wrap, a whole record already read
     * but not yet opened (behind plaintext that did not fit the reader's buffer), that plaintext, or the end of the
     * stream to report. A record's start alone is not work: the selector says when the rest arrives.
     */
    boolean hasInput()
    {
        return handshaking || !established || endOfStream || appIn.hasRemaining() || recordReady();
    }

    /**
     * @return whether the ciphertext read so far starts with a whole record, so that {@code unwrap} has something to
     * open, or with the header of a record longer than the engine's packet size that the engine has not seen yet.
     * Such a header is shown to the engine once: the JDK's refuses it from the header alone, as BoringSSL does one
     * longer than its buffers; BoringSSL takes a shorter one as a whole record may come (answering
     * {@code BUFFER_UNDERFLOW}), and then it waits for the rest like any other record instead of being polled on every
     * duty cycle (and is refused once whole: no TLS 1.3 record is that long). A record longer than the ciphertext
     * buffer for which the engine answers {@code BUFFER_UNDERFLOW} is refused at once: its rest could never arrive.
     */
    private boolean recordReady()
    {
        final int buffered = netIn.position();
        if (buffered < RECORD_HEADER)
        {
            return false;
        }
        final int record = recordLength();
        return buffered >= record || record > packetSize && !awaitingRest;
    }

    /**
     * @return the length, header included, of the record at the start of the ciphertext, whose header is there.
     */
    private int recordLength()
    {
        return RECORD_HEADER + ((netIn.get(3) & 0xFF) << 8 | (netIn.get(4) & 0xFF));
    }

    /**
     * @return whether ciphertext is still waiting for room in the socket.
     */
    boolean hasPendingOutput()
    {
        return netOut.hasRemaining();
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        try
        {
            sendPending();
            if (!endOfStream && netIn.hasRemaining() && !appIn.hasRemaining() && socket.read(netIn) < 0)
            {
                endOfStream = true;
            }
            boolean moved = true;
            while (moved && tasksRunning.get() == 0)
            {
                moved = step();
            }
        }
        catch (final SSLException ex)
        {
            fail();
            throw ex;
        }
        if (!appIn.hasRemaining())
        {
            if (endOfStream && tasksRunning.get() == 0)
            {
                if (!established)
                {
                    fail();
                    throw new EOFException("closed during the TLS handshake");
                }
                return -1;
            }
            return 0;
        }
        final int length = Math.min(appIn.remaining(), dst.remaining());
        final int limit = appIn.limit();
        appIn.limit(appIn.position() + length);
        dst.put(appIn);
        appIn.limit(limit);
        return length;
    }

    /**
     * One move of the engine: a delegated task handed off, a handshake flight wrapped, or a record unwrapped.
     *
     * @return whether it moved, so another may follow.
     */
    private boolean step() throws IOException
    {
        final SSLEngineResult.HandshakeStatus status = handshaking ? engine.getHandshakeStatus() :
            SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
        if (status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && handshaking)
        {
            if (!established && !engine.isInboundDone() && !engine.isOutboundDone())
            {
                onEstablished();
            }
            handshaking = !established;
        }
        if (status == SSLEngineResult.HandshakeStatus.NEED_TASK)
        {
            runTasks();
            return false;
        }
        if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP)
        {
            if (!sendPending())
            {
                return false;
            }
            netOut.compact();
            final SSLEngineResult result;
            try
            {
                result = engine.wrap(EMPTY, netOut);
            }
            finally
            {
                netOut.flip();
            }
            onResult(result);
            sendPending();
            return result.getStatus() == SSLEngineResult.Status.OK;
        }
        if (handshaking ? netIn.position() == 0 : !recordReady())
        {
            return false;
        }
        appIn.compact();
        netIn.flip();
        final SSLEngineResult result;
        try
        {
            result = engine.unwrap(netIn, appIn);
        }
        finally
        {
            netIn.compact();
            appIn.flip();
        }
        onResult(result);
        awaitingRest = result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW;
        if (awaitingRest && netIn.position() >= RECORD_HEADER && recordLength() > netIn.capacity())
        {
            throw new SSLException("a TLS record longer than the ciphertext buffer");
        }
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && !appIn.hasRemaining())
        {
            throw new SSLException("a TLS record longer than the plaintext buffer");
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED)
        {
            endOfStream = true;
            return false;
        }
        return result.getStatus() == SSLEngineResult.Status.OK &&
            (result.bytesConsumed() > 0 || result.bytesProduced() > 0);
    }

    private void onResult(final SSLEngineResult result)
    {
        final SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
        if (status == SSLEngineResult.HandshakeStatus.FINISHED && !established)
        {
            onEstablished();
        }
        if (status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING)
        {
            handshaking = true;
        }
    }

    private void onEstablished()
    {
        established = true;
        tls.handshakeCompleted();
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            final Runnable delegated = task;
            tasksRunning.incrementAndGet();
            tls.runTask(() ->
            {
                try
                {
                    delegated.run();
                }
                finally
                {
                    tasksRunning.decrementAndGet();
                }
            });
        }
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        if (!established)
        {
            return 0;
        }
        int taken = 0;
        if (sendPending())
        {
            netOut.compact();
            try
            {
                while (src.hasRemaining() && netOut.remaining() >= packetSize)
                {
                    final SSLEngineResult result = engine.wrap(src, netOut);
                    onResult(result);
                    taken += result.bytesConsumed();
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED)
                    {
                        throw new SSLException("the TLS connection is closed");
                    }
                    if (result.bytesConsumed() == 0)
                    {
                        break;
                    }
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

    private void fail()
    {
        if (!established && !failed)
        {
            failed = true;
            tls.handshakeFailed();
        }
    }

    @Override
    public boolean isOpen()
    {
        return open;
    }

    /**
     * Sends what is pending and a close_notify when the socket takes them at once (or the alert of a refused
     * handshake), and closes the socket. A connection closed before its handshake completed counts as a failed
     * handshake.
     */
    @Override
    public void close() throws IOException
    {
        if (!open)
        {
            return;
        }
        open = false;
        fail();
        try
        {
            engine.closeOutbound();
            if (tasksRunning.get() == 0 && sendPending())
            {
                netOut.compact();
                try
                {
                    engine.wrap(EMPTY, netOut);
                }
                finally
                {
                    netOut.flip();
                }
                sendPending();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            tls.closeFailed();
        }
        finally
        {
            closeInbound();
            socket.close();
        }
    }

    private void closeInbound()
    {
        try
        {
            engine.closeInbound();
        }
        catch (final SSLException ex)
        {
            tls.closeFailed();
        }
    }
}
