package io.disruptorx.gateway.json;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the JSON edge answered: requests taken, and refusals by {@link ApiError} (what the edge refused itself and
 * what the venue or core refused). Thread-safe: counted on HTTP, WebSocket and gateway threads.
 */
public final class JsonCounters
{
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLongArray errors = new AtomicLongArray(ApiError.values().length);

    void request()
    {
        requests.incrementAndGet();
    }

    void error(final ApiError error)
    {
        errors.incrementAndGet(error.ordinal());
    }

    /**
     * @return requests received (REST and WebSocket).
     */
    public long requests()
    {
        return requests.get();
    }

    /**
     * @param error a code.
     * @return how many answers carried it.
     */
    public long errors(final ApiError error)
    {
        return errors.get(error.ordinal());
    }
}
