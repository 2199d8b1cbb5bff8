package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per requester: {@code burst} requests at once, refilled at {@code perSecond}. The table is
 * bounded: past {@code maxRequesters} entries it starts afresh (every requester gets a full bucket again),
 * so garbage from many source addresses cannot grow it.
 */
public final class RequestRateLimiter
{
    private final double perSecond;
    private final double burst;
    private final int maxRequesters;
    private final Map<InetSocketAddress, double[]> buckets = new HashMap<>();

    /**
     * @param perSecond     sustained requests per second per requester.
     * @param burst         requests allowed at once.
     * @param maxRequesters table bound.
     */
    public RequestRateLimiter(final double perSecond, final double burst, final int maxRequesters)
    {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxRequesters = maxRequesters;
    }

    /**
     * @param requester who asks.
     * @param nowNanos  monotonic time.
     * @return whether the request may be served (a token was taken).
     */
    public boolean tryAcquire(final InetSocketAddress requester, final long nowNanos)
    {
        double[] bucket = buckets.get(requester);
        if (bucket == null)
        {
            if (buckets.size() >= maxRequesters)
            {
                buckets.clear();
            }
            bucket = new double[]{burst, nowNanos};
            buckets.put(requester, bucket);
        }
        final double elapsedSeconds = (nowNanos - (long)bucket[1]) / 1e9;
        bucket[0] = Math.min(burst, bucket[0] + elapsedSeconds * perSecond);
        bucket[1] = nowNanos;
        if (bucket[0] >= 1.0)
        {
            bucket[0] -= 1.0;
            return true;
        }
        return false;
    }
}
