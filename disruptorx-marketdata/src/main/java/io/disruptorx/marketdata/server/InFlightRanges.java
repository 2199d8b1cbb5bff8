package io.disruptorx.marketdata.server;

/**
 * Ranges recently sent once for everyone (on a shared sink), with when: a request those ranges already cover
 * within the in-flight window is not answered again, its answer is on its way.
 */
final class InFlightRanges
{
    private final long[] from;
    private final long[] to;
    private final long[] at;
    private int next;

    InFlightRanges(final int size)
    {
        from = new long[size];
        to = new long[size];
        at = new long[size];
    }

    /**
     * @return the first sequence of [first, last] not covered by a range sent within the window, last + 1 when
     * all is covered.
     */
    long firstNotSent(final long first, final long last, final long now, final long window)
    {
        long start = first;
        boolean moved = true;
        while (moved && start <= last)
        {
            moved = false;
            for (int r = 0; r < from.length; r++)
            {
                if (at[r] != 0 && now - at[r] <= window && from[r] <= start && to[r] >= start)
                {
                    start = to[r] + 1;
                    moved = true;
                }
            }
        }
        return start;
    }

    void remember(final long first, final long last, final long now)
    {
        from[next] = first;
        to[next] = last;
        at[next] = now;
        next = (next + 1) % from.length;
    }
}
