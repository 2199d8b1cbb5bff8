package io.disruptorx.journal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Follows a journal that another process (or thread) is writing: each {@link #poll} hands over the records
 * that have appeared since the last one, checking every checksum. Used by a passive replica to keep a hot
 * engine. It relies on the writer's protocol: a record's length is written last, with a store-release, so a
 * non-zero length means a complete record; a segment is created only when a record does not fit in the
 * previous one.
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
                if (!Files.exists(nextFile()))
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
            final String problem = JournalReader.checkRecord(segment, position, length, lastSeen, crc);
            if (problem != null)
            {
                throw new JournalCorruptedException(segment.file, position, problem);
            }
            final long sequence = buffer.getLong(position + JournalFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
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
        final Path next = nextFile();
        if (!Files.exists(next))
        {
            return false;
        }
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
        JournalReader.checkHeader(opened, crc);
        segment = opened;
        position = JournalFormat.SEGMENT_HEADER_LENGTH;
        return true;
    }

    private Path nextFile()
    {
        return directory.resolve(JournalFormat.segmentFileName(segment.index + 1));
    }
}
