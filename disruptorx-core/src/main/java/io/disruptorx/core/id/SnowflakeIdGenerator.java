package io.disruptorx.core.id;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * 64-bit unique, increasing IDs without coordination between nodes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-------------------------------------------------------------+
 *  |0|          milliseconds since the epoch (41 bits)  ...        |
 *  +-+-----------------------------+-------------------+-----------+
 *  |   ... timestamp               |  node id (10)     | seq (12)  |
 *  +-------------------------------+-------------------+-----------+
 * </pre>
 *
 * State is one {@link AtomicLong} holding {@code timestamp << 12 | sequence}, advanced by CAS, so IDs are unique
 * across threads and strictly increasing per generator. The next state is {@code max(now << 12, last + 1)}:
 * <ul>
 *     <li>a new millisecond restarts the sequence at 0;</li>
 *     <li>within the same millisecond the sequence counts up; after 4096 IDs it carries into the timestamp, i.e.
 *     the generator borrows the next millisecond ahead of the wall clock;</li>
 *     <li>if the clock goes back, the generator keeps using its last timestamp and keeps counting (borrowing
 *     ahead as needed): it never repeats and never goes backwards, and it resumes following the wall clock once
 *     the clock passes the borrowed time. {@link #borrowedMillis()} shows how far ahead it runs.</li>
 * </ul>
 * Uniqueness across nodes relies on distinct node ids (0..1023). 41 bits of milliseconds last about 69 years from
 * the epoch.
 */
public final class SnowflakeIdGenerator
{
    /** Bits of the per-millisecond sequence. */
    public static final int SEQUENCE_BITS = 12;
    /** Bits of the node id. */
    public static final int NODE_BITS = 10;
    /** Largest node id. */
    public static final int MAX_NODE_ID = (1 << NODE_BITS) - 1;
    /** Largest batch handed out by {@link #nextRange}. */
    public static final int MAX_RANGE = 1 << SEQUENCE_BITS;
    /** Default epoch: 2024-01-01T00:00:00Z. */
    public static final long DEFAULT_EPOCH_MILLIS = 1_704_067_200_000L;

    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final int TIMESTAMP_SHIFT = SEQUENCE_BITS + NODE_BITS;
    private static final long MAX_TIMESTAMP = (1L << 41) - 1;

    private final long epochMillis;
    private final long nodeBits;
    private final int nodeId;
    private final LongSupplier clock;
    private final AtomicLong state = new AtomicLong();

    /**
     * @param nodeId      0..1023, unique per running generator.
     * @param epochMillis custom epoch in Unix milliseconds; must not be after the clock's current time.
     * @param clock       wall clock in Unix milliseconds (tests inject a controllable one).
     */
    public SnowflakeIdGenerator(final int nodeId, final long epochMillis, final LongSupplier clock)
    {
        if (nodeId < 0 || nodeId > MAX_NODE_ID)
        {
            throw new IllegalArgumentException("nodeId must be 0.." + MAX_NODE_ID + ", got " + nodeId);
        }
        this.nodeId = nodeId;
        this.nodeBits = (long) nodeId << SEQUENCE_BITS;
        this.epochMillis = epochMillis;
        this.clock = clock;
        final long now = clock.getAsLong() - epochMillis;
        if (now < 0 || now > MAX_TIMESTAMP)
        {
            throw new IllegalArgumentException("clock " + clock.getAsLong() + " is outside the 41-bit range of epoch "
                + epochMillis);
        }
    }

    /**
     * @param nodeId 0..1023.
     * @return a generator on the system clock and the default epoch.
     */
    public static SnowflakeIdGenerator forNode(final int nodeId)
    {
        return new SnowflakeIdGenerator(nodeId, DEFAULT_EPOCH_MILLIS, System::currentTimeMillis);
    }

    /**
     * @return a new ID; lock-free, allocation-free.
     */
    public long nextId()
    {
        final long now = (clock.getAsLong() - epochMillis) << SEQUENCE_BITS;
        while (true)
        {
            final long last = state.get();
            final long next = Math.max(now, last + 1);
            if (state.compareAndSet(last, next))
            {
                return compose(next, nodeBits);
            }
        }
    }

    /**
     * Reserves {@code count} consecutive states in one CAS and fills {@code range}.
     *
     * @param count 1..4096.
     * @param range reused holder of the result.
     * @return {@code range}.
     */
    public IdRange nextRange(final int count, final IdRange range)
    {
        if (count < 1 || count > MAX_RANGE)
        {
            throw new IllegalArgumentException("count must be 1.." + MAX_RANGE + ", got " + count);
        }
        final long now = (clock.getAsLong() - epochMillis) << SEQUENCE_BITS;
        while (true)
        {
            final long last = state.get();
            final long first = Math.max(now, last + 1);
            if (state.compareAndSet(last, first + count - 1))
            {
                range.set(first, count, nodeBits);
                return range;
            }
        }
    }

    /**
     * @return milliseconds the generator runs ahead of the clock (0 normally; positive after the clock went back
     *     or after more than 4096 IDs in a millisecond).
     */
    public long borrowedMillis()
    {
        final long logical = state.get() >>> SEQUENCE_BITS;
        return Math.max(0, logical - (clock.getAsLong() - epochMillis));
    }

    /**
     * @return this generator's node id.
     */
    public int nodeId()
    {
        return nodeId;
    }

    static long compose(final long state, final long nodeBits)
    {
        return ((state >>> SEQUENCE_BITS) << TIMESTAMP_SHIFT) | nodeBits | (state & SEQUENCE_MASK);
    }

    /**
     * @param id an ID.
     * @return its millisecond timestamp relative to the epoch.
     */
    public static long timestampOf(final long id)
    {
        return id >>> TIMESTAMP_SHIFT;
    }

    /**
     * @param id an ID.
     * @return its node id.
     */
    public static int nodeOf(final long id)
    {
        return (int) ((id >>> SEQUENCE_BITS) & MAX_NODE_ID);
    }

    /**
     * @param id an ID.
     * @return its sequence within the millisecond.
     */
    public static int sequenceOf(final long id)
    {
        return (int) (id & SEQUENCE_MASK);
    }
}
