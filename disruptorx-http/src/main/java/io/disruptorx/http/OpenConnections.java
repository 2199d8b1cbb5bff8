package io.disruptorx.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;

/**
 * The connections a server has accepted and not yet closed, so that closing the server ends each of them promptly
 * even when its I/O threads get no core. A connection is closed on its own I/O thread, as Netty requires; a server
 * whose threads run at the lowest priority ({@link BackgroundPriority}) on a machine whose cores the venue's threads
 * fill may not get to run that close for many seconds, and until it does the peer (a dashboard page) sees its
 * connection open and waits for data that never comes. So a connection still open after a short grace is shut down
 * from the closing thread itself ({@code shutdown(2)} on its socket, which sends the peer its end at once); its I/O
 * thread closes it when it next runs. Each such connection is counted ({@link #forced()}).
 */
final class OpenConnections
{
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong forced = new AtomicLong();

    /**
     * Holds an accepted connection until it closes.
     *
     * @param channel the connection.
     */
    void add(final Channel channel)
    {
        open.add(channel);
        channel.closeFuture().addListener(closed -> open.remove(channel));
    }

    /**
     * @return connections held now.
     */
    int size()
    {
        return open.size();
    }

    /**
     * @return connections shut down by {@link #closeAll} because their I/O thread had not closed them in the grace.
     */
    long forced()
    {
        return forced.get();
    }

    /**
     * Closes every connection held: asks each one's I/O thread to close it, waits up to the grace for all of them,
     * and shuts down the socket of every one still open then.
     *
     * @param graceMillis how long the I/O threads have to close their connections.
     * @return connections shut down from this thread.
     */
    int closeAll(final long graceMillis)
    {
        final List<ChannelFuture> closing = new ArrayList<>();
        for (final Channel channel : open)
        {
            closing.add(channel.close());
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (final ChannelFuture future : closing)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS))
            {
                break;
            }
        }
        int shut = 0;
        for (final Channel channel : open)
        {
            if (shutDown(channel))
            {
                shut++;
            }
        }
        forced.addAndGet(shut);
        return shut;
    }

    /**
     * Shuts down both directions of a connection's socket from the calling thread (once: a socket already shut down
     * by an earlier pass is left as it is). Netty's socket refuses this once
     * its I/O thread has begun to close it (the socket's state changes atomically), so a descriptor number that was
     * closed and reused is not touched unless that close starts within the few instructions between the check and
     * the call; the I/O thread is the one that has not been running, which is why this is done at all.
     */
    private static boolean shutDown(final Channel channel)
    {
        if (!(channel instanceof UnixChannel) || !channel.isOpen())
        {
            return false;
        }
        final FileDescriptor descriptor = ((UnixChannel)channel).fd();
        if (!(descriptor instanceof Socket) || ((Socket)descriptor).isShutdown())
        {
            return false;
        }
        try
        {
            ((Socket)descriptor).shutdown();
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
