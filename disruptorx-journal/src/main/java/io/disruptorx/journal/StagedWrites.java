package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The stage of the {@link WritePath#WRITE} path: records of the current segment appended since the last write,
 * laid out exactly as in the file, and the segment's file channel. A write puts the stage at its place in the file
 * in two parts, everything with {@link JournalFormat#PENDING_LENGTH} as the first record's length, then that
 * length, so that a reader of the file (a tailer on the mapping) never sees a record before its bytes are all
 * there: each later record is reachable only through the first. A crash between the two parts leaves the marker,
 * which recovery reads as a torn tail (the batch was not acknowledged), where a zero would leave whole records after
 * a hole, which it must read as corruption.
 */
final class StagedWrites implements AutoCloseable
{
    /** Initial stage size; a record larger than the stage grows it (once, never in steady state). */
    static final int INITIAL_CAPACITY = 1024 * 1024;
    private static final int LENGTH_BYTES = Integer.BYTES;

    private ByteBuffer stage;
    private UnsafeBuffer buffer;
    private ByteBuffer crcView;
    private FileChannel channel;
    private Path file;
    private int from;

    StagedWrites()
    {
        allocate(INITIAL_CAPACITY);
    }

    /**
     * Starts staging for a segment file (closing the previous one's channel).
     *
     * @param file     the segment file.
     * @param position the offset the next record goes to.
     */
    void useSegment(final Path file, final int position)
    {
        CloseHelper.quietClose(channel);
        channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal segment " + file + " for writing", ex);
        }
        this.file = file;
        this.from = position;
    }

    /**
     * Makes room for a record: writes the stage out when the record would not fit after what it holds.
     *
     * @param position     segment offset of the record.
     * @param recordLength its length on disk.
     */
    void reserve(final int position, final int recordLength)
    {
        if (position + recordLength - from > stage.capacity())
        {
            write(position);
            if (recordLength > stage.capacity())
            {
                allocate(Integer.highestOneBit(recordLength - 1) << 1);
            }
        }
    }

    /**
     * Stages one record at its segment offset: header, payload, zero padding, checksum, length.
     *
     * @param position     segment offset of the record.
     * @param sequence     its sequence.
     * @param source       payload buffer.
     * @param offset       payload offset.
     * @param length       payload length.
     * @param recordLength its length on disk.
     * @param crc          reused checksum.
     */
    void stage(final int position, final long sequence, final DirectBuffer source, final int offset, final int length,
        final int recordLength, final CRC32C crc)
    {
        reserve(position, recordLength);
        final int at = position - from;
        final int end = JournalFormat.RECORD_HEADER_LENGTH + length;
        buffer.putLong(at + JournalFormat.SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(at + JournalFormat.RECORD_HEADER_LENGTH, source, offset, length);
        buffer.setMemory(at + end, recordLength - end, (byte)0);
        buffer.putInt(at + JournalFormat.CRC_OFFSET,
            crc(at + JournalFormat.SEQUENCE_OFFSET, Long.BYTES + length, crc), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at + JournalFormat.LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param offset start of the checksummed range in the stage.
     * @param length its length.
     * @param crc    reused checksum.
     * @return CRC32C of the range.
     */
    int crc(final int offset, final int length, final CRC32C crc)
    {
        return JournalFormat.recordCrc(crcView, offset, length, crc);
    }

    /**
     * Writes what was staged up to a segment offset to its place in the file (the page cache: not forced).
     *
     * @param position segment offset after the last staged record.
     * @throws UncheckedIOException when the write fails.
     */
    void write(final int position)
    {
        final int length = position - from;
        if (length == 0)
        {
            return;
        }
        final int firstLength = buffer.getInt(0, ByteOrder.LITTLE_ENDIAN);
        try
        {
            buffer.putInt(0, JournalFormat.PENDING_LENGTH, ByteOrder.LITTLE_ENDIAN);
            try
            {
                stage.limit(length).position(0);
                writeFully(stage, from);
            }
            finally
            {
                buffer.putInt(0, firstLength, ByteOrder.LITTLE_ENDIAN);
            }
            CrashPoint.BATCH_PENDING.reach();
            stage.limit(LENGTH_BYTES).position(0);
            writeFully(stage, from);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write journal segment " + file + ": " + ex.getMessage(), ex);
        }
        from = position;
    }

    /**
     * Forces the segment's data (not its metadata: the file is preallocated) to the device.
     *
     * @throws UncheckedIOException when the force fails.
     */
    void force()
    {
        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("fdatasync of journal segment " + file + " failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
        channel = null;
    }

    private void writeFully(final ByteBuffer source, final long at) throws IOException
    {
        long position = at;
        while (source.hasRemaining())
        {
            position += channel.write(source, position);
        }
    }

    private void allocate(final int capacity)
    {
        stage = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        buffer = new UnsafeBuffer(stage);
        crcView = stage.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
