package io.disruptorx.gateway.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

import io.disruptorx.protocol.soupbintcp.LoginAccepted;
import io.disruptorx.protocol.soupbintcp.LoginRequest;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The client side of SoupBinTCP 3.00 over a non-blocking socket (or any non-blocking channel, {@link #over}), driven
 * by {@link #poll}: login, unsequenced
 * messages out, sequenced messages in (numbered from the login's sequence), heartbeats when idle, logout. It
 * keeps the next expected sequence number, so a reconnecting caller logs in where it left off. Used by
 * {@code dx order}, the demo's traders, benchmarks and tests; one thread per client.
 */
public final class SoupBinTcpClient implements AutoCloseable
{
    private static final long HEARTBEAT_NANOS = 1_000_000_000L;

    private final ByteChannel channel;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(256 * 1024).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer rxView = new UnsafeBuffer(rx);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(256 * 1024).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer txView = new UnsafeBuffer(tx);
    private long nextSequence;
    private long lastSent = System.nanoTime();
    private boolean ended;

    private SoupBinTcpClient(final ByteChannel channel)
    {
        this.channel = channel;
    }

    /**
     * A client over a connected channel whose reads and writes do not block (a TLS channel, say).
     *
     * @param channel the connection; the client closes it.
     * @return the client.
     */
    public static SoupBinTcpClient over(final ByteChannel channel)
    {
        return new SoupBinTcpClient(channel);
    }

    /**
     * Connects (blocking, then switches the socket to non-blocking).
     *
     * @param address server.
     * @return the client.
     */
    public static SoupBinTcpClient connect(final InetSocketAddress address)
    {
        try
        {
            final SocketChannel channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            return new SoupBinTcpClient(channel);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot connect to " + address, ex);
        }
    }

    /**
     * Sends a Login Request.
     *
     * @param username       up to 6 characters.
     * @param password       up to 10 characters.
     * @param session        session name, or "" for the current one.
     * @param sequenceNumber next sequence number wanted, 0 for only new messages.
     */
    public void login(final String username, final String password, final String session, final long sequenceNumber)
    {
        final int length = LoginRequest.encode(txView, tx.position() + SoupBinTcp.HEADER_LENGTH, username, password,
            session, sequenceNumber);
        frame(SoupBinTcp.LOGIN_REQUEST, length);
        flush();
    }

    /**
     * Queues one Unsequenced Data packet and writes what the socket takes.
     *
     * @param buffer holding the message.
     * @param offset of its first byte.
     * @param length of the message.
     */
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (tx.remaining() < SoupBinTcp.HEADER_LENGTH + length)
        {
            flushFully();
        }
        txView.putBytes(tx.position() + SoupBinTcp.HEADER_LENGTH, buffer, offset, length);
        frame(SoupBinTcp.UNSEQUENCED_DATA, length);
    }

    /**
     * Sends a raw packet, for tests of malformed input.
     *
     * @param type   packet type.
     * @param buffer payload.
     * @param offset of the payload.
     * @param length of the payload.
     */
    public void sendPacket(final byte type, final DirectBuffer buffer, final int offset, final int length)
    {
        txView.putBytes(tx.position() + SoupBinTcp.HEADER_LENGTH, buffer, offset, length);
        frame(type, length);
        flushFully();
    }

    /**
     * Sends a Logout Request.
     */
    public void logout()
    {
        frame(SoupBinTcp.LOGOUT_REQUEST, 0);
        flushFully();
    }

    /**
     * Writes queued packets, reads what has arrived and delivers it, and sends a heartbeat after a quiet second.
     *
     * @param listener receives what arrived.
     * @return packets received.
     */
    public int poll(final SoupBinTcpClientListener listener)
    {
        flush();
        if (tx.position() == 0 && !ended && System.nanoTime() - lastSent >= HEARTBEAT_NANOS)
        {
            frame(SoupBinTcp.CLIENT_HEARTBEAT, 0);
            flush();
        }
        final int read;
        try
        {
            read = channel.read(rx);
        }
        catch (final IOException ex)
        {
            ended = true;
            return 0;
        }
        if (read < 0)
        {
            ended = true;
        }
        int position = 0;
        int packets = 0;
        final int end = rx.position();
        while (end - position >= SoupBinTcp.LENGTH_FIELD)
        {
            final int length = SoupBinTcp.packetLength(rxView, position);
            if (end - position < SoupBinTcp.LENGTH_FIELD + length)
            {
                break;
            }
            onPacket(SoupBinTcp.packetType(rxView, position), position + SoupBinTcp.HEADER_LENGTH, length - 1,
                listener);
            position += SoupBinTcp.LENGTH_FIELD + length;
            packets++;
        }
        rx.limit(end).position(position);
        rx.compact();
        return packets;
    }

    /**
     * @return sequence number of the next sequenced message expected.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @return whether the server closed the connection or ended the session.
     */
    public boolean ended()
    {
        return ended;
    }

    /**
     * Writes everything queued, waiting for the socket as needed.
     */
    public void flushFully()
    {
        while (tx.position() > 0 && !ended)
        {
            if (flush() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            ended = true;
        }
    }

    private void onPacket(final byte type, final int offset, final int length, final SoupBinTcpClientListener listener)
    {
        switch (type)
        {
            case SoupBinTcp.LOGIN_ACCEPTED:
                nextSequence = LoginAccepted.sequence(rxView, offset);
                if (nextSequence < 0)
                {
                    throw new IllegalStateException("Login Accepted with a sequence number that is not a number");
                }
                listener.onLoginAccepted(LoginAccepted.session(rxView, offset), nextSequence);
                break;
            case SoupBinTcp.LOGIN_REJECTED:
                listener.onLoginRejected(rxView.getByte(offset));
                break;
            case SoupBinTcp.SEQUENCED_DATA:
                listener.onMessage(nextSequence++, rxView, offset, length);
                break;
            case SoupBinTcp.END_OF_SESSION:
                ended = true;
                listener.onEndOfSession();
                break;
            default:
                break;
        }
    }

    private void frame(final byte type, final int payloadLength)
    {
        tx.position(SoupBinTcp.putHeader(txView, tx.position(), type, payloadLength) + payloadLength);
    }

    private int flush()
    {
        if (tx.position() == 0)
        {
            return 0;
        }
        tx.flip();
        int written = 0;
        try
        {
            written = channel.write(tx);
        }
        catch (final IOException ex)
        {
            ended = true;
        }
        tx.compact();
        if (written > 0)
        {
            lastSent = System.nanoTime();
        }
        return written;
    }
}
