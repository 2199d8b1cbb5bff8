package io.disruptorx.marketdata.server;

/**
 * The last few ranges sent to one requester, with when; a range touching a remembered one extends it (and
 * renews its time), so a client creeping forward one small request after another stays covered.
 */
final class SentRanges
{
    private static final int SIZE = 8;

    private final long[] from = new long[SIZE];
    private final long[] to = new long[SIZE];
    private final long[] at = new long[SIZE];
    private int next;
    private long refusedAt;

    /**
     * At most one rate-limit refusal per window: a client that asks again on every packet it receives would
     * otherwise turn refusals into a request/refusal ping-pong.
     */
    boolean mayRefuse(final long now, final long window)
    {
        if (refusedAt != 0 && now - refusedAt <= window)
        {
            return false;
        }
        refusedAt = now;
        return true;
    }

    long firstNotSent(final long first, final long last, final long now, final long window)
    {
        long start = first;
        boolean moved = true;
        while (moved && start <= last)
        {
            moved = false;
            for (int r = 0; r < SIZE; r++)
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

    long lastNotSent(final long first, final long last, final long now, final long window)
    {
        long end = last;
        boolean moved = true;
        while (moved && end >= first)
        {
            moved = false;
            for (int r = 0; r < SIZE; r++)
            {
                if (at[r] != 0 && now - at[r] <= window && from[r] <= end && to[r] >= end)
                {
                    end = from[r] - 1;
                    moved = true;
                }
            }
        }
        return end;
    }

    void remember(final long first, final long last, final long now)
    {
        for (int r = 0; r < SIZE; r++)
        {
            if (at[r] != 0 && first <= to[r] + 1 && last >= from[r] - 1)
            {
                from[r] = Math.min(from[r], first);
                to[r] = Math.max(to[r], last);
                at[r] = now;
                return;
            }
        }
        from[next] = first;
        to[next] = last;
        at[next] = now;
        next = (next + 1) % SIZE;
    }
}
