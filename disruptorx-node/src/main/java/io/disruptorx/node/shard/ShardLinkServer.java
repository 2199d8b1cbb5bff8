package io.disruptorx.node.shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;

/**
 * A shard host's link listener: each gateway that connects gets a {@link ShardLinkSession} on a thread of its own,
 * with a venue client of its own on the node.
 */
public final class ShardLinkServer implements AutoCloseable
{
    private final EmbeddedNode node;
    private final NodeConfig config;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<ShardLinkSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /**
     * Listens and accepts on a thread of its own.
     *
     * @param node    the running node.
     * @param config  its settings (where its snapshots are, its engine settings).
     * @param address to listen on.
     */
    public ShardLinkServer(final EmbeddedNode node, final NodeConfig config, final InetSocketAddress address)
    {
        this.node = node;
        this.config = config;
        try
        {
            server = ServerSocketChannel.open();
            server.bind(address);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen for shard links on " + address, ex);
        }
        acceptor = new Thread(this::accept, "dx-shard-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return the address it listens on.
     */
    public InetSocketAddress address()
    {
        try
        {
            return (InetSocketAddress)server.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            sessions.forEach(ShardLinkSession::stop);
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void accept()
    {
        while (server.isOpen())
        {
            try
            {
                final SocketChannel channel = server.accept();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final ShardLinkSession session = new ShardLinkSession(channel, node.newVenueClient(),
                    new SnapshotBookReader(node::latestSnapshotImage, config.snapshotDirectory(), config.engine()));
                final Thread thread = new Thread(session, "dx-shard-link-" + channel.getRemoteAddress());
                thread.setDaemon(true);
                sessions.add(session);
                threads.add(thread);
                thread.start();
            }
            catch (final IOException ex)
            {
                if (server.isOpen())
                {
                    System.err.println("dx shard-host: accept failed: " + ex);
                }
            }
        }
    }
}
