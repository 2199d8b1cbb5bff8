package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * The segment files of a {@link JournalWriter} other than the appending it does: the directory tidied before
 * recovery, the segment it opens on (created, or the last one reopened with its unused blocks allocated), the next
 * one prepared ahead of the roll on another thread under {@link #PREPARED_SUFFIX} and handed to the roll, the full one
 * a roll leaves until another thread unmaps it, and the bytes of the segments deleted after a snapshot. None of it
 * runs per record.
 *
 * <p>Threads: {@link #prepare} from one thread at a time, any but the appender's; {@link #release} and
 * {@link #deleteUpTo} from any thread; the rest from the appender's. Segments pass between threads through atomic
 * references only.
 */
final class WriterSegments
{
    /** Appended to the name of a segment prepared ahead of the roll until the roll installs it. */
    static final String PREPARED_SUFFIX = ".next" + JournalFormat.TEMPORARY_SUFFIX;
    /** Pause between the forced chunks of zeros of a segment prepared ahead, leaving the appender's forces room. */
    static final long PREPARE_PAUSE_NANOS = 200_000;

    private final Path directory;
    private final int segmentSize;
    private final AtomicReference<NewSegment> prepared = new AtomicReference<>();
    private final CRC32C preparerCrc = new CRC32C();
    private final AtomicReference<Segment> retired = new AtomicReference<>();
    private final AtomicLong deletedBytes = new AtomicLong();
    private boolean retiredWaiting;

    WriterSegments(final Path directory, final int segmentSize)
    {
        this.directory = directory;
        this.segmentSize = segmentSize;
    }

    /**
     * Creates the journal directory when missing and removes the files a segment creation interrupted by a crash
     * left behind, before recovery reads the directory.
     *
     * @param directory the journal directory.
     * @return the index of the first segment file, 0 when there is none.
     * @throws UncheckedIOException when the directory cannot be created.
     */
    static long tidyDirectory(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + directory, ex);
        }
        JournalReader.deleteTemporaryFiles(directory);
        final List<Path> files = JournalReader.segmentFiles(directory);
        return files.isEmpty() ? 0 : JournalFormat.segmentIndex(files.get(0).getFileName().toString());
    }

    /**
     * The segment a writer opens on: a new one when recovery found none, else the last one, reopened with its blocks
     * after the last record allocated (a segment written by an older version may be sparse).
     *
     * @param recovered  what recovery found.
     * @param firstIndex the index of a new first segment.
     * @param crc        the appender's checksum.
     * @return the mapped segment.
     * @throws UncheckedIOException when it cannot be created or allocated (a reopened segment is then closed).
     */
    Segment openOn(final JournalReader.Scan recovered, final long firstIndex, final CRC32C crc)
    {
        final long index = recovered.lastSegmentIndex();
        if (index < 0)
        {
            return Segment.create(directory, firstIndex, segmentSize, crc);
        }
        final Segment last = Segment.open(directory.resolve(JournalFormat.segmentFileName(index)), index);
        try
        {
            last.allocateFrom(recovered.endOffset());
        }
        catch (final RuntimeException ex)
        {
            last.close();
            throw ex;
        }
        return last;
    }

    /**
     * Prepares the segment of an index unless it is prepared already; one prepared for another index is discarded.
     *
     * @param next the index of the segment after the one being appended to.
     * @throws UncheckedIOException when the segment cannot be created.
     */
    void prepare(final long next)
    {
        final NewSegment ready = prepared.get();
        if (ready != null && ready.index() == next)
        {
            return;
        }
        final NewSegment made =
            NewSegment.prepare(directory, next, segmentSize, preparerCrc, PREPARED_SUFFIX, PREPARE_PAUSE_NANOS);
        final NewSegment stale = prepared.getAndSet(made);
        if (stale != null)
        {
            stale.discard();
        }
    }

    /**
     * The segment a roll moves to: the prepared one when it has this index (renamed into place), else one created
     * now on the appender's thread (a prepared segment of another index is discarded).
     *
     * @param index the new segment's index.
     * @param crc   the appender's checksum.
     * @return the segment, ready for appending.
     * @throws UncheckedIOException when it cannot be created or installed.
     */
    Segment next(final long index, final CRC32C crc)
    {
        final NewSegment ready = prepared.getAndSet(null);
        if (ready != null && ready.index() == index)
        {
            return ready.install();
        }
        if (ready != null)
        {
            ready.discard();
        }
        return Segment.create(directory, index, segmentSize, crc);
    }

    /**
     * Leaves a full segment for {@link #release}; one still waiting from the roll before is unmapped here.
     *
     * @param full the segment the roll left.
     */
    void retire(final Segment full)
    {
        final Segment older = retired.getAndSet(full);
        if (older != null)
        {
            older.close();
        }
        retiredWaiting = true;
    }

    /** @return true once after each {@link #retire}. */
    boolean retiredWaiting()
    {
        if (!retiredWaiting)
        {
            return false;
        }
        retiredWaiting = false;
        return true;
    }

    /** Unmaps the retired segment, if it has not been unmapped yet. */
    void release()
    {
        final Segment full = retired.getAndSet(null);
        if (full != null)
        {
            full.close();
        }
    }

    /** Discards the prepared segment, if any, when the writer closes. */
    void discardPrepared()
    {
        final NewSegment unused = prepared.getAndSet(null);
        if (unused != null)
        {
            unused.discard();
        }
    }

    /**
     * @param sequence records up to this one are no longer needed.
     * @return segments deleted (see {@link CoveredSegments}).
     */
    int deleteUpTo(final long sequence)
    {
        return CoveredSegments.delete(directory, sequence, deletedBytes);
    }

    /** @return bytes of the segment files deleted since opening. */
    long deletedBytes()
    {
        return deletedBytes.get();
    }
}
