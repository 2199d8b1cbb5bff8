package io.disruptorx.marketdata.client;

/**
 * Settings of a {@link FeedClient}. Times are nanoseconds. Fluent setters; defaults suit a LAN feed.
 */
public final class FeedClientConfig
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

    /**
     * @return MoldUDP64 session; packets of another session are ignored. Null accepts the first seen.
     */
    public String session()
    {
        return session;
    }

    /**
     * @param session MoldUDP64 session name.
     * @return this.
     */
    public FeedClientConfig session(final String session)
    {
        this.session = session;
        return this;
    }

    /**
     * @return first sequence wanted (1 = the whole session).
     */
    public long startSequence()
    {
        return startSequence;
    }

    /**
     * @param startSequence first sequence wanted.
     * @return this.
     */
    public FeedClientConfig startSequence(final long startSequence)
    {
        this.startSequence = startSequence;
        return this;
    }

    /**
     * @return whether to start from a snapshot (a late joiner) instead of a sequence.
     */
    public boolean startWithSnapshot()
    {
        return startWithSnapshot;
    }

    /**
     * @param startWithSnapshot start from a snapshot.
     * @return this.
     */
    public FeedClientConfig startWithSnapshot(final boolean startWithSnapshot)
    {
        this.startWithSnapshot = startWithSnapshot;
        return this;
    }

    /**
     * @return how long a gap waits for the other line before the first request.
     */
    public long lineWaitNanos()
    {
        return lineWaitNanos;
    }

    /**
     * @return random extra wait added to the line wait, up to this.
     */
    public long lineWaitJitterNanos()
    {
        return lineWaitJitterNanos;
    }

    /**
     * @param waitNanos   wait for the other line.
     * @param jitterNanos random extra, up to this.
     * @return this.
     */
    public FeedClientConfig lineWait(final long waitNanos, final long jitterNanos)
    {
        this.lineWaitNanos = waitNanos;
        this.lineWaitJitterNanos = jitterNanos;
        return this;
    }

    /**
     * @return wait after the first request before the next; doubles per attempt.
     */
    public long initialBackoffNanos()
    {
        return initialBackoffNanos;
    }

    /**
     * @return longest wait between requests.
     */
    public long maxBackoffNanos()
    {
        return maxBackoffNanos;
    }

    /**
     * @param initialNanos first backoff.
     * @param maxNanos     cap.
     * @return this.
     */
    public FeedClientConfig backoff(final long initialNanos, final long maxNanos)
    {
        this.initialBackoffNanos = initialNanos;
        this.maxBackoffNanos = maxNanos;
        return this;
    }

    /**
     * @return requests without progress before falling back to a snapshot.
     */
    public int maxRequestAttempts()
    {
        return maxRequestAttempts;
    }

    /**
     * @param attempts requests without progress before a snapshot.
     * @return this.
     */
    public FeedClientConfig maxRequestAttempts(final int attempts)
    {
        this.maxRequestAttempts = attempts;
        return this;
    }

    /**
     * @return most messages asked for in one request.
     */
    public int maxRequestCount()
    {
        return maxRequestCount;
    }

    /**
     * @param count most messages per request (at most 65,535).
     * @return this.
     */
    public FeedClientConfig maxRequestCount(final int count)
    {
        this.maxRequestCount = Math.min(count, 0xFFFF);
        return this;
    }

    /**
     * @return messages that can wait ahead of a gap (a power of two).
     */
    public int bufferCapacity()
    {
        return bufferCapacity;
    }

    /**
     * @param capacity messages that can wait ahead of a gap (a power of two).
     * @return this.
     */
    public FeedClientConfig bufferCapacity(final int capacity)
    {
        this.bufferCapacity = capacity;
        return this;
    }

    /**
     * @return longest message buffered.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return wait before retrying a failed snapshot.
     */
    public long snapshotRetryNanos()
    {
        return snapshotRetryNanos;
    }

    /**
     * @param nanos wait before retrying a failed snapshot.
     * @return this.
     */
    public FeedClientConfig snapshotRetryNanos(final long nanos)
    {
        this.snapshotRetryNanos = nanos;
        return this;
    }

    /**
     * @return seed of the jitter.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param seed seed of the jitter.
     * @return this.
     */
    public FeedClientConfig seed(final long seed)
    {
        this.seed = seed;
        return this;
    }
}
