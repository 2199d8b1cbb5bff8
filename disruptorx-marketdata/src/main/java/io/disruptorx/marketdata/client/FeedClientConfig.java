package io.disruptorx.marketdata.client;

import static io.disruptorx.marketdata.SettingChecks.notNegative;
import static io.disruptorx.marketdata.SettingChecks.positive;

/**
 * Settings of a {@link FeedClient}, validated when built (the message names the setting). Times are nanoseconds;
 * the defaults suit a LAN feed: session DXFEED from sequence 1, 1 ms line wait plus up to 1 ms jitter, backoff from
 * 5 ms to 200 ms over 6 attempts, requests of at most 4,096 messages, a 64 KiB buffer of 128-byte messages, 50 ms
 * between snapshot attempts, and a jitter seed from the clock.
 *
 * @param session             MoldUDP64 session; packets of another session are ignored. Null accepts the first seen.
 * @param startSequence       first sequence wanted (1 = the whole session).
 * @param startWithSnapshot   start from a snapshot (a late joiner) instead of a sequence.
 * @param lineWaitNanos       how long a gap waits for the other line before the first request.
 * @param lineWaitJitterNanos random extra wait added to the line wait, up to this.
 * @param initialBackoffNanos wait after the first request before the next; doubles per attempt.
 * @param maxBackoffNanos     longest wait between requests.
 * @param maxRequestAttempts  requests for one gap before falling back to a snapshot.
 * @param maxRequestCount     most messages asked for in one request (at most 65,535, MoldUDP64's count field).
 * @param bufferCapacity      bytes of messages buffered behind a gap.
 * @param maxMessageLength    longest message buffered.
 * @param snapshotRetryNanos  wait before retrying a failed snapshot.
 * @param seed                seed of the jitter.
 */
public record FeedClientConfig(
    String session,
    long startSequence,
    boolean startWithSnapshot,
    long lineWaitNanos,
    long lineWaitJitterNanos,
    long initialBackoffNanos,
    long maxBackoffNanos,
    int maxRequestAttempts,
    int maxRequestCount,
    int bufferCapacity,
    int maxMessageLength,
    long snapshotRetryNanos,
    long seed)
{
    private static final int MAX_REQUEST_COUNT = 0xFFFF;

    /**
     * Validates.
     */
    public FeedClientConfig
    {
        if (startSequence < 1)
        {
            throw new IllegalArgumentException("startSequence: at least 1, got " + startSequence);
        }
        notNegative("lineWaitNanos", lineWaitNanos);
        notNegative("lineWaitJitterNanos", lineWaitJitterNanos);
        positive("initialBackoffNanos", initialBackoffNanos);
        if (maxBackoffNanos < initialBackoffNanos)
        {
            throw new IllegalArgumentException("maxBackoffNanos: at least initialBackoffNanos (" +
                initialBackoffNanos + "), got " + maxBackoffNanos);
        }
        positive("maxRequestAttempts", maxRequestAttempts);
        if (maxRequestCount < 1 || maxRequestCount > MAX_REQUEST_COUNT)
        {
            throw new IllegalArgumentException("maxRequestCount: 1 to " + MAX_REQUEST_COUNT + ", got " +
                maxRequestCount);
        }
        positive("maxMessageLength", maxMessageLength);
        if (bufferCapacity < maxMessageLength)
        {
            throw new IllegalArgumentException("bufferCapacity: at least maxMessageLength (" + maxMessageLength +
                "), got " + bufferCapacity);
        }
        positive("snapshotRetryNanos", snapshotRetryNanos);
    }

    /**
     * @return a builder with the defaults.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Builds a {@link FeedClientConfig} from the defaults; each setter names the record component it sets.
     */
    public static final class Builder
    {
        private String session = "DXFEED";
        private long startSequence = 1;
        private boolean startWithSnapshot;
        private long lineWaitNanos = 1_000_000;
        private long lineWaitJitterNanos = 1_000_000;
        private long initialBackoffNanos = 5_000_000;
        private long maxBackoffNanos = 200_000_000;
        private int maxRequestAttempts = 6;
        private int maxRequestCount = 4096;
        private int bufferCapacity = 64 * 1024;
        private int maxMessageLength = 128;
        private long snapshotRetryNanos = 50_000_000;
        private long seed = System.nanoTime();

        private Builder()
        {
        }

        /**
         * @param session MoldUDP64 session name, or null to accept the first seen.
         * @return this.
         */
        public Builder session(final String session)
        {
            this.session = session;
            return this;
        }

        /**
         * @param startSequence first sequence wanted.
         * @return this.
         */
        public Builder startSequence(final long startSequence)
        {
            this.startSequence = startSequence;
            return this;
        }

        /**
         * @param startWithSnapshot start from a snapshot.
         * @return this.
         */
        public Builder startWithSnapshot(final boolean startWithSnapshot)
        {
            this.startWithSnapshot = startWithSnapshot;
            return this;
        }

        /**
         * @param waitNanos   wait for the other line.
         * @param jitterNanos random extra, up to this.
         * @return this.
         */
        public Builder lineWait(final long waitNanos, final long jitterNanos)
        {
            this.lineWaitNanos = waitNanos;
            this.lineWaitJitterNanos = jitterNanos;
            return this;
        }

        /**
         * @param initialNanos wait after the first request.
         * @param maxNanos     longest wait.
         * @return this.
         */
        public Builder backoff(final long initialNanos, final long maxNanos)
        {
            this.initialBackoffNanos = initialNanos;
            this.maxBackoffNanos = maxNanos;
            return this;
        }

        /**
         * @param attempts requests for one gap before a snapshot.
         * @return this.
         */
        public Builder maxRequestAttempts(final int attempts)
        {
            this.maxRequestAttempts = attempts;
            return this;
        }

        /**
         * @param count most messages asked for in one request.
         * @return this.
         */
        public Builder maxRequestCount(final int count)
        {
            this.maxRequestCount = count;
            return this;
        }

        /**
         * @param capacity bytes buffered behind a gap.
         * @return this.
         */
        public Builder bufferCapacity(final int capacity)
        {
            this.bufferCapacity = capacity;
            return this;
        }

        /**
         * @param nanos wait before retrying a failed snapshot.
         * @return this.
         */
        public Builder snapshotRetryNanos(final long nanos)
        {
            this.snapshotRetryNanos = nanos;
            return this;
        }

        /**
         * @param seed seed of the jitter.
         * @return this.
         */
        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * @return the validated settings.
         */
        public FeedClientConfig build()
        {
            return new FeedClientConfig(session, startSequence, startWithSnapshot, lineWaitNanos, lineWaitJitterNanos,
                initialBackoffNanos, maxBackoffNanos, maxRequestAttempts, maxRequestCount, bufferCapacity,
                maxMessageLength, snapshotRetryNanos, seed);
        }
    }
}
