package io.disruptorx.http;

import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Counts TLS handshakes that complete (and passes the event on) and those that fail, and closes a connection
 * whose handshake failed (a refused protocol, a missing, unknown or expired client certificate, a client not
 * speaking TLS) without passing the provider's exception further or logging it: it is the client's fault, and it
 * is counted.
 */
@Sharable
final class TlsHandshakes extends ChannelInboundHandlerAdapter
{
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    long completed()
    {
        return completed.get();
    }

    long failed()
    {
        return failed.get();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof SslHandshakeCompletionEvent handshake)
        {
            if (!handshake.isSuccess())
            {
                failed.incrementAndGet();
                ctx.close();
                return;
            }
            completed.incrementAndGet();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) throws Exception
    {
        if (cause instanceof SSLException || cause instanceof DecoderException && cause.getCause() instanceof
            SSLException)
        {
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}
