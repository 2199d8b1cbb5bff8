package io.disruptorx.node.shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between a client and a server that can cut every connection through it at once, the way
 * a failing network does: both sockets reset (SO_LINGER 0), whatever was in flight in either direction lost. It
 * goes on accepting, so the client can connect again.
 */
final class CuttingProxy implements AutoCloseable
{
    private final InetSocketAddress upstream;
    private final ServerSocketChannel server;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile int connections;

    CuttingProxy(final InetSocketAddress upstream) throws IOException
    {
        this.upstream = upstream;
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = new Thread(this::accept, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)server.getLocalAddress();
    }

    /**
     * @return connections relayed so far.
     */
    int connections()
    {
        return connections;
    }

    /**
     * Resets every connection through the proxy, both sides.
     */
    void cut()
    {
        for (final SocketChannel channel : open)
        {
            reset(channel);
        }
        open.clear();
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        cut();
    }

    private void accept()
    {
        while (server.isOpen())
        {
            try
            {
                final SocketChannel client = server.accept();
                final SocketChannel service = SocketChannel.open(upstream);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                service.setOption(StandardSocketOptions.TCP_NODELAY, true);
                open.add(client);
                open.add(service);
                connections++;
                relay(client, service, "up");
                relay(service, client, "down");
            }
            catch (final IOException ex)
            {
                if (server.isOpen())
                {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private static void relay(final SocketChannel from, final SocketChannel to, final String direction)
    {
        final Thread thread = new Thread(() ->
        {
            final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try
            {
                while (from.read(buffer) >= 0)
                {
                    buffer.flip();
                    while (buffer.hasRemaining())
                    {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            }
            catch (final IOException ex)
            {
                reset(to);
            }
            reset(from);
            reset(to);
        }, "cutting-proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(final SocketChannel channel)
    {
        try
        {
            if (channel.isOpen())
            {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            }
        }
        catch (final IOException ex)
        {
            // already closed by the other relay thread
        }
    }
}
