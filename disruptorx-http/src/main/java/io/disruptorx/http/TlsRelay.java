package io.disruptorx.http;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;

import io.disruptorx.core.net.RelayedPeers;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The two halves of a {@link TlsTerminator} connection. Each side's reads are written to the other as they arrive
 * and flushed once per read pass of the I/O thread ({@code channelReadComplete}), on the channel written to: what
 * one pass read leaves in one write to the service, or in TLS records of up to 16 KiB and one write to the client,
 * instead of a flush (and a record) per read. Flow control by writability: when one side's outbound
 * buffer passes its high-water mark, the other side stops reading until it drains, so a slow service slows the
 * client instead of filling memory (and the other way round). The service connection opens once the client's
 * handshake succeeded; the client is not read meanwhile, and bytes that came with its last handshake flight wait,
 * in order. With {@link RelayedPeers}, the client's own address and its certificate's subject are recorded under
 * the service connection's local address before it connects, and a subject the service does not know closes the
 * client before anything is relayed.
 */
final class TlsRelay
{
    private TlsRelay()
    {
    }

    /**
     * The client's side: decrypted bytes go to the service.
     */
    static final class Frontend extends ChannelInboundHandlerAdapter
    {
        private final InetSocketAddress service;
        private final Class<? extends Channel> channelType;
        private final AtomicLong failures;
        private final RelayedPeers peers;
        private final AtomicLong unknownSubjects;
        private final ArrayDeque<Object> early = new ArrayDeque<>();
        private Channel backend;
        private X500Principal subject;

        Frontend(
            final InetSocketAddress service, final Class<? extends Channel> channelType, final AtomicLong failures,
            final RelayedPeers peers, final AtomicLong unknownSubjects)
        {
            this.service = service;
            this.channelType = channelType;
            this.failures = failures;
            this.peers = peers;
            this.unknownSubjects = unknownSubjects;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess())
            {
                ctx.channel().config().setAutoRead(false);
                subject = peers == null ? null : ClientCertificates.subjectOf(ctx.channel());
                if (subject != null && !peers.isKnown(subject))
                {
                    unknownSubjects.incrementAndGet();
                    releaseEarly();
                    ctx.close();
                    return;
                }
                connect(ctx.channel());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object message)
        {
            if (backend == null || !backend.isActive())
            {
                early.add(message);
                return;
            }
            backend.write(message).addListener(CLOSE_BOTH_ON_FAILURE);
            if (!backend.isWritable())
            {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(final ChannelHandlerContext ctx)
        {
            if (backend != null && backend.isActive())
            {
                backend.flush();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelWritabilityChanged(final ChannelHandlerContext ctx)
        {
            if (backend != null && ctx.channel().isWritable())
            {
                backend.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            releaseEarly();
            if (backend != null && backend.isActive())
            {
                closeOnFlush(backend);
            }
            else if (backend != null)
            {
                backend.close();
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            closeOnFlush(ctx.channel());
        }

        private void releaseEarly()
        {
            while (!early.isEmpty())
            {
                ReferenceCountUtil.release(early.poll());
            }
        }

        /**
         * Opens the service connection. With {@link RelayedPeers} and a service on loopback, it binds first and
         * records the client under the connection's local address before connecting, so the service finds the
         * client's own address as soon as it accepts.
         */
        private void connect(final Channel client)
        {
            final ChannelFuture registered = new Bootstrap()
                .group(client.eventLoop())
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Backend(client))
                .register();
            backend = registered.channel();
            registered.addListener((ChannelFutureListener)done ->
            {
                if (!done.isSuccess())
                {
                    fail(client);
                }
                else if (peers == null || service.getAddress() == null || !service.getAddress().isLoopbackAddress())
                {
                    backend.connect(service).addListener(connected(client));
                }
                else
                {
                    backend.bind(new InetSocketAddress(service.getAddress(), 0))
                        .addListener((ChannelFutureListener)bound ->
                        {
                            if (!bound.isSuccess())
                            {
                                fail(client);
                                return;
                            }
                            final InetSocketAddress relay = (InetSocketAddress)backend.localAddress();
                            peers.relayed(relay, (InetSocketAddress)client.remoteAddress(), subject);
                            backend.closeFuture().addListener(closed -> peers.closed(relay));
                            backend.connect(service).addListener(connected(client));
                        });
                }
            });
        }

        private ChannelFutureListener connected(final Channel client)
        {
            return future ->
            {
                if (!client.isActive())
                {
                    releaseEarly();
                    backend.close();
                    return;
                }
                if (!future.isSuccess())
                {
                    fail(client);
                    return;
                }
                while (!early.isEmpty())
                {
                    backend.write(early.poll()).addListener(CLOSE_BOTH_ON_FAILURE);
                }
                backend.flush();
                client.config().setAutoRead(true);
            };
        }

        private void fail(final Channel client)
        {
            failures.incrementAndGet();
            releaseEarly();
            backend.close();
            client.close();
        }
    }

    /**
     * The service's side: its bytes go to the client, encrypted.
     */
    static final class Backend extends ChannelInboundHandlerAdapter
    {
        private final Channel client;

        Backend(final Channel client)
        {
            this.client = client;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object message)
        {
            client.write(message).addListener(CLOSE_BOTH_ON_FAILURE);
            if (!client.isWritable())
            {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(final ChannelHandlerContext ctx)
        {
            client.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelWritabilityChanged(final ChannelHandlerContext ctx)
        {
            if (ctx.channel().isWritable())
            {
                client.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            closeOnFlush(client);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            closeOnFlush(ctx.channel());
        }
    }

    private static final ChannelFutureListener CLOSE_BOTH_ON_FAILURE = future ->
    {
        if (!future.isSuccess())
        {
            future.channel().close();
        }
    };

    static void closeOnFlush(final Channel channel)
    {
        if (channel.isActive())
        {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
