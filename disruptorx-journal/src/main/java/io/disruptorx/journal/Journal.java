package io.disruptorx.journal;

import java.util.function.IntSupplier;

import org.agrona.DirectBuffer;

/**
 * The appending side of a journal, as the thread that journals commands uses it. {@link JournalWriter} is the
 * implementation; a host may decorate it (to count, or to inject faults in tests).
 */
public interface Journal extends AutoCloseable
{
    /**
     * Appends one record; it is durable only after {@link #endOfBatch()} under the configured policy.
     *
     * @param sequence must be greater than the last appended sequence.
     * @param source   payload buffer.
     * @param offset   payload offset.
     * @param length   payload length, at least 1.
     */
    void append(long sequence, DirectBuffer source, int offset, int length);

    /**
     * Ends a batch: forces what was appended since the last force when the policy says so.
     *
     * @return whether a force was done.
     */
    boolean endOfBatch();

    /**
     * @return sequence of the last appended record, 0 when none.
     */
    long lastSequence();

    /**
     * @return bytes written, over all segments (headers included).
     */
    long size();

    /**
     * Deletes whole segments that hold only records at or below a sequence; may be called from a thread other than
     * the appender's, one call at a time.
     *
     * @param sequence records up to this one are no longer needed.
     * @return segments deleted.
     */
    int deleteSegmentsUpTo(long sequence);

    /**
     * @return true once per segment, when the next one should be prepared with {@link #prepareNextSegment()}.
     */
    boolean nextSegmentWanted();

    /**
     * Prepares the next segment ahead of the roll; called from a thread other than the appender's.
     */
    void prepareNextSegment();

    /**
     * @return true once after each roll, when the segment the roll left should be unmapped with
     * {@link #releaseRetiredSegment()} on another thread.
     */
    boolean retiredSegmentWaiting();

    /**
     * Unmaps the segment the last roll left; called from a thread other than the appender's.
     */
    void releaseRetiredSegment();

    /**
     * @return the last sequence a finished force covers, any thread (by default the last appended: a host that does
     * not pipeline forces reads its durable position from its own batch ends).
     */
    default long forcedSequence()
    {
        return lastSequence();
    }

    /**
     * @return whether a batch end only writes and a thread of the journal's own forces (pipelined forces, under
     * {@link ForcePolicy#EVERY_BATCH}): then a command may be released only once {@link #awaitForced} says it is on
     * the device. False by default: a batch end has forced what it wrote, by the policy.
     */
    default boolean pipelined()
    {
        return false;
    }

    /**
     * With pipelined forces, waits (one consumer thread at a time) until a finished force covers a sequence; at once
     * otherwise.
     *
     * @param sequence     a sequence appended and ended (its batch's {@link #endOfBatch()} returned).
     * @param whileWaiting other work to do while a force runs (returns how much it did), or {@code null}.
     * @return true once it is covered; false when a force failed, so it never will be.
     */
    default boolean awaitForced(final long sequence, final IntSupplier whileWaiting)
    {
        return true;
    }

    /**
     * Forces what is left (unless the policy never forces) and releases the files.
     */
    @Override
    void close();
}
