package io.disruptorx.journal;

import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Appends records to segments and forces them to the device at the end of a batch according to the
 * {@link ForcePolicy} (group commit), by the configured {@link WritePath}: staged and written at the end of each
 * batch ({@code write} plus {@code fdatasync}, the default), or stored into the mapped segment ({@code msync}). The
 * file's bytes are the same either way. One thread appends.
 *
 * <p>Opening recovers: it reads every existing record (handing each to a replay handler), zeroes a torn tail
 * left by a crash, refuses a journal damaged elsewhere, and continues after the last valid record.
 *
 * <p>Segments are allocated when they are created, never sparse, so a full disk is an exception when a segment is
 * created (at a roll, or ahead of it with {@link #prepareNextSegment()}), never a fault in the middle of an
 * append.
 *
 * <p>The slow file work that is not an append can run on another thread, so the appending thread does none of it:
 * preparing the next segment ({@link #prepareNextSegment()}), unmapping the segment a roll left
 * ({@link #releaseRetiredSegment()}) and deleting segments a snapshot covers ({@link #deleteSegmentsUpTo}), all kept
 * in {@code WriterSegments}. Under {@link ForcePolicy#INTERVAL} on the write path, with {@link JournalConfig#forcer()},
 * forces run on a thread of the writer's own ({@code IntervalForcer}) and a batch end waits for one only when the
 * interval's promise needs it.
 * Under {@link ForcePolicy#EVERY_BATCH} on the write path, with {@link JournalConfig#pipelinedForces()}, a batch end
 * only writes and a thread of the writer's own forces while the appender goes on ({@code PipelinedForcer}): the host
 * then releases a command only once {@link #forcedSequence()} covers it ({@link #awaitForced}).
 */
public final class JournalWriter implements Journal
{
    private final JournalConfig config;
    private final CRC32C crc = new CRC32C();
    private final LongSupplier nanoClock;
    private final ForcePolicy policy;
    private final long forceInterval;
    private final JournalReader.Scan recovered;
    private final StagedWrites staged;
    private final WriterSegments segments;
    private final OffThreadForces forcer;
    private volatile long segmentIndex;
    private boolean nextSegmentRequested;
    private Segment segment;
    private UnsafeBuffer buffer;
    private int position;
    private int forcedPosition;
    private int endedPosition;
    private long lastSequence;
    private long lastForceNanos;
    private long completedSegmentBytes;
    private long forces;
    private volatile long forcedSequence;

    private JournalWriter(final JournalConfig config, final JournalReader.Scan recovered, final long firstIndex)
    {
        this.config = config;
        this.recovered = recovered;
        this.nanoClock = config.nanoClock();
        this.policy = config.forcePolicy();
        this.forceInterval = config.forceInterval();
        this.lastSequence = recovered.lastSequence();
        this.lastForceNanos = nanoClock.getAsLong();
        this.staged = config.writePath() == WritePath.WRITE ? new StagedWrites() : null;
        this.segments = new WriterSegments(config.directory(), config.segmentSize());
        final boolean empty = recovered.lastSegmentIndex() < 0;
        completedSegmentBytes = empty ? 0 : recovered.bytes() - config.segmentSize();
        useSegment(segments.openOn(recovered, firstIndex, crc),
            empty ? JournalFormat.SEGMENT_HEADER_LENGTH : recovered.endOffset());
        this.forcer = staged == null ? null : OffThreadForces.of(config, staged::force, lastSequence);
    }

    /**
     * Opens a journal for appending, creating the directory when missing, and replays what it holds. Files left
     * by a segment creation that a crash interrupted are removed; the last segment's unused blocks are allocated
     * (a segment written by an older version may be sparse), so a full disk shows here or at a roll, never as a
     * fault in the middle of an append.
     *
     * @param config settings.
     * @param replay receives every existing record, in order, before this returns.
     * @return the writer, positioned after the last valid record.
     * @throws JournalCorruptedException when damage other than a torn tail is found.
     * @throws UncheckedIOException when the directory or a segment cannot be created or allocated.
     */
    public static JournalWriter open(final JournalConfig config, final RecordHandler replay)
    {
        final long firstIndex = WriterSegments.tidyDirectory(config.directory());
        return new JournalWriter(config, JournalReader.scan(config.directory(), replay, true), firstIndex);
    }

    /** @return what recovery found when this writer was opened (records, torn tail). */
    public JournalReader.Scan recovered()
    {
        return recovered;
    }

    /**
     * Appends one record. It is durable only after {@link #endOfBatch()} under the configured policy.
     *
     * @param sequence must be greater than the last appended sequence.
     * @param source   payload buffer.
     * @param offset   payload offset.
     * @param length   payload length, at least 1.
     * @throws IllegalArgumentException when the sequence does not increase or the length does not fit a segment.
     * @throws UncheckedIOException     when the record needs a new segment and it cannot be created (the disk is
     *                                  full, a file holds its name); nothing is written and the writer stays usable.
     */
    @Override
    public void append(final long sequence, final DirectBuffer source, final int offset, final int length)
    {
        if (sequence <= lastSequence)
        {
            throw new IllegalArgumentException("sequence " + sequence + " does not follow " + lastSequence);
        }
        final int maxLength =
            config.segmentSize() - JournalFormat.SEGMENT_HEADER_LENGTH - JournalFormat.RECORD_HEADER_LENGTH;
        if (length <= 0 || length > maxLength)
        {
            throw new IllegalArgumentException("record payload length " + length + " must be in [1, " + maxLength +
                "]");
        }
        final int recordLength = JournalFormat.recordLength(length);
        if (position + recordLength > segment.size)
        {
            roll();
        }
        if (staged == null)
        {
            final int at = position;
            buffer.putLong(at + JournalFormat.SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
            buffer.putBytes(at + JournalFormat.RECORD_HEADER_LENGTH, source, offset, length);
            buffer.putInt(at + JournalFormat.CRC_OFFSET,
                segment.crc(at + JournalFormat.SEQUENCE_OFFSET, Long.BYTES + length, crc), ByteOrder.LITTLE_ENDIAN);
            buffer.putIntRelease(at + JournalFormat.LENGTH_OFFSET, length);
        }
        else
        {
            staged.stage(position, sequence, source, offset, length, recordLength, crc);
        }
        position += recordLength;
        lastSequence = sequence;
    }

    /**
     * Ends a batch: writes what was staged to the file (on the {@link WritePath#WRITE} path, whatever the policy, so
     * a process crash after the batch loses none of it), then forces what was appended since the last force when
     * the policy says so.
     *
     * @return whether a force was done.
     */
    @Override
    public boolean endOfBatch()
    {
        if (staged != null)
        {
            staged.write(position);
        }
        if (forcer != null)
        {
            final boolean wrote = position != endedPosition;
            endedPosition = position;
            forcer.batchEnd(lastSequence, wrote);
            return false;
        }
        if (policy == ForcePolicy.NEVER || position == forcedPosition)
        {
            return false;
        }
        if (policy == ForcePolicy.INTERVAL)
        {
            final long now = nanoClock.getAsLong();
            if (now - lastForceNanos < forceInterval)
            {
                return false;
            }
            lastForceNanos = now;
        }
        force();
        return true;
    }

    /**
     * Whether the next segment should be prepared now: true once per segment, when it is half full, for a host
     * that prepares segments ahead of the roll on another thread with {@link #prepareNextSegment()}.
     *
     * @return true the first time it is called after the current segment passed half full.
     */
    @Override
    public boolean nextSegmentWanted()
    {
        if (nextSegmentRequested || position < segment.size >> 1)
        {
            return false;
        }
        nextSegmentRequested = true;
        return true;
    }

    /**
     * Creates the segment after the current one under a temporary name (its zeros written and forced in chunks with
     * pauses between them, so the appender's forces are not queued behind a burst of them; its header forced), so
     * the roll only has to rename it: a roll that has to create the segment itself stalls the appending thread
     * for the time it takes to write a whole segment. Call it from one thread at a time, any thread but the
     * appender's; a segment prepared for an index the writer has already passed is discarded. Never call it after
     * {@link #close()} has started.
     *
     * @throws UncheckedIOException when the segment cannot be created (the roll will then try again itself).
     */
    @Override
    public void prepareNextSegment()
    {
        segments.prepare(segmentIndex + 1);
    }

    @Override
    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public long size()
    {
        return completedSegmentBytes - segments.deletedBytes() + position;
    }

    /** @return whether the journal still holds its first segment (no segment was deleted after a snapshot). */
    public boolean holdsFirstSegment()
    {
        return Files.exists(config.directory().resolve(JournalFormat.segmentFileName(0)));
    }

    /** @return forces done since opening, on the appending thread and on the forcer's. */
    public long forces()
    {
        return forces + (forcer == null ? 0 : forcer.forces());
    }

    /**
     * @return the forced position, any thread: the last sequence a force since opening covers (0 before the first),
     * whichever thread forced it (the appender's, or the forcer's, which publishes it after each of its forces).
     */
    @Override
    public long forcedSequence()
    {
        final long own = forcedSequence;
        return forcer == null ? own : Math.max(own, forcer.forcedSequence());
    }

    @Override
    public boolean pipelined()
    {
        return forcer != null && forcer.pipelined();
    }

    @Override
    public boolean awaitForced(final long sequence, final IntSupplier whileWaiting)
    {
        return forcer == null || forcer.awaitForced(sequence, whileWaiting);
    }

    /**
     * @return true once after each roll: a full segment waits to be unmapped with {@link #releaseRetiredSegment()} on
     * another thread (tens of milliseconds on the mapped path); else the next roll or {@link #close()} unmaps it.
     */
    @Override
    public boolean retiredSegmentWaiting()
    {
        return segments.retiredWaiting();
    }

    /**
     * Unmaps the segment the last roll left, if it has not been unmapped yet. Any thread; the appender no longer
     * touches that segment.
     */
    @Override
    public void releaseRetiredSegment()
    {
        segments.release();
    }

    /**
     * Deletes whole segments that hold only records at or below a sequence, never the last one listed (being written
     * or just left by a roll); any one thread beside the appender's (see {@code CoveredSegments}).
     *
     * @param sequence records up to this one are no longer needed.
     * @return segments deleted.
     */
    @Override
    public int deleteSegmentsUpTo(final long sequence)
    {
        return segments.deleteUpTo(sequence);
    }

    @Override
    public void close()
    {
        segments.discardPrepared();
        if (staged != null)
        {
            staged.write(position);
        }
        try
        {
            if (policy != ForcePolicy.NEVER)
            {
                force();
            }
        }
        finally
        {
            if (forcer != null)
            {
                forcer.close();
            }
        }
        if (staged != null)
        {
            staged.close();
        }
        releaseRetiredSegment();
        segment.close();
    }

    /**
     * Forces what was written, on this thread. With pipelined forces the forcer is paused first and stays paused (the
     * caller, a roll, resumes it once the segment is switched; a close stops it).
     */
    private void force()
    {
        if (forcer != null)
        {
            forcer.beforeOwnForce();
        }
        if (staged == null)
        {
            segment.force(forcedPosition, position - forcedPosition);
        }
        else
        {
            staged.write(position);
            if (position != forcedPosition)
            {
                staged.force();
            }
        }
        forcedPosition = position;
        forcedSequence = lastSequence;
        forces++;
        if (forcer != null)
        {
            forcer.afterOwnForce(lastSequence);
        }
    }

    /**
     * Moves to a new segment. The new one is created (and its blocks allocated) before the full one is retired, so
     * a failure (disk full, a file in the way) leaves the writer on a valid mapping and leaves no file behind: the
     * append fails and a later one tries the roll again from scratch. The full segment is left for
     * {@link #releaseRetiredSegment()}; one still waiting from the roll before is unmapped here.
     */
    private void roll()
    {
        if (staged != null)
        {
            staged.write(position);
        }
        try
        {
            if (policy != ForcePolicy.NEVER)
            {
                force();
            }
            switchSegment();
        }
        finally
        {
            if (forcer != null)
            {
                forcer.resume();
            }
        }
    }

    private void switchSegment()
    {
        final Segment next = segments.next(segment.index + 1, crc);
        completedSegmentBytes += segment.size;
        final Segment full = segment;
        useSegment(next, JournalFormat.SEGMENT_HEADER_LENGTH);
        segments.retire(full);
    }

    private void useSegment(final Segment segment, final int position)
    {
        this.segment = segment;
        this.segmentIndex = segment.index;
        this.nextSegmentRequested = false;
        this.buffer = segment.buffer;
        this.position = position;
        this.forcedPosition = position;
        this.endedPosition = position;
        if (staged != null)
        {
            staged.useSegment(segment.file, position);
        }
    }
}
