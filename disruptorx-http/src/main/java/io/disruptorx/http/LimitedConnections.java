package io.disruptorx.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.disruptorx.core.net.ConnectionLimiter;
import io.netty.channel.socket.SocketChannel;

/**
 * Applies a {@link ConnectionLimiter} to a Netty server's accepted channels: called first thing in the channel's
 * initializer, it closes a channel over the limits before any handler is added (nothing is read, nothing is sent)
 * and frees an admitted channel's slot when it closes.
 */
final class LimitedConnections
{
    private LimitedConnections()
    {
    }

    /**
     * @param channel a channel just accepted.
     * @param limiter the server's limits.
     * @return whether it was admitted; when not, it is being closed and the caller adds no handlers.
     */
    static boolean admit(final SocketChannel channel, final ConnectionLimiter limiter)
    {
        final InetSocketAddress remote = channel.remoteAddress();
        if (remote == null)
        {
            channel.close();
            return false;
        }
        final InetAddress address = remote.getAddress();
        if (!limiter.tryAcquire(address))
        {
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(closed -> limiter.release(address));
        return true;
    }
}
