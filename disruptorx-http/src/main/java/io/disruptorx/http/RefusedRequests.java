package io.disruptorx.http;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What an {@link HttpServer} closed or refused, by kind of abuse: connections closed after the idle timeout (a
 * stalled partial request, slow-loris, or an idle keep-alive connection), requests over a size limit (413, 414,
 * 431) and malformed requests (400, and 417 for an expectation it cannot meet). Written by the I/O and handler
 * threads, readable from any thread.
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
     * Netty's aggregator, counting the refusals it answers itself: bodies over the limit (413) and expectations it
     * cannot meet (413, 417).
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

        /**
         * Counts the refusals Netty answers to an {@code Expect} header itself: 413 when the announced body is over
         * the limit, 417 for an expectation other than {@code 100-continue} (as malformed).
         */
        @Override
        protected Object newContinueResponse(final HttpMessage start, final int maxContentLength,
            final ChannelPipeline pipeline)
        {
            final Object response = super.newContinueResponse(start, maxContentLength, pipeline);
            if (response instanceof FullHttpResponse answer)
            {
                if (answer.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
                {
                    refused.oversized();
                }
                else if (answer.status().code() == HttpResponseStatus.EXPECTATION_FAILED.code())
                {
                    refused.malformed();
                }
            }
            return response;
        }
    }
}
