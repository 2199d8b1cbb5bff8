package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Follows a journal that another process (or thread) is writing: each {@link #poll} hands over the records
 * that have appeared since the last one, checking every checksum. Used by a passive replica to keep a hot
 * engine. It relies on the writer's protocol: a record's length is written last, with a store-release, so a
 * positive length means a complete record (a batch being written shows {@link JournalFormat#PENDING_LENGTH}, where
 * the tailer waits as at a zero); a segment is created only when a record does not fit in the
 * previous one. The first record it reads must be at most one past its start sequence: a journal whose older
 * segments were deleted after a newer snapshot than the follower started from is refused, never skipped over.
 */
public final class JournalTailer implements AutoCloseable
{
    private final Path directory;
    private final long afterSequence;
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private Segment segment;
    private int position;
    private long lastSeen = Long.MIN_VALUE;
    private int idlePolls;

    /**
     * @param directory     journal directory (it may not exist yet).
     * @param afterSequence records at or below this sequence are skipped (for example a snapshot's).
     */
    public JournalTailer(final Path directory, final long afterSequence)
    {
        this.directory = directory;
        this.afterSequence = afterSequence;
    }

    /**
     * Reads what is new.
     *
     * @param handler receives each new record after {@code afterSequence}.
     * @param limit   most records to hand over in this call.
     * @return records handed over.
     * @throws JournalCorruptedException when a complete record fails its checks.
     */
    public int poll(final RecordHandler handler, final int limit)
    {
        if (segment == null && !openFirst())
        {
            return 0;
        }
        int delivered = 0;
        while (delivered < limit)
        {
            if (position + JournalFormat.RECORD_HEADER_LENGTH > segment.size)
            {
                if (!advance())
                {
                    break;
                }
                continue;
            }
            final UnsafeBuffer buffer = segment.buffer;
            int length = buffer.getIntVolatile(position);
            if (length == 0)
            {
                if (nextIsMissing())
                {
                    break;
                }
                length = buffer.getIntVolatile(position);
                if (length == 0)
                {
                    if (!advance())
                    {
                        break;
                    }
                    continue;
                }
            }
            if (length == JournalFormat.PENDING_LENGTH)
            {
                break;
            }
            final String problem = JournalReader.checkRecord(segment, position, length, lastSeen, crc);
            if (problem != null)
            {
                throw new JournalCorruptedException(segment.file, position, problem);
            }
            final long sequence = buffer.getLong(position + JournalFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (lastSeen == Long.MIN_VALUE && sequence > afterSequence + 1)
            {
                throw new JournalCorruptedException(segment.file, position, "the first record is sequence " +
                    sequence + " but this follower starts after sequence " + afterSequence + ": the records in " +
                    "between were deleted (covered by a newer snapshot than the one it started from)");
            }
            if (sequence > afterSequence)
            {
                payload.wrap(buffer, position + JournalFormat.RECORD_HEADER_LENGTH, length);
                handler.onRecord(sequence, payload, 0, length);
                delivered++;
            }
            lastSeen = sequence;
            position += JournalFormat.recordLength(length);
        }
        return delivered;
    }

    /**
     * @return the highest sequence seen (the start sequence before any record).
     */
    public long lastSequence()
    {
        return Math.max(afterSequence, lastSeen);
    }

    @Override
    public void close()
    {
        if (segment != null)
        {
            segment.close();
            segment = null;
        }
    }

    private boolean openFirst()
    {
        final List<Path> files = JournalReader.segmentFiles(directory);
        if (files.isEmpty())
        {
            return false;
        }
        final Path first = files.get(0);
        return open(first, JournalFormat.segmentIndex(first.getFileName().toString()));
    }

    private boolean advance()
    {
        if (nextIsMissing())
        {
            return false;
        }
        final Path next = nextFile();
        final long index = segment.index + 1;
        final Segment previous = segment;
        if (!open(next, index))
        {
            return false;
        }
        previous.close();
        return true;
    }

    private boolean open(final Path file, final long index)
    {
        try
        {
            if (Files.size(file) < JournalFormat.SEGMENT_HEADER_LENGTH)
            {
                return false;
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        final Segment opened = Segment.open(file, index);
        if (opened.buffer.getInt(JournalFormat.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN) == 0)
        {
            opened.close();
            return false;
        }
        try
        {
            JournalReader.checkHeader(opened, crc);
        }
        catch (final JournalCorruptedException ex)
        {
            opened.close();
            if (isNewest(index))
            {
                // The writer writes the header checksum last: the newest segment may still be being created.
                return false;
            }
            throw ex;
        }
        segment = opened;
        position = JournalFormat.SEGMENT_HEADER_LENGTH;
        return true;
    }

    /**
     * Listing the directory costs a system call and allocation, so an idle follower looks for later segments
     * only once every this many idle polls.
     */
    private static final int LISTING_INTERVAL_MASK = 1023;

    /**
     * @return whether the segment after the current one does not exist yet.
     * @throws JournalCorruptedException when it is missing but a later one exists (for example deleted by
     * retention under a lagging follower): waiting would never end.
     */
    private boolean nextIsMissing()
    {
        final Path next = nextFile();
        if (Files.exists(next))
        {
            idlePolls = 0;
            return false;
        }
        if ((++idlePolls & LISTING_INTERVAL_MASK) != 0)
        {
            return true;
        }
        // Checked again after the listing: the writer may have created it, and a later one, in between.
        if (!isNewest(segment.index + 1) && !Files.exists(next))
        {
            throw new JournalCorruptedException(next, 0, "segment " + (segment.index + 1) +
                " is missing but a later segment exists");
        }
        return true;
    }

    /**
     * @return whether no segment file has a higher index than {@code index}.
     */
    private boolean isNewest(final long index)
    {
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory))
        {
            for (final Path file : listing)
            {
                if (JournalFormat.segmentIndex(file.getFileName().toString()) > index)
                {
                    return false;
                }
            }
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal directory " + directory, ex);
        }
    }

    private Path nextFile()
    {
        return directory.resolve(JournalFormat.segmentFileName(segment.index + 1));
    }
}
