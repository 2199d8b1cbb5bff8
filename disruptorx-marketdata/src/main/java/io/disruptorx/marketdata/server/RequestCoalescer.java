package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;

/**
 * Requests gathered during the coalescing window, to be answered together: ranges and their requesters in
 * arrival order, then sorted by range so overlapping, adjacent and identical ranges sit next to each other. A
 * fixed capacity; the owner answers early when it is full.
 */
final class RequestCoalescer
{
    private final long[] from;
    private final long[] to;
    private final InetSocketAddress[] requester;
    private int size;
    private long dueAt = Long.MAX_VALUE;

    RequestCoalescer(final int capacity)
    {
        from = new long[capacity];
        to = new long[capacity];
        requester = new InetSocketAddress[capacity];
    }

    /**
     * @param first    first sequence.
     * @param last     last sequence.
     * @param who      the requester.
     * @param dueNanos when the gathered requests are to be answered, if this is the first.
     */
    void add(final long first, final long last, final InetSocketAddress who, final long dueNanos)
    {
        from[size] = first;
        to[size] = last;
        requester[size] = who;
        size++;
        if (dueAt == Long.MAX_VALUE)
        {
            dueAt = dueNanos;
        }
    }

    boolean isFull()
    {
        return size == from.length;
    }

    int size()
    {
        return size;
    }

    boolean isDue(final long nowNanos)
    {
        return size > 0 && nowNanos >= dueAt;
    }

    long from(final int index)
    {
        return from[index];
    }

    long to(final int index)
    {
        return to[index];
    }

    InetSocketAddress requester(final int index)
    {
        return requester[index];
    }

    /**
     * Sorts by first sequence, then last (insertion sort: the window holds few requests, mostly in order).
     */
    void sort()
    {
        for (int i = 1; i < size; i++)
        {
            final long f = from[i];
            final long t = to[i];
            final InetSocketAddress r = requester[i];
            int j = i - 1;
            while (j >= 0 && (from[j] > f || (from[j] == f && to[j] > t)))
            {
                from[j + 1] = from[j];
                to[j + 1] = to[j];
                requester[j + 1] = requester[j];
                j--;
            }
            from[j + 1] = f;
            to[j + 1] = t;
            requester[j + 1] = r;
        }
    }

    /**
     * @param start index of a request.
     * @return the index after the run of requests with exactly its range.
     */
    int sameRangeEnd(final int start)
    {
        int end = start + 1;
        while (end < size && from[end] == from[start] && to[end] == to[start])
        {
            end++;
        }
        return end;
    }

    /**
     * @param index a request.
     * @param start the first request of its run.
     * @return whether no request between start and index comes from the same requester.
     */
    boolean firstOfRequester(final int index, final int start)
    {
        for (int k = start; k < index; k++)
        {
            if (requester[k].equals(requester[index]))
            {
                return false;
            }
        }
        return true;
    }

    void clear()
    {
        for (int i = 0; i < size; i++)
        {
            requester[i] = null;
        }
        size = 0;
        dueAt = Long.MAX_VALUE;
    }
}
