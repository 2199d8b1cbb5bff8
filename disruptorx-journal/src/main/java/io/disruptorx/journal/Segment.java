package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One memory-mapped segment file.
 */
final class Segment implements AutoCloseable
{
    /** Directory forces done by {@link #create}, so tests can see that a roll makes the new entry durable. */
    static final AtomicLong DIRECTORY_FORCES = new AtomicLong();
    /** Forces of zero-filled chunks done by {@link #fillWithZerosDurably}, so tests can see a new segment forced. */
    static final AtomicLong ZERO_FILL_FORCES = new AtomicLong();
    /**
     * Bytes of zeros a new segment is written and forced in at a time: small enough that an append's force queued
     * behind one chunk on the device waits about a millisecond, not for a whole segment's worth of writes.
     */
    static final int ZERO_FILL_CHUNK = 256 * 1024;
    private static final int PAGE_SIZE = 4096;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1024 * 1024).asReadOnlyBuffer();

    final Path file;
    final long index;
    final int size;
    final MappedByteBuffer mapped;
    final UnsafeBuffer buffer;
    private final ByteBuffer crcView;

    Segment(final Path file, final long index, final int size, final MappedByteBuffer mapped)
    {
        this.file = file;
        this.index = index;
        this.size = size;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.crcView = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates a segment whole, under a temporary name first, and renames it into place (see {@link NewSegment}).
     *
     * @param directory journal directory.
     * @param index     segment index.
     * @param size      segment bytes.
     * @param crc       reused checksum.
     * @return the mapped segment.
     * @throws UncheckedIOException when it cannot be created (for example the disk is full), naming the file.
     */
    static Segment create(final Path directory, final long index, final int size, final CRC32C crc)
    {
        return NewSegment.prepare(directory, index, size, crc, JournalFormat.TEMPORARY_SUFFIX, 0).install();
    }

    /**
     * Writes zeros over {@code [from, to)} through the file (not the mapping), so the file system allocates those
     * blocks now.
     *
     * @param channel the segment file.
     * @param from    first byte.
     * @param to      end.
     * @throws IOException when the blocks cannot be allocated, for example on a full disk.
     */
    static void fillWithZeros(final FileChannel channel, final long from, final long to) throws IOException
    {
        final ByteBuffer zeros = ZEROS.duplicate();
        long position = from;
        while (position < to)
        {
            zeros.clear().limit((int)Math.min(zeros.capacity(), to - position));
            position += channel.write(zeros, position);
        }
    }

    /**
     * Writes zeros over {@code [from, to)} through the file and forces them, {@value #ZERO_FILL_CHUNK} bytes at a
     * time, pausing {@code pauseNanos} after each chunk. A new segment's blocks are then allocated <em>and</em> on the
     * device before any record goes in: left in the page cache, a segment's worth of zeros would be written back
     * later in one burst (at the file system's next journal commit, or by the first force after the roll, which
     * forces the whole file) that the appender's next force would queue behind, a stall of tens of milliseconds.
     * Chunks keep the device's queue short while a segment is prepared beside a running appender, the pause leaves
     * its forces room between them.
     *
     * @param channel    the segment file.
     * @param from       first byte.
     * @param to         end.
     * @param pauseNanos pause after each chunk but the last (0: none).
     * @throws IOException when the blocks cannot be allocated or forced.
     */
    static void fillWithZerosDurably(final FileChannel channel, final long from, final long to, final long pauseNanos)
        throws IOException
    {
        long position = from;
        while (position < to)
        {
            final long end = Math.min(to, position + ZERO_FILL_CHUNK);
            fillWithZeros(channel, position, end);
            channel.force(false);
            ZERO_FILL_FORCES.incrementAndGet();
            position = end;
            if (pauseNanos > 0 && position < to)
            {
                LockSupport.parkNanos(pauseNanos);
            }
        }
    }

    /**
     * Makes sure the blocks of a segment opened for appending are allocated from the first page after {@code from}
     * (a segment written by an older version may be sparse). The pages before hold records, so they are allocated.
     *
     * @param from offset after the last record.
     * @throws UncheckedIOException when the blocks cannot be allocated.
     */
    void allocateFrom(final int from)
    {
        final long start = (from + PAGE_SIZE - 1L) & -PAGE_SIZE;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            fillWithZeros(channel, start, size);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot allocate journal segment " + file + " of " + size + " bytes: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * Forces the directory so that a power loss right after a roll cannot lose the new file's entry (forcing the
     * file's own data does not make its name durable). Platforms that refuse to open or force a directory are
     * ignored: they give no way to do better.
     */
    static void forceDirectory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
            DIRECTORY_FORCES.incrementAndGet();
        }
        catch (final IOException ex)
        {
            return;
        }
    }

    /**
     * Writes the segment header (also used to repair a segment whose creation was torn by a crash).
     *
     * @param crc reused checksum.
     */
    void writeHeader(final CRC32C crc)
    {
        final UnsafeBuffer header = buffer;
        header.putInt(JournalFormat.MAGIC_OFFSET, JournalFormat.MAGIC, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.VERSION_OFFSET, JournalFormat.VERSION, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.SEGMENT_SIZE_OFFSET, size, ByteOrder.LITTLE_ENDIAN);
        header.putLong(JournalFormat.SEGMENT_INDEX_OFFSET, index, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.HEADER_CRC_OFFSET,
            JournalFormat.headerCrc(header, crc, new byte[24]), ByteOrder.LITTLE_ENDIAN);
        force(0, JournalFormat.SEGMENT_HEADER_LENGTH);
    }

    static Segment open(final Path file, final long index)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long length = channel.size();
            if (length < JournalFormat.SEGMENT_HEADER_LENGTH || length > Integer.MAX_VALUE)
            {
                throw new JournalCorruptedException(file, 0, "segment file has " + length + " bytes");
            }
            return map(file, index, (int)length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal segment " + file, ex);
        }
    }

    private static Segment map(final Path file, final long index, final int size)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new Segment(file, index, size, mapped);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map journal segment " + file, ex);
        }
    }

    /**
     * @param offset start of the checksummed range.
     * @param length its length.
     * @param crc    reused checksum.
     * @return CRC32C of the range.
     */
    int crc(final int offset, final int length, final CRC32C crc)
    {
        return JournalFormat.recordCrc(crcView, offset, length, crc);
    }

    void force(final int offset, final int length)
    {
        if (length > 0)
        {
            mapped.force(offset, length);
        }
    }

    boolean isZero(final int from, final int to)
    {
        int i = from;
        for (; i < to && (i & 7) != 0; i++)
        {
            if (buffer.getByte(i) != 0)
            {
                return false;
            }
        }
        for (; i + Long.BYTES <= to; i += Long.BYTES)
        {
            if (buffer.getLong(i) != 0)
            {
                return false;
            }
        }
        for (; i < to; i++)
        {
            if (buffer.getByte(i) != 0)
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
