package io.disruptorx.gateway.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare SoupBinTCP peer on a blocking socket with a read timeout: sends exactly the bytes a test gives it and
 * reads packets one by one, sending no heartbeats of its own, for tests of framing, timers and bad input.
 */
public final class RawSoupClient implements AutoCloseable
{
    /**
     * One packet as received.
     *
     * @param type    packet type.
     * @param payload its payload.
     */
    public record Packet(byte type, byte[] payload)
    {
        /**
         * @return the payload as ASCII.
         */
        public String text()
        {
            return new String(payload, StandardCharsets.US_ASCII);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /**
     * @param address     server.
     * @param readTimeout milliseconds a read waits.
     */
    public RawSoupClient(final InetSocketAddress address, final int readTimeout)
    {
        this(address, readTimeout, 0);
    }

    /**
     * @param address       server.
     * @param readTimeout   milliseconds a read waits.
     * @param receiveBuffer kernel receive buffer bytes, 0 for the default.
     */
    public RawSoupClient(final InetSocketAddress address, final int readTimeout, final int receiveBuffer)
    {
        try
        {
            socket = new Socket();
            if (receiveBuffer > 0)
            {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(address);
            socket.setSoTimeout(readTimeout);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param connected   a connected socket, for example a JDK {@code SSLSocket} to a TLS listener.
     * @param readTimeout milliseconds a read waits.
     */
    public RawSoupClient(final Socket connected, final int readTimeout)
    {
        try
        {
            socket = connected;
            socket.setSoTimeout(readTimeout);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param bytes written as they are.
     */
    public void write(final byte[] bytes)
    {
        try
        {
            out.write(bytes);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param type    packet type.
     * @param payload payload.
     */
    public void send(final char type, final byte[] payload)
    {
        final byte[] packet = new byte[3 + payload.length];
        packet[0] = (byte)((payload.length + 1) >> 8);
        packet[1] = (byte)(payload.length + 1);
        packet[2] = (byte)type;
        System.arraycopy(payload, 0, packet, 3, payload.length);
        write(packet);
    }

    /**
     * Sends a Login Request.
     */
    public void login(final String user, final String password, final String session, final long sequence)
    {
        final String text = String.format("%-6s%-10s%10s%20d", user, password, session, sequence);
        send('L', text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return the next packet, or {@code null} when the server closed the connection.
     * @throws AssertionError when nothing arrives within the read timeout.
     */
    public Packet read()
    {
        try
        {
            final int length = in.readUnsignedShort();
            final byte type = in.readByte();
            final byte[] payload = new byte[length - 1];
            in.readFully(payload);
            return new Packet(type, payload);
        }
        catch (final EOFException ex)
        {
            return null;
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("no packet within the read timeout", ex);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Reads until the server closes the connection.
     *
     * @return the types of the packets read meanwhile, in order.
     */
    public String readUntilClosed()
    {
        final StringBuilder types = new StringBuilder();
        Packet packet;
        while ((packet = read()) != null)
        {
            types.append((char)packet.type());
        }
        return types.toString();
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
