package io.disruptorx.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import org.agrona.BitUtil;

/**
 * On-disk layout of journal segments. All integers are little-endian.
 *
 * <pre>
 * Segment file journal-&lt;index, 16 hex digits&gt;.dxj, written full of zeros to the segment size (blocks allocated,
 * not sparse) under the name journal-&lt;index&gt;.dxj.tmp, its header forced, then renamed into place:
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | magic 'DXJ1'      | version           |
 *   +-------------------+-------------------+
 *   | segment size      | header CRC32C     |  CRC32C of bytes 0..7 and 16..31
 *   +-------------------+-------------------+
 *   | segment index (long)                  |
 *   +---------------------------------------+
 *   | reserved (long)                       |
 *   +---------------------------------------+  32 .. 63 reserved, zero
 *   | records from offset 64 ...            |
 *
 * Record, aligned to 8 bytes:
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | payload length    | CRC32C            |  CRC32C of the sequence and the payload
 *   +-------------------+-------------------+
 *   | sequence (long)                       |
 *   +---------------------------------------+
 *   | payload ...                           |
 * </pre>
 *
 * The length is written last, with a store-release, so a crashed process leaves either a whole record or a
 * zero length. A zero length ends the records of a segment: after it the segment must be zero, except, in the
 * last segment, the leftovers of one interrupted append (recovery zeroes them). Damage followed by a valid
 * record is corruption, never a torn tail.
 *
 * The write path ({@link WritePath#WRITE}) puts a batch in the file with two writes: the whole batch with
 * {@link #PENDING_LENGTH} in place of its first record's length, then that length. A crash between the two leaves
 * the pending marker followed by the batch's other records, none of them acknowledged: recovery drops the batch
 * from the marker on as a torn tail, provided the record at the marker is whole but for its length.
 */
public final class JournalFormat
{
    /** 'DXJ1'. */
    public static final int MAGIC = 0x314A5844;
    /** Format version. */
    public static final int VERSION = 1;
    /** Bytes before the first record of a segment. */
    public static final int SEGMENT_HEADER_LENGTH = 64;
    /** Bytes before a record's payload. */
    public static final int RECORD_HEADER_LENGTH = 16;
    /** Record alignment. */
    public static final int ALIGNMENT = 8;
    /**
     * The length of a batch's first record while the rest of the batch is being written: a reader waits at it (a
     * tailer) or ends the journal there (recovery), never reads past it.
     */
    public static final int PENDING_LENGTH = -1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int SEGMENT_SIZE_OFFSET = 8;
    static final int HEADER_CRC_OFFSET = 12;
    static final int SEGMENT_INDEX_OFFSET = 16;

    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int SEQUENCE_OFFSET = 8;

    static final String SEGMENT_PREFIX = "journal-";
    static final String SEGMENT_SUFFIX = ".dxj";
    /** Appended to a segment's name while it is being created; such a file is never part of the journal. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    private JournalFormat()
    {
    }

    /**
     * @param view   a view of the bytes (its position and limit are moved).
     * @param offset start of the checksummed range.
     * @param length its length.
     * @param crc    reused checksum.
     * @return CRC32C of the range, as a record stores it.
     */
    static int recordCrc(final ByteBuffer view, final int offset, final int length, final CRC32C crc)
    {
        crc.reset();
        view.limit(offset + length).position(offset);
        crc.update(view);
        return (int)crc.getValue();
    }

    /**
     * @param payloadLength payload bytes.
     * @return bytes the record takes, header and padding included.
     */
    public static int recordLength(final int payloadLength)
    {
        return BitUtil.align(RECORD_HEADER_LENGTH + payloadLength, ALIGNMENT);
    }

    static String segmentFileName(final long index)
    {
        return String.format("%s%016x%s", SEGMENT_PREFIX, index, SEGMENT_SUFFIX);
    }

    static long segmentIndex(final String fileName)
    {
        if (!fileName.startsWith(SEGMENT_PREFIX) || !fileName.endsWith(SEGMENT_SUFFIX) ||
            fileName.length() != SEGMENT_PREFIX.length() + 16 + SEGMENT_SUFFIX.length())
        {
            return -1;
        }
        try
        {
            final int start = SEGMENT_PREFIX.length();
            return Long.parseUnsignedLong(fileName.substring(start, start + 16), 16);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    static int headerCrc(final org.agrona.DirectBuffer buffer, final CRC32C crc, final byte[] scratch)
    {
        crc.reset();
        buffer.getBytes(0, scratch, 0, 8);
        buffer.getBytes(16, scratch, 8, 16);
        crc.update(scratch, 0, 24);
        return (int)crc.getValue();
    }
}
