package io.disruptorx.core.workflow;

import java.time.Duration;

/**
 * How a failing step is retried: up to {@code maxRetries} more attempts, waiting {@code initialBackoffNanos},
 * then twice that, and so on up to {@code maxBackoffNanos}. The wait happens on the step's thread, so the step
 * (and everything after it) pauses: order is kept, throughput is not.
 *
 * @param maxRetries          retries after the first attempt, 0 for none.
 * @param initialBackoffNanos wait before the first retry.
 * @param maxBackoffNanos     cap of the doubling wait.
 */
public record RetryPolicy(int maxRetries, long initialBackoffNanos, long maxBackoffNanos)
{
    /** No retry: the first failure goes to the dead-letter handler. */
    public static final RetryPolicy NONE = new RetryPolicy(0, 0, 0);

    /**
     * Validates the bounds.
     */
    public RetryPolicy
    {
        if (maxRetries < 0 || initialBackoffNanos < 0 || maxBackoffNanos < initialBackoffNanos)
        {
            throw new IllegalArgumentException("expected maxRetries >= 0 and 0 <= initialBackoff <= maxBackoff, got "
                + maxRetries + ", " + initialBackoffNanos + ", " + maxBackoffNanos);
        }
    }

    /**
     * @param maxRetries retries after the first attempt.
     * @param initial    first wait.
     * @param max        cap of the wait.
     * @return the policy.
     */
    public static RetryPolicy exponential(final int maxRetries, final Duration initial, final Duration max)
    {
        return new RetryPolicy(maxRetries, initial.toNanos(), max.toNanos());
    }

    /**
     * @param retry retry number, from 0.
     * @return wait before that retry.
     */
    public long backoffNanos(final int retry)
    {
        if (initialBackoffNanos == 0)
        {
            return 0;
        }
        final int shift = Math.min(retry, 62);
        final long candidate = initialBackoffNanos << shift;
        return candidate <= 0 || (candidate >> shift) != initialBackoffNanos
            ? maxBackoffNanos
            : Math.min(candidate, maxBackoffNanos);
    }
}
