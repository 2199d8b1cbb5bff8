package io.disruptorx.http;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * What an {@link HttpServer} closed or refused, by kind of abuse: connections closed after the idle timeout (a
 * stalled partial request, slow-loris, or an idle keep-alive connection), requests over a size limit (413, 414,
 * 431) and malformed requests (400). Written by the I/O and handler threads, readable from any thread.
 */
final class RefusedRequests
{
    private final AtomicLong idleClosed = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    void idleClosed()
    {
        idleClosed.incrementAndGet();
    }

    void oversized()
    {
        oversized.incrementAndGet();
    }

    void malformed()
    {
        malformed.incrementAndGet();
    }

    long idleClosedCount()
    {
        return idleClosed.get();
    }

    long oversizedCount()
    {
        return oversized.get();
    }

    long malformedCount()
    {
        return malformed.get();
    }

    /**
     * Netty's aggregator, counting the bodies over the limit it answers 413 itself.
     */
    static final class CountingAggregator extends HttpObjectAggregator
    {
        private final RefusedRequests refused;

        CountingAggregator(final int maxContentLength, final RefusedRequests refused)
        {
            super(maxContentLength);
            this.refused = refused;
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
            throws Exception
        {
            refused.oversized();
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
