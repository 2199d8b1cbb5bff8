package io.disruptorx.marketdata.server.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One accepted connection of a {@link PacketServer}: what arrived and is not yet parsed, what the protocol wrote
 * and is not yet sent, the protocol's state, and when it last received and sent. Output grows as needed (a
 * snapshot can be large) and is written as the socket accepts it.
 */
public final class PacketConnection
{
    private static final int INITIAL_OUTPUT = 16 * 1024;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress remote;
    final ByteBuffer in;
    final UnsafeBuffer inView;
    private ByteBuffer out = ByteBuffer.allocateDirect(INITIAL_OUTPUT);
    private UnsafeBuffer outView = new UnsafeBuffer(out);
    private int outUsed;
    private Object state;
    private long lastReceivedNanos;
    private long lastSentNanos;
    private boolean closing;
    private boolean closed;

    PacketConnection(
        final SocketChannel channel,
        final SelectionKey key,
        final InetSocketAddress remote,
        final int maxInboundPacketLength,
        final long nowNanos)
    {
        this.channel = channel;
        this.key = key;
        this.remote = remote;
        this.in = ByteBuffer.allocateDirect(SoupBinTcp.LENGTH_FIELD + maxInboundPacketLength)
            .order(ByteOrder.BIG_ENDIAN);
        this.inView = new UnsafeBuffer(in);
        this.lastReceivedNanos = nowNanos;
        this.lastSentNanos = nowNanos;
    }

    /**
     * @return the peer's address: for a connection a TLS terminator relays, its client's own address
     * ({@link PacketServer#relayedPeers}).
     */
    public InetSocketAddress remote()
    {
        return remote;
    }

    /**
     * @return the protocol's state for this connection, or null.
     */
    public Object state()
    {
        return state;
    }

    /**
     * @param state the protocol's state for this connection.
     */
    public void state(final Object state)
    {
        this.state = state;
    }

    /**
     * @return when bytes last arrived (or when the connection was accepted).
     */
    public long lastReceivedNanos()
    {
        return lastReceivedNanos;
    }

    /**
     * @return when bytes were last written to the socket (or when the connection was accepted).
     */
    public long lastSentNanos()
    {
        return lastSentNanos;
    }

    /**
     * @return bytes written by the protocol and not yet taken by the socket.
     */
    public int pendingBytes()
    {
        return outUsed;
    }

    /**
     * @return bytes that can be written without growing the output buffer.
     */
    public int freeBytes()
    {
        return out.capacity() - outUsed;
    }

    /**
     * Makes room for {@code length} more bytes of output (growing the buffer when needed).
     *
     * @param length bytes about to be written.
     * @return where to write them in {@link #output()}; call {@link #commit(int)} afterwards.
     */
    public int reserve(final int length)
    {
        if (out.capacity() - outUsed < length)
        {
            final ByteBuffer grown = ByteBuffer.allocateDirect(Math.max(outUsed + length, out.capacity() * 2));
            final UnsafeBuffer grownView = new UnsafeBuffer(grown);
            grownView.putBytes(0, outView, 0, outUsed);
            out = grown;
            outView = grownView;
        }
        return outUsed;
    }

    /**
     * @return the output buffer; write at the offset {@link #reserve(int)} returned.
     */
    public MutableDirectBuffer output()
    {
        return outView;
    }

    /**
     * @param length bytes written at the reserved offset.
     */
    public void commit(final int length)
    {
        outUsed += length;
    }

    /**
     * Appends one packet with an empty payload.
     *
     * @param type packet type.
     */
    public void writePacket(final byte type)
    {
        final int at = reserve(SoupBinTcp.HEADER_LENGTH);
        SoupBinTcp.putHeader(outView, at, type, 0);
        commit(SoupBinTcp.HEADER_LENGTH);
    }

    /**
     * Appends one packet.
     *
     * @param type    packet type.
     * @param payload holding the payload.
     * @param offset  where it starts.
     * @param length  its length.
     */
    public void writePacket(final byte type, final DirectBuffer payload, final int offset, final int length)
    {
        final int at = reserve(SoupBinTcp.frameLength(length));
        outView.putBytes(SoupBinTcp.putHeader(outView, at, type, length), payload, offset, length);
        commit(SoupBinTcp.frameLength(length));
    }

    /**
     * Closes the connection once everything written so far has been sent; nothing more is read from it.
     */
    public void closeAfterFlush()
    {
        closing = true;
    }

    /**
     * @return whether the connection is to be closed once flushed.
     */
    public boolean closing()
    {
        return closing;
    }

    /**
     * @return whether it is closed.
     */
    public boolean closed()
    {
        return closed;
    }

    int read(final long nowNanos) throws IOException
    {
        final int read = channel.read(in);
        if (read > 0)
        {
            lastReceivedNanos = nowNanos;
        }
        return read;
    }

    int flush(final long nowNanos) throws IOException
    {
        if (outUsed == 0)
        {
            return 0;
        }
        out.limit(outUsed).position(0);
        final int written = channel.write(out);
        if (written > 0)
        {
            lastSentNanos = nowNanos;
            out.compact();
            outUsed -= written;
        }
        out.clear();
        final int remaining = outUsed;
        key.interestOps(remaining > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        return written;
    }

    void markClosed()
    {
        closed = true;
        key.cancel();
    }

    SocketChannel channel()
    {
        return channel;
    }
}
