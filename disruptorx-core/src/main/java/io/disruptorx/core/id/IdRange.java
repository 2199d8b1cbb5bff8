package io.disruptorx.core.id;

/**
 * A block of IDs handed out by {@link SnowflakeIdGenerator#nextRange}: {@code size()} unique, increasing IDs read
 * with {@link #idAt(int)}. Reusable, so a caller can allocate one range object and refill it.
 */
public final class IdRange
{
    private long firstState;
    private int size;
    private long nodeBits;

    void set(final long firstState, final int size, final long nodeBits)
    {
        this.firstState = firstState;
        this.size = size;
        this.nodeBits = nodeBits;
    }

    /**
     * @return number of IDs in the range.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param index from 0 to {@code size() - 1}.
     * @return the ID.
     */
    public long idAt(final int index)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("index " + index + " of range of " + size);
        }
        return SnowflakeIdGenerator.compose(firstState + index, nodeBits);
    }
}
