package io.disruptorx.node.shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.link.ShardLinkFrames;

/**
 * A shard host's link listener: each gateway link gets a {@link ShardLinkSession} on a thread of its own, with a
 * venue client of its own on the node. A connection opens with the gateway's {@link ShardLinkFrames#HELLO}: a link
 * id the listener knows goes to that link's session (the gateway connected again), a new one with nothing received
 * starts a session, a link the host does not know that has sent or received frames before starts a session that
 * first reads back what the process before a restart journalled for it ({@link LinkRestart}), and a link
 * whose session ended here is told it is gone (a WELCOME of -1) and closed. Before it listens it runs
 * the move path once on scratch engines ({@link MoveWarmUp}), so that the first move it serves is not run cold.
 */
public final class ShardLinkServer implements AutoCloseable
{
    private static final long HELLO_SECONDS = 5;
    private static final int WARM_UP_MOVES = 8;
    private static final int WARM_UP_ORDERS = 1_000;

    private final EmbeddedNode node;
    private final NodeConfig config;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Map<Long, ShardLinkSession> sessions = new ConcurrentHashMap<>();
    private final Set<Long> ended = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final long warmUpNanos;

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
        final long started = System.nanoTime();
        MoveWarmUp.run(config.engine(), config.snapshotDirectory(), WARM_UP_MOVES, WARM_UP_ORDERS);
        warmUpNanos = System.nanoTime() - started;
        try
        {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
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

    /**
     * @return how long the dry run of the move path took before it listened.
     */
    public long warmUpNanos()
    {
        return warmUpNanos;
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            sessions.values().forEach(ShardLinkSession::stop);
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
                try
                {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    link(channel, hello(channel));
                }
                catch (final IOException ex)
                {
                    System.err.println("dx shard-host: a gateway link did not open: " + ex);
                    channel.close();
                }
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

    private void link(final SocketChannel channel, final ByteBuffer hello) throws IOException
    {
        final long linkId = hello.getLong(ShardLinkFrames.HEADER);
        final long received = hello.getLong(ShardLinkFrames.HEADER + Long.BYTES);
        final long first = hello.getLong(ShardLinkFrames.HEADER + 2 * Long.BYTES);
        final long appended = hello.getLong(ShardLinkFrames.HEADER + 3 * Long.BYTES);
        final ShardLinkSession known = sessions.get(linkId);
        if (known != null && known.attach(channel, received))
        {
            return;
        }
        if (known != null || ended.contains(linkId))
        {
            final ByteBuffer gone = ByteBuffer.allocate(ShardLinkFrames.HEADER + ShardLinkFrames.WELCOME_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
            gone.putInt(ShardLinkFrames.WELCOME_LENGTH + 1).put(ShardLinkFrames.WELCOME).putLong(-1).putLong(0)
                .putLong(0).flip();
            channel.configureBlocking(true);
            channel.write(gone);
            channel.close();
            return;
        }
        final boolean restarted = received != 0 || appended != 0;
        final long joined = node.appliedSequence();
        final VenueClient venue = node.newVenueClient();
        final LinkRestart restart = !restarted ? null :
            new LinkRestart(first, hello.getLong(ShardLinkFrames.HEADER + 4 * Long.BYTES),
                hello.getLong(ShardLinkFrames.HEADER + 5 * Long.BYTES),
                hello.getLong(ShardLinkFrames.HEADER + 6 * Long.BYTES), node.recoveredSequence(),
                node.appliedSequence(), config);
        final ShardLinkSession session = new ShardLinkSession(linkId, channel, received, restart,
            restart == null ? joined : -1, venue,
            new SnapshotBookReader(node::latestSnapshotImage, config.snapshotDirectory(), config.engine()),
            gone ->
            {
                ended.add(gone.linkId());
                sessions.remove(gone.linkId(), gone);
            });
        final Thread thread = new Thread(session, "dx-shard-link-" + channel.getRemoteAddress());
        thread.setDaemon(true);
        sessions.put(linkId, session);
        threads.add(thread);
        thread.start();
    }

    /**
     * Reads the connection's first frame, a HELLO, waiting up to {@value #HELLO_SECONDS} s for it.
     */
    private static ByteBuffer hello(final SocketChannel channel) throws IOException
    {
        final ByteBuffer hello = ByteBuffer.allocate(ShardLinkFrames.HEADER + ShardLinkFrames.HELLO_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        channel.configureBlocking(false);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HELLO_SECONDS);
        while (hello.hasRemaining())
        {
            if (channel.read(hello) < 0 || System.nanoTime() > deadline)
            {
                throw new IOException("no HELLO from " + channel.getRemoteAddress());
            }
            if (hello.hasRemaining())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        if (hello.getInt(0) != ShardLinkFrames.HELLO_LENGTH + 1 || hello.get(Integer.BYTES) != ShardLinkFrames.HELLO)
        {
            throw new IOException("the first frame from " + channel.getRemoteAddress() + " is not a HELLO");
        }
        return hello;
    }
}
