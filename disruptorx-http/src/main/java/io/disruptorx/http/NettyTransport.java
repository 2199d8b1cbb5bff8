package io.disruptorx.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * The Netty transport every server of this module runs on: epoll where available, else NIO; daemon threads named
 * for what they do; and an orderly shutdown.
 */
final class NettyTransport
{
    private static final boolean EPOLL = Epoll.isAvailable();

    private NettyTransport()
    {
    }

    static EventLoopGroup loops(final int threads, final String prefix)
    {
        return loops(threads, threads(prefix));
    }

    static EventLoopGroup loops(final int threads, final ThreadFactory factory)
    {
        final IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory, io);
    }

    static Class<? extends ServerChannel> serverChannel()
    {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends Channel> clientChannel()
    {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static ThreadFactory threads(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return r ->
        {
            final Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Shuts the groups down one after another, in the order given, waiting up to 5 s for each: a group that still
     * receives events from an earlier one (handler executors fed by I/O threads) goes last.
     */
    static void shutdown(final EventExecutorGroup... groups)
    {
        for (final EventExecutorGroup group : groups)
        {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
