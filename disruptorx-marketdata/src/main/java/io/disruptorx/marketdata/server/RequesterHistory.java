package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * What was recently sent to each requester ({@link SentRanges}), for the per-requester repeat suppression. The
 * table is bounded: past {@code maxRequesters} entries it starts afresh, so garbage from many source addresses
 * cannot grow it.
 */
final class RequesterHistory
{
    private final int maxRequesters;
    private final Map<InetSocketAddress, SentRanges> sent = new HashMap<>();

    RequesterHistory(final int maxRequesters)
    {
        this.maxRequesters = maxRequesters;
    }

    SentRanges of(final InetSocketAddress requester)
    {
        SentRanges ranges = sent.get(requester);
        if (ranges == null)
        {
            if (sent.size() >= maxRequesters)
            {
                sent.clear();
            }
            ranges = new SentRanges();
            sent.put(requester, ranges);
        }
        return ranges;
    }
}
