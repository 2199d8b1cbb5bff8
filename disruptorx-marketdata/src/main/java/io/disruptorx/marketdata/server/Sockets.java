package io.disruptorx.marketdata.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Opening the servers' sockets with errors that name what failed and where ("recovery server: cannot listen on
 * 127.0.0.1:31004: Address already in use"), so a port in use is one clear line, not a stack trace.
 */
public final class Sockets
{
    private Sockets()
    {
    }

    /**
     * @param what        what listens.
     * @param bindAddress where (port 0 for an ephemeral port).
     * @return a non-blocking listening TCP socket.
     * @throws UncheckedIOException naming {@code what} and the address when it cannot listen.
     */
    public static ServerSocketChannel listen(final String what, final InetSocketAddress bindAddress)
    {
        ServerSocketChannel channel = null;
        try
        {
            channel = ServerSocketChannel.open();
            channel.bind(bindAddress);
            channel.configureBlocking(false);
            return channel;
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw failure(what, "listen on", bindAddress, ex);
        }
    }

    /**
     * @param what          what receives.
     * @param bindAddress   where (port 0 for an ephemeral port).
     * @param receiveBuffer SO_RCVBUF in bytes.
     * @return a non-blocking bound UDP socket.
     * @throws UncheckedIOException naming {@code what} and the address when it cannot bind.
     */
    public static DatagramChannel udp(final String what, final InetSocketAddress bindAddress, final int receiveBuffer)
    {
        DatagramChannel channel = null;
        try
        {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            channel.bind(bindAddress);
            channel.configureBlocking(false);
            return channel;
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw failure(what, "bind", bindAddress, ex);
        }
    }

    /**
     * @param what    what failed.
     * @param action  what it tried ("listen on", "bind").
     * @param address where.
     * @param cause   the error.
     * @return an exception whose message says all of it.
     */
    public static UncheckedIOException failure(
        final String what, final String action, final InetSocketAddress address, final IOException cause)
    {
        final String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        final String reason = cause instanceof BindException ?
            (cause.getMessage() == null ? "address in use" : cause.getMessage()) : cause.toString();
        return new UncheckedIOException(what + ": cannot " + action + " " + where + ": " + reason, cause);
    }

    /**
     * @param channel a bound socket.
     * @return its local address.
     */
    public static InetSocketAddress localAddress(final NetworkChannel channel)
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Closes, ignoring a failure to close: the resource is being discarded and nothing more can be done with it.
     *
     * @param closeable what to close, may be null.
     */
    public static void closeQuietly(final Closeable closeable)
    {
        if (closeable == null)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final IOException ignore)
        {
            // discarded: a failed close leaves nothing to retry
        }
    }
}
