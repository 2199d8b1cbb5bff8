package io.disruptorx.marketdata.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per requesting address: {@code burst} requests at once, refilled at {@code perSecond}. The bucket
 * belongs to the IP address, not to the address and port, so a requester that changes its source port (or, over
 * TCP, reconnects) keeps its bucket instead of getting a full one. The table is bounded: past
 * {@code maxRequesters} addresses the one that asked least recently is forgotten, so garbage from many source
 * addresses cannot grow it and never refills the others. A known address costs no allocation.
 */
public final class RequestRateLimiter
{
    private final double perSecond;
    private final double burst;
    private final Map<InetAddress, double[]> buckets;

    /**
     * @param perSecond     sustained requests per second per address.
     * @param burst         requests allowed at once.
     * @param maxRequesters table bound, in addresses.
     */
    public RequestRateLimiter(final double perSecond, final double burst, final int maxRequesters)
    {
        if (maxRequesters < 1)
        {
            throw new IllegalArgumentException("maxRequesters: positive, got " + maxRequesters);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<InetAddress, double[]> eldest)
            {
                return size() > maxRequesters;
            }
        };
    }

    /**
     * @param requester who asks; only its IP address counts.
     * @param nowNanos  monotonic time.
     * @return whether the request may be served (a token was taken).
     */
    public boolean tryAcquire(final InetSocketAddress requester, final long nowNanos)
    {
        final InetAddress address = requester.getAddress();
        double[] bucket = buckets.get(address);
        if (bucket == null)
        {
            bucket = new double[]{burst, nowNanos};
            buckets.put(address, bucket);
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
