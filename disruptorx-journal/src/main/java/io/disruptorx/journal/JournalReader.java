package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a journal directory from the start, checking every header and record checksum.
 *
 * <p>A damaged or zero-length record in the last segment with no valid record anywhere after it is a torn
 * write from a crash: it is reported as the torn tail and, when repairing, zeroed. Damage followed by a valid
 * record, damage in an earlier segment, or data after a zero length in an earlier segment throws
 * {@link JournalCorruptedException} with the file and offset: never a silent skip.
 */
public final class JournalReader
{
    private JournalReader()
    {
    }

    /**
     * What a scan found.
     *
     * @param records          valid records read.
     * @param lastSequence     sequence of the last valid record, 0 when none.
     * @param lastSegmentIndex index of the last segment, -1 when there is none.
     * @param endOffset        offset in the last segment after the last valid record.
     * @param tornTailOffset   offset of a torn tail in the last segment, -1 when there was none.
     * @param bytes            bytes of all segment files.
     */
    public record Scan(
        long records, long lastSequence, long lastSegmentIndex, int endOffset, long tornTailOffset, long bytes)
    {
    }

    /**
     * Reads every record in order without changing any file.
     *
     * @param directory journal directory.
     * @param handler   receives each record.
     * @return what was found.
     * @throws JournalCorruptedException on damage that is not a torn tail.
     */
    public static Scan read(final Path directory, final RecordHandler handler)
    {
        return scan(directory, handler, false);
    }

    static Scan scan(final Path directory, final RecordHandler handler, final boolean repair)
    {
        final List<Path> files = segmentFiles(directory);
        dropTornRoll(files, repair);
        final CRC32C crc = new CRC32C();
        final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
        long records = 0;
        long lastSequence = 0;
        long bytes = 0;
        int endOffset = JournalFormat.SEGMENT_HEADER_LENGTH;
        long tornTail = -1;
        long expectedIndex = -1;
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final long index = JournalFormat.segmentIndex(file.getFileName().toString());
            if (expectedIndex >= 0 && index != expectedIndex)
            {
                throw new JournalCorruptedException(file, 0, "segment " + expectedIndex + " is missing");
            }
            expectedIndex = index + 1;
            final boolean last = i == files.size() - 1;
            try (Segment segment = Segment.open(file, index))
            {
                bytes += segment.size;
                if (last && segment.isZero(0, segment.size))
                {
                    tornTail = 0;
                    if (repair)
                    {
                        segment.writeHeader(crc);
                    }
                    endOffset = JournalFormat.SEGMENT_HEADER_LENGTH;
                    continue;
                }
                checkHeader(segment, crc);
                int position = JournalFormat.SEGMENT_HEADER_LENGTH;
                final UnsafeBuffer buffer = segment.buffer;
                while (position + JournalFormat.RECORD_HEADER_LENGTH <= segment.size)
                {
                    final int length = buffer.getIntVolatile(position);
                    if (length == 0)
                    {
                        if (!segment.isZero(position, segment.size))
                        {
                            if (!last)
                            {
                                throw new JournalCorruptedException(file, position,
                                    "zero record length followed by data in a segment that is not the last");
                            }
                            tornTail = position;
                            endOfTornTail(segment, position, lastSequence, crc, "zero record length", repair);
                        }
                        break;
                    }
                    if (length == JournalFormat.PENDING_LENGTH && last)
                    {
                        tornTail = position;
                        endOfPendingBatch(segment, position, lastSequence, crc, repair);
                        break;
                    }
                    final String problem = checkRecord(segment, position, length, lastSequence, crc);
                    if (problem != null)
                    {
                        if (!last)
                        {
                            throw new JournalCorruptedException(file, position, problem);
                        }
                        tornTail = position;
                        endOfTornTail(segment, position, lastSequence, crc, problem, repair);
                        break;
                    }
                    final long sequence =
                        buffer.getLong(position + JournalFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                    payload.wrap(buffer, position + JournalFormat.RECORD_HEADER_LENGTH, length);
                    handler.onRecord(sequence, payload, 0, length);
                    lastSequence = sequence;
                    records++;
                    position += JournalFormat.recordLength(length);
                }
                endOffset = position;
            }
        }
        final long lastIndex = files.isEmpty() ? -1 : expectedIndex - 1;
        return new Scan(records, lastSequence, lastIndex, endOffset, tornTail, bytes);
    }

    /**
     * A crash between creating the next segment file and mapping it (as older versions created segments) leaves a
     * last file too short to hold a header: nothing was ever written to it, so it is dropped (and, when repairing,
     * deleted), even when it is the only file, as after a crash during the very first start.
     */
    private static void dropTornRoll(final List<Path> files, final boolean repair)
    {
        if (files.isEmpty())
        {
            return;
        }
        final Path last = files.get(files.size() - 1);
        try
        {
            if (Files.size(last) < JournalFormat.SEGMENT_HEADER_LENGTH)
            {
                files.remove(files.size() - 1);
                if (repair)
                {
                    Files.delete(last);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot inspect journal segment " + last, ex);
        }
    }

    /**
     * Damage at {@code position} of the last segment is a torn tail only when no valid record follows it: a killed
     * append leaves at most one partial record, so a valid record after the damage means acknowledged data would
     * be lost. When it is torn and repairing, everything from {@code position} to the last non-zero byte is
     * zeroed: an append killed before it published its length leaves its sequence, checksum and body behind, and
     * a later, shorter record written over part of them followed by another crash would otherwise look like a
     * damaged record followed by data.
     */
    private static void endOfTornTail(
        final Segment segment,
        final int position,
        final long lastSequence,
        final CRC32C crc,
        final String problem,
        final boolean repair)
    {
        final int dataEnd = nonZeroEnd(segment, position);
        final int valid = findValidRecord(segment, position + JournalFormat.ALIGNMENT, dataEnd, lastSequence, crc);
        if (valid >= 0)
        {
            throw new JournalCorruptedException(segment.file, position,
                problem + "; a valid record follows at offset " + valid);
        }
        if (repair && dataEnd > position)
        {
            segment.buffer.setMemory(position, dataEnd - position, (byte)0);
            segment.force(position, dataEnd - position);
        }
    }

    /**
     * A batch the write path had not finished writing when the process died: its first record's length is still
     * {@link JournalFormat#PENDING_LENGTH}, and its other records may follow whole, none acknowledged (a batch is
     * acknowledged only after both of its writes). The batch is a torn tail, so it is zeroed when repairing. It is
     * corruption instead when a valid record follows but the record at the marker is not whole but for its length:
     * the first write lays out the batch from its start, so whatever follows a whole first record must have come
     * after it.
     */
    private static void endOfPendingBatch(
        final Segment segment, final int position, final long lastSequence, final CRC32C crc, final boolean repair)
    {
        final int dataEnd = nonZeroEnd(segment, position);
        final int next = findValidRecord(segment, position + JournalFormat.ALIGNMENT, dataEnd, lastSequence, crc);
        if (next >= 0 && !wholeButItsLength(segment, position, next, lastSequence, crc))
        {
            throw new JournalCorruptedException(segment.file, position, "pending batch whose first record is not " +
                "whole; a valid record follows at offset " + next);
        }
        if (repair)
        {
            segment.buffer.setMemory(position, dataEnd - position, (byte)0);
            segment.force(position, dataEnd - position);
        }
    }

    /**
     * @return whether the record at {@code position}, which has no length, passes every check with one of the
     * lengths that would make the next record start at {@code next}.
     */
    private static boolean wholeButItsLength(
        final Segment segment, final int position, final int next, final long lastSequence, final CRC32C crc)
    {
        final int span = next - position - JournalFormat.RECORD_HEADER_LENGTH;
        for (int length = Math.max(1, span - JournalFormat.ALIGNMENT + 1); length <= span; length++)
        {
            if (checkRecord(segment, position, length, lastSequence, crc) == null)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the offset after the last non-zero byte at or after {@code from}, {@code from} when all are zero.
     */
    private static int nonZeroEnd(final Segment segment, final int from)
    {
        final UnsafeBuffer buffer = segment.buffer;
        int end = segment.size;
        while (end - from >= Long.BYTES && buffer.getLong(end - Long.BYTES) == 0)
        {
            end -= Long.BYTES;
        }
        while (end > from && buffer.getByte(end - 1) == 0)
        {
            end--;
        }
        return end;
    }

    /**
     * Looks for a record that passes every check at an aligned offset in {@code [from, to)}.
     *
     * @return its offset, -1 when there is none.
     */
    static int findValidRecord(
        final Segment segment, final int from, final int to, final long lastSequence, final CRC32C crc)
    {
        final UnsafeBuffer buffer = segment.buffer;
        for (int candidate = from; candidate < to && candidate + JournalFormat.RECORD_HEADER_LENGTH <= segment.size;
            candidate += JournalFormat.ALIGNMENT)
        {
            final int length = buffer.getInt(candidate);
            if (length <= 0 || length > segment.size - candidate - JournalFormat.RECORD_HEADER_LENGTH)
            {
                continue;
            }
            // The sequence test is cheap, so it filters candidates before the checksum is computed.
            final long sequence =
                buffer.getLong(candidate + JournalFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (sequence > lastSequence && checkRecord(segment, candidate, length, lastSequence, crc) == null)
            {
                return candidate;
            }
        }
        return -1;
    }

    /**
     * Deletes the temporary files of segment creations a crash interrupted: they were never renamed into place, so
     * they hold nothing of the journal.
     *
     * @param directory journal directory.
     */
    static void deleteTemporaryFiles(final Path directory)
    {
        try (Stream<Path> listing = Files.list(directory))
        {
            for (final Path file : listing.toList())
            {
                final String name = file.getFileName().toString();
                if (name.startsWith(JournalFormat.SEGMENT_PREFIX) && name.endsWith(JournalFormat.TEMPORARY_SUFFIX))
                {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove temporary segment files in " + directory, ex);
        }
    }

    static List<Path> segmentFiles(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory))
        {
            final List<Path> files = new ArrayList<>();
            listing.filter(p -> JournalFormat.segmentIndex(p.getFileName().toString()) >= 0).forEach(files::add);
            files.sort(null);
            return files;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal directory " + directory, ex);
        }
    }

    static void checkHeader(final Segment segment, final CRC32C crc)
    {
        final UnsafeBuffer header = segment.buffer;
        if (header.getInt(JournalFormat.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN) != JournalFormat.MAGIC)
        {
            throw new JournalCorruptedException(segment.file, 0, "bad segment magic");
        }
        final int version = header.getInt(JournalFormat.VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (version != JournalFormat.VERSION)
        {
            throw new JournalCorruptedException(segment.file, 0, "segment version " + version + ", expected " +
                JournalFormat.VERSION);
        }
        final int recorded = header.getInt(JournalFormat.HEADER_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (recorded != JournalFormat.headerCrc(header, crc, new byte[24]) ||
            header.getInt(JournalFormat.SEGMENT_SIZE_OFFSET, ByteOrder.LITTLE_ENDIAN) != segment.size ||
            header.getLong(JournalFormat.SEGMENT_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN) != segment.index)
        {
            throw new JournalCorruptedException(segment.file, 0, "segment header checksum, size or index mismatch");
        }
    }

    static String checkRecord(
        final Segment segment, final int position, final int length, final long previousSequence, final CRC32C crc)
    {
        if (length < 0 || length > segment.size - position - JournalFormat.RECORD_HEADER_LENGTH ||
            position + JournalFormat.recordLength(length) > segment.size)
        {
            return "record length " + length + " does not fit the segment";
        }
        final int recorded = segment.buffer.getInt(position + JournalFormat.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (recorded != segment.crc(position + JournalFormat.SEQUENCE_OFFSET, Long.BYTES + length, crc))
        {
            return "record checksum mismatch";
        }
        final long sequence =
            segment.buffer.getLong(position + JournalFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (sequence <= previousSequence)
        {
            return "record sequence " + sequence + " does not follow " + previousSequence;
        }
        return null;
    }
}
